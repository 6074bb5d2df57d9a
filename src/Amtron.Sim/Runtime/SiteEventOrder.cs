namespace Amtron.Sim.Runtime;

/// <summary>
/// The order of the site's event kinds at one instant, as kernel priorities (lower first; within a kind, first
/// scheduled runs first). A car leaving and the next arriving at the same point in the same second is normal in real
/// data, so departures free the point before arrivals take it; settings that change at an instant (Operator limit,
/// schedule hour, downgrade input, meter failure, outage) apply before the DLM decides; vehicle reactions, taper steps,
/// sleep and load steps come after the decision.
/// </summary>
internal static class SiteEventOrder
{
    /// <summary>A vehicle leaves.</summary>
    public const int Departure = -4;

    /// <summary>A vehicle arrives.</summary>
    public const int Arrival = -3;

    /// <summary>A setting in force changes.</summary>
    public const int SettingChange = -2;

    /// <summary>The DLM master decides.</summary>
    public const int Decision = -1;

    /// <summary>Everything else: the kernel's default priority.</summary>
    public const int Normal = Kernel.Simulation.NormalPriority;
}
