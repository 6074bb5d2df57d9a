using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// How long after a change a network's limits may be above their values before its master has acted on it: one
/// sample period, the reaction allowance before a draw is judged, the slowest vehicle's reaction at its points, and
/// with an external meter one poll interval. Time above a limit within that window is transient; outside every such
/// window it is time the master could have prevented (steady).
/// </summary>
internal static class TransientWindows
{
    /// <summary>The window of each network in site order, then the site's (the longest, plus a meter poll).</summary>
    public static long[] Of(SiteSpec spec)
    {
        var slowest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var vehicle in spec.Vehicles)
        {
            slowest[vehicle.ChargePointId] = Math.Max(slowest.GetValueOrDefault(vehicle.ChargePointId), vehicle.ReactionDelay.Ticks);
        }

        var poll = spec.Meter?.PollInterval.Ticks ?? 0;
        var windows = new long[spec.Networks.Count + 1];
        for (var n = 0; n < spec.Networks.Count; n++)
        {
            var network = spec.Networks[n];
            var reaction = network.Stations.SelectMany(s => s.ChargePoints).Select(cp => slowest.GetValueOrDefault(cp.Id)).DefaultIfEmpty().Max();
            windows[n] = network.Options.SampleRate.Ticks + network.Options.ReactionAllowance.Ticks + reaction
                + (network.Settings.ExternalMeter is not null ? poll : 0);
            windows[^1] = Math.Max(windows[^1], windows[n] + poll);
        }

        return windows;
    }
}
