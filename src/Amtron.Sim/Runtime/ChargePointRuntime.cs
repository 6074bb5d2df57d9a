using Amtron.Dlm;
using Amtron.Dlm.Units;
using Amtron.Site.Control;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>A charge point during the run: the vehicle plugged in, the current it signals, its contactor.</summary>
internal sealed class ChargePointRuntime(ChargePointSpec spec, StationSpec station, NetworkRuntime? network, int index) : IMasterPoint
{
    /// <summary>Its position among the site's charge points (column order of the results, index in the ledger).</summary>
    public int Index { get; } = index;

    /// <summary>Its position among its network's managed points (set when it joins the network).</summary>
    public int PositionInNetwork { get; set; }

    public ChargePointSpec Spec { get; } = spec;

    public StationSpec Station { get; } = station;

    /// <summary>Grid phases wired to the connector (computed once: the decision asks at every sample).</summary>
    public PhaseSet ConnectorPhases { get; } = spec.ConnectorPhases;

    /// <summary>The DLM network managing this point (null for a standalone master's own points).</summary>
    public NetworkRuntime? Network { get; } = network;

    public VehicleRuntime? Vehicle { get; set; }

    /// <inheritdoc />
    public PointStatus Status => Vehicle is { } vehicle
        ? new PointStatus(true, !vehicle.Satisfied, Measured, vehicle.Spec.Id) { CurrentCap = EmsCap }
        : PointStatus.Empty;

    /// <summary>The HEMS current limit its own EMS set (a station controlled on its own, manual 6.4); null: none.</summary>
    public Amps? EmsCap { get; set; }

    /// <summary>Energy its meter counted per connector phase in sessions that ended, Wh.</summary>
    public double[] EndedSessionsWh { get; } = new double[PhaseSet.PhaseCount];

    /// <summary>Counts a session's energy on the connector phases its vehicle used (its first <paramref name="phases"/>).</summary>
    public void CountSession(double wattHours, int phases)
    {
        for (var p = 0; p < phases; p++)
        {
            EndedSessionsWh[p] += wattHours / phases;
        }
    }

    public int Signalled { get; private set; }

    public bool ContactorClosed { get; private set; }

    public int ContactorCycles { get; private set; }

    /// <summary>Sets the signalled current and updates the contactor.</summary>
    public void Signal(int current)
    {
        Signalled = current;
        UpdateContactor();
    }

    /// <summary>
    /// The contactor is closed while charging is allowed (at least 6 A) and the vehicle asks for energy (IEC 61851
    /// state C); a full or sleeping vehicle (state B) keeps it open. Each closing counts as a cycle.
    /// </summary>
    public void UpdateContactor()
    {
        var close = Vehicle is { RequestsCharge: true } && Signalled >= DlmConstants.MinimumChargingCurrentWholeAmps;
        if (close && !ContactorClosed)
        {
            ContactorCycles++;
        }

        ContactorClosed = close;
    }

    /// <summary>Its part in its network's withheld current, as last accounted.</summary>
    public WithheldCurrent.Share Withheld { get; set; }

    /// <summary>
    /// Its part in the withheld current now: the signal its vehicle has followed but does not draw, and what the vehicle
    /// would take above its signal (up to the Installation Current Limit).
    /// </summary>
    public WithheldCurrent.Share WithheldNow()
    {
        if (Vehicle is not { } vehicle || !vehicle.RequestsCharge)
        {
            return default;
        }

        var followed = vehicle.FollowedSignal == Signalled && Signalled >= DlmConstants.MinimumChargingCurrentWholeAmps;
        var signal = Amps.From(Signalled);
        var unused = followed ? Amps.Max(Amps.Zero, signal - vehicle.Draw) : Amps.Zero;
        var wanted = Amps.Min(vehicle.Ceiling(), Spec.InstallationCurrentLimit);
        var shortfall = Amps.Max(Amps.Zero, wanted - signal);
        return new WithheldCurrent.Share(vehicle.GridPhases.Mask, unused.Milliamps, shortfall.Milliamps);
    }

    /// <summary>Its grant as last reported to the ledger.</summary>
    public PointGrant Grant { get; set; }

    /// <summary>
    /// What it grants its vehicle now (the signal, at least 6 A, up to what the vehicle would take) and what the vehicle
    /// would take (up to the Installation Current Limit); both zero while the vehicle asks for no energy.
    /// </summary>
    public PointGrant GrantNow()
    {
        if (Vehicle is not { RequestsCharge: true } vehicle)
        {
            return default;
        }

        var wanted = Amps.Min(vehicle.Ceiling(), Spec.InstallationCurrentLimit);
        var granted = Signalled >= DlmConstants.MinimumChargingCurrentWholeAmps ? Amps.Min(Amps.From(Signalled), wanted) : Amps.Zero;
        return new PointGrant(vehicle.GridPhases.Mask, granted, wanted);
    }

    /// <summary>The point's draw per grid phase.</summary>
    public PhaseCurrents Measured => Vehicle is { } v ? PhaseCurrents.On(v.GridPhases, v.Draw) : PhaseCurrents.Zero;
}

/// <summary>What a point grants its vehicle and what the vehicle would take, on the grid phases of <see cref="PhaseMask"/>.</summary>
internal readonly record struct PointGrant(int PhaseMask, Amps Granted, Amps Wanted);
