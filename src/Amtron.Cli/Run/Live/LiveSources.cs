using Amtron.Dlm;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Run.Live;

/// <summary>A simulated charge point as its EMS interface shows it: the live run's last published state.</summary>
internal sealed class LivePointSource(LiveSite live, int index, double voltage) : IChargePointSource
{
    public ChargePointReading Read(DateTimeOffset time) =>
        live.Snapshot is { } snapshot ? Reading(snapshot.Points[index], voltage) : new ChargePointReading();

    /// <summary>IEC 61851 state, OCPP status and the meter of one point, as an AMTRON reports them.</summary>
    public static ChargePointReading Reading(LivePoint point, double voltage) => new()
    {
        Vehicle = !point.VehicleConnected ? VehicleState.A : point.Charging ? VehicleState.C : VehicleState.B,
        Status = !point.VehicleConnected ? OcppStatus.Available
            : point.Drawing ? OcppStatus.Charging
            : point.SignalledAmps < DlmConstants.MinimumChargingCurrentWholeAmps ? OcppStatus.SuspendedEvse
            : OcppStatus.SuspendedEv,
        SignalledAmps = point.SignalledAmps,
        EvMaximumAmps = point.EvMaximumAmps,
        OtherLimitAmps = Math.Min(point.InstallationLimitAmps, AmtronEmsMap.MaximumCurrent),
        RelayPhases = !point.Charging ? 0 : point.VehiclePhases == 1 ? 1 : 3,
        CurrentsA = [.. Enumerable.Range(0, 3).Select(p => p < point.VehiclePhases ? point.Current.Value : 0)],
        VoltagesV = [voltage, voltage, voltage],
        EnergyWh = point.EnergyWh,
        SessionEnergyWh = point.SessionWh,
        SessionDuration = point.SessionDuration,
        UserId = point.VehicleId,
        TransactionOpen = point.VehicleConnected,
    };
}

/// <summary>The site's meter as the live run last published it (nothing while the site file has it failing).</summary>
internal sealed class LiveMeterSource(LiveSite live, double voltage) : IMeterSource
{
    public MeterSample Sample(DateTimeOffset now) => live.Snapshot is { } snapshot
        ? new(snapshot.Meter ?? PhaseCurrents.Zero) { Voltages = Voltages, DigitalInput = snapshot.DigitalInput }
        : new(PhaseCurrents.Zero) { Voltages = Voltages };

    private Volts[] Voltages => [new Volts(voltage), new Volts(voltage), new Volts(voltage)];

    /// <summary>Whether the meter answers now: not while the site file has it failing.</summary>
    public bool Answers => live.Snapshot is not { MeterFailed: true };
}
