using Amtron.Dlm;
using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// A connected vehicle: follows the signalled current after its reaction delay, draws min(signal, on-board charger,
/// taper limit), integrates energy exactly (its current is constant between its events), and falls asleep after a
/// long pause. Taper is stepped in whole amps so the current stays piecewise constant.
/// </summary>
internal sealed class VehicleRuntime
{
    private const double SecondsPerHour = 3600;
    private const double MinimumTrickleAmps = 1;

    private readonly double _batteryWh;
    private readonly double _wantedWh;
    private readonly double _voltage;
    private long _lastUpdateTicks;

    public VehicleRuntime(VehicleSpec spec, PhaseSet gridPhases, double voltage, long nowTicks)
    {
        Spec = spec;
        GridPhases = gridPhases;
        _voltage = voltage;
        _batteryWh = spec.BatteryKWh * 1000;
        // Scenario files refuse more than the room; a spec built in code is held to it the same way.
        _wantedWh = Math.Min(spec.EnergyWantedKWh, spec.BatteryRoomKWh) * 1000;
        _lastUpdateTicks = nowTicks;
    }

    public VehicleSpec Spec { get; }

    public PhaseSet GridPhases { get; }

    /// <summary>Energy delivered so far, up to the last update.</summary>
    public double DeliveredWh { get; private set; }

    /// <summary>Current drawn on each of its grid phases.</summary>
    public Amps Draw { get; private set; }

    /// <summary>When it first drew current (simulated ticks), if it has.</summary>
    public long? FirstDrawTicks { get; private set; }

    /// <summary>The signal its charger currently obeys (whole amps).</summary>
    public int FollowedSignal { get; private set; }

    public bool Asleep { get; private set; }

    /// <summary>The pending event of its next own draw change (taper step, target reached), if any.</summary>
    public Kernel.SimEvent? OwnChange { get; set; }

    /// <summary>The pending event at which it falls asleep in a pause, if any.</summary>
    public Kernel.SimEvent? SleepTimer { get; set; }

    public double StateOfCharge => Spec.InitialStateOfCharge + (DeliveredWh / _batteryWh);

    public bool Satisfied => DeliveredWh >= _wantedWh - 1e-6;

    /// <summary>True while it wants energy and is awake (IEC 61851 state C when allowed to charge).</summary>
    public bool RequestsCharge => !Satisfied && !Asleep;

    /// <summary>Adds the energy drawn since the last update.</summary>
    public void Integrate(long nowTicks)
    {
        var seconds = (nowTicks - _lastUpdateTicks) / (double)TimeSpan.TicksPerSecond;
        DeliveredWh = Math.Min(_wantedWh, DeliveredWh + (PowerW * seconds / SecondsPerHour));
        _lastUpdateTicks = nowTicks;
    }

    /// <summary>The energy delivered by <paramref name="nowTicks"/> (no later than its next change), without updating it.</summary>
    public double DeliveredWhAt(long nowTicks) =>
        Math.Min(_wantedWh, DeliveredWh + (PowerW * ((nowTicks - _lastUpdateTicks) / (double)TimeSpan.TicksPerSecond) / SecondsPerHour));

    /// <summary>Withdraws its pending own-change and sleep events (it left).</summary>
    public void CancelEvents()
    {
        OwnChange?.Cancel();
        OwnChange = null;
        SleepTimer?.Cancel();
        SleepTimer = null;
    }

    public void Follow(int signal) => FollowedSignal = signal;

    /// <summary>Sets the draw (the site does it, so it can update its sums with the difference).</summary>
    public void SetDraw(Amps draw, long nowTicks)
    {
        Draw = draw;
        if (draw > Amps.Zero)
        {
            FirstDrawTicks ??= nowTicks;
        }
    }

    public void Sleep() => Asleep = true;

    public void Wake() => Asleep = false;

    /// <summary>The draw its state asks for now: followed signal, on-board charger and taper limit, or zero.</summary>
    public Amps WantedDraw() =>
        Asleep || Satisfied || FollowedSignal < DlmConstants.MinimumChargingCurrentWholeAmps
            ? Amps.Zero
            : Amps.Min(Amps.From(FollowedSignal), LimitAt(StateOfCharge));

    /// <summary>What it would draw with any signal: on-board charger and taper limit, or zero when asleep or satisfied.</summary>
    // Stryker disable once Logical : read only for a vehicle that requests charge (awake, not satisfied), where both give LimitAt
    public Amps Ceiling() => Asleep || Satisfied ? Amps.Zero : LimitAt(StateOfCharge);

    /// <summary>When its draw will next change by itself (taper step or target reached), or null while not drawing.</summary>
    public long? NextOwnChangeTicks()
    {
        if (Draw == Amps.Zero)
        {
            return null;
        }

        var power = PowerW;
        var untilSatisfied = (_wantedWh - DeliveredWh) / power * SecondsPerHour;
        var nextLimitSoc = NextTaperBoundary();
        var untilTaper = nextLimitSoc is { } soc ? (soc - StateOfCharge) * _batteryWh / power * SecondsPerHour : double.PositiveInfinity;
        var seconds = Math.Max(0, Math.Min(untilSatisfied, untilTaper));

        // Round up to whole ticks so the event never lands a hair before the boundary it is for.
        return _lastUpdateTicks + (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond) + 1;
    }

    private double PowerW => _voltage * Draw.Value * GridPhases.Count;

    /// <summary>The on-board charger's limit at a state of charge: full current up to the taper point, then linear to a trickle.</summary>
    private Amps LimitAt(double stateOfCharge)
    {
        var max = Spec.MaxCurrent;
        if (Spec.Model == VehicleModel.Ideal || stateOfCharge <= Spec.TaperAboveStateOfCharge)
        {
            return max;
        }

        var ratio = (1 - stateOfCharge) / (1 - Spec.TaperAboveStateOfCharge);
        return Amps.From((long)Math.Max(MinimumTrickleAmps, Math.Floor(max.Value * ratio)));
    }

    /// <summary>
    /// The state of charge at which the taper limit next drops below the current draw, if it will. A vehicle exactly on
    /// a boundary (arriving at its taper point, or at 1 - d x (1 - taper) / max) steps down just after now.
    /// </summary>
    private double? NextTaperBoundary()
    {
        var draw = Draw.Value;
        if (Spec.Model == VehicleModel.Ideal || draw <= MinimumTrickleAmps)
        {
            return null;
        }

        var taper = Spec.TaperAboveStateOfCharge;
        var boundary = 1 - (Math.Ceiling(draw) * (1 - taper) / Spec.MaxCurrent.Value);
        boundary = Math.Max(boundary, taper);

        // The draw is at most the limit now, so the boundary is never behind the state of charge but by rounding, for a
        // vehicle exactly on it (1 - 11 x 0.3 / 12 computes as 0.724 999... for a 12 A charger at 0.725 tapering above
        // 0.7): that boundary is now too, or the vehicle would keep its draw past it.
        return Math.Max(boundary, StateOfCharge);
    }
}
