using static Amtron.Check.RuleCatalog;

namespace Amtron.Check;

/// <summary>A rule that could not run on a plan, and the data it lacked.</summary>
/// <param name="Rule">The rule's id.</param>
/// <param name="Missing">What the file would have to give for it to run.</param>
public sealed record RuleNotRun(string Rule, string Missing);

/// <summary>
/// Which rules a plan gives enough data for. A rule without its data finds nothing, and "no findings" must not read
/// as an all-clear for it: the check lists such rules separately.
/// </summary>
public static class RuleCoverage
{
    /// <summary>The rules that could not run on <paramref name="plan"/>, in catalogue order.</summary>
    public static IReadOnlyList<RuleNotRun> NotRun(SitePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var stations = plan.Stations;
        var noNetworkPart = stations.All(s => !s.Described) ? "no station has a network part (network: {...})" : null;
        var missing = new Dictionary<Rule, string?>
        {
            [Firmware452] = noNetworkPart ?? (stations.Count(s => s.Network.Firmware is not null) < 2 ? "fewer than two stations give their firmware" : null),
            [EthernetStar] = noNetworkPart ?? (stations.All(s => s.Network.Uplink is null) ? "no station gives its uplink (switch, router or another station)" : null),
            [EthernetCableLength] = noNetworkPart ?? (stations.All(s => s.Network.CableLengthMetres is null) ? "no station gives its cable length" : null),
            [DlmSupplyLine] = plan.Site.Networks.All(n => n.SupplyLineCapacity is null) ? "no network gives its supply line capacity (supplyLineCapacity)" : null,
            [DlmMainFuse] = plan.Site.MainFuse is null ? "the site gives no main fuse (grid: {mainFuse: ...})" : null,
            [Grid14aMinimum] = plan.Site.GridOperator is null ? "the site gives no grid operator's dimming (gridOperator: {signal, dimming, ...})" : null,
            [DlmMeterLocation] = plan.Site.Networks.Any(n => n.Settings.ExternalMeter is not null) && plan.Site.Meter?.Wiring is null ? "the meter wiring is not given (meter: {measures: ...})" : null,
        };
        foreach (var rule in RuleCatalog.All.Where(NeedsNetworkPart))
        {
            missing.TryAdd(rule, noNetworkPart);
        }

        return [.. RuleCatalog.All.Where(rule => missing.GetValueOrDefault(rule) is not null).Select(rule => new RuleNotRun(rule.Id, missing[rule]!))];
    }

    /// <summary>Addressing, gateway, backend and router rules read the stations' network parts.</summary>
    private static bool NeedsNetworkPart(Rule rule) =>
        rule.Id.Split('.')[0] is "static" or "dhcp" or "gateway" or "ocpp" or "router";
}
