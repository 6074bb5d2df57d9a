using Amtron.Dlm.Units;

namespace Amtron.Dlm.Decision;

/// <summary>One charge point as the DLM master sees it at a decision: its limits, its vehicle, its measured draw.</summary>
/// <param name="Id">Name used in explanations only; it never affects the allocation.</param>
/// <param name="Phases">Grid phases the vehicle draws from, after the charge point's phase rotation.</param>
/// <param name="InstallationCurrentLimit">"Installation Current Limit [A]" of the charge point.</param>
/// <param name="VehicleCeiling">The vehicle's demand ceiling (on-board charger limit or estimated draw).</param>
/// <param name="Requesting">True while a vehicle is connected and wants to charge.</param>
/// <param name="MeasuredCurrents">The charge point's own meter, per grid phase (used with a meter "Including").</param>
public readonly record struct ChargePointDemand(
    string Id,
    PhaseSet Phases,
    Amps InstallationCurrentLimit,
    Amps VehicleCeiling,
    bool Requesting,
    PhaseCurrents MeasuredCurrents)
{
    /// <summary>
    /// How much less than its current this vehicle draws on each of its phases while it charges (a vehicle of 1 or 2
    /// phases tapering below its 6 A slot, or drawing a little less than its whole-amp signal), known from its draw.
    /// With imbalance prevention its phases are kept in balance as they will be: lighter by this, but only while it is
    /// given current (paused, it draws nothing and is short of nothing).
    /// </summary>
    public Amps ImbalanceShortfall { get; init; }

    /// <summary>The highest whole-amp current this charge point may be given: floor(min(installation, vehicle)).</summary>
    public long CeilingWholeAmps => Math.Max(0, Amps.Min(InstallationCurrentLimit, VehicleCeiling).FloorWholeAmps);
}
