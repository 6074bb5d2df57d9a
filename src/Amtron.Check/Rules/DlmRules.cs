using System.Globalization;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 6 and 7: DLM roles, limits, the external meter, master-only settings.</summary>
internal static class DlmRules
{
    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var site = plan.Site;
        foreach (var network in site.Networks)
        {
            var master = network.Stations.FirstOrDefault(s => s.IsMaster);
            var where = master?.Id ?? (network.Stations.Count > 0 ? network.Stations[0].Id : plan.FirstStation);
            foreach (var finding in Masters(network, where))
            {
                yield return finding;
            }

            foreach (var finding in OperatorLimits(network, where))
            {
                yield return finding;
            }

            if (SupplyLine(network, where) is { } line)
            {
                yield return line;
            }

            if (MainFuse(site, network, where) is { } fuse)
            {
                yield return fuse;
            }

            if (SinglePoint(network, where) is { } single)
            {
                yield return single;
            }

            if (Downgrade(site, network, where) is { } downgrade)
            {
                yield return downgrade;
            }

            if (network.Settings.MaximumCurrentScheduler is not null && plan.Backend == BackendConnection.None)
            {
                yield return DlmSchedulerBackend.At(where, $"network {network.Id} has a 24 h load profile, but no backend connection is described; the schedule runs on UTC from the backend", "connect the stations to a backend (chapter 4 or 5), or check the master's clock");
            }

            if (network.Settings.ExternalMeter is { } meter)
            {
                if (site.Meter is null)
                {
                    yield return DlmMeterMissing.At(where, $"network {network.Id} is set up for an external meter, but the site describes none", "describe the meter (PAC2200 or EEM-MB371) in the site's meter section, or remove externalMeter");
                }
                else if (site.Meter.Wiring is { } wiring && Expected(wiring) != meter.Location)
                {
                    yield return DlmMeterLocation.At(
                        where,
                        $"network {network.Id} has meter location {Name(meter.Location)}, but the meter is wired to measure {(wiring == MeterWiring.ExternalConsumers ? "the external consumers only (6.3.1)" : "the external consumers and the charging stations (6.3.2)")}",
                        $"set the meter location to {Name(Expected(wiring))}");
                }
            }

            foreach (var satellite in network.Stations.Where(s => !s.IsMaster && s.MasterOnlySettings.Count > 0))
            {
                var imbalance = satellite.MasterOnlySettings.Any(k => k.StartsWith("currentImbalance", StringComparison.Ordinal));
                yield return DlmMasterOnlySetting.At(
                    satellite.Id,
                    $"{satellite.Id} is a satellite but has {string.Join(", ", satellite.MasterOnlySettings)} set{(imbalance ? "; the current imbalance limit is a setting of the master only (7)" : string.Empty)}",
                    $"set these on the DLM master {master?.Id ?? "of the network"} and leave them empty on {satellite.Id}");
            }
        }

        var metered = site.Networks.Where(n => n.Settings.ExternalMeter is not null).ToList();
        foreach (var other in metered.Skip(1))
        {
            var where = other.Stations.FirstOrDefault(s => s.IsMaster)?.Id ?? plan.FirstStation;
            yield return DlmMeterOneNetwork.At(where, $"networks {metered[0].Id} and {other.Id} both use the external meter; 6.3 needs all its stations in one DLM network", $"give all stations DLM Network Id {metered[0].Id}, or take the meter off network {other.Id}");
        }
    }

    private static IEnumerable<Finding> Masters(NetworkSpec network, string where)
    {
        var masters = network.Stations.Where(s => s.IsMaster).ToList();
        if (masters.Count == 0)
        {
            yield return DlmOneMaster.At(where, $"DLM network {network.Id} has no DLM master", $"set one station of network {network.Id} to \"DLM Master (With internal DLM-Slave)\", or give these satellites the DLM Network Id of their master");
        }

        foreach (var extra in masters.Skip(1))
        {
            yield return DlmOneMaster.At(extra.Id, $"{extra.Id} is a second DLM master in network {network.Id} (the first is {masters[0].Id})", $"set {extra.Id} to \"DLM Slave (Master-Auto-Discovery)\"");
        }
    }

    private static IEnumerable<Finding> OperatorLimits(NetworkSpec network, string where)
    {
        var settings = network.Settings;
        var limits = new List<(string What, PhaseCurrents Limit)> { ("Operator EVSE Sub-Distribution Limit", settings.OperatorEvseSubDistributionLimit) };
        limits.AddRange(network.OperatorLimitChanges.Select(c => ($"the operator limit sent at {c.At.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}", c.Limit)));
        foreach (var (what, limit) in limits)
        {
            if (AbovePhase(limit, settings.EvseSubDistributionLimit) is { } p)
            {
                yield return DlmOperatorLimit.At(where, Invariant($"{what} L{p + 1} = {limit[p].Value} A is above the EVSE Sub-Distribution Limit {settings.EvseSubDistributionLimit[p].Value} A (network {network.Id})"), Invariant($"lower it to at most {settings.EvseSubDistributionLimit[p].Value} A"));
            }
        }
    }

    /// <summary>
    /// 6.1: the sub-distribution limit protects the supply line, so the line must carry it. 6.3: with an external meter
    /// the load management cannot share the line, so the charge points' Installation Current Limits must add up to no
    /// more than the line carries.
    /// </summary>
    private static Finding? SupplyLine(NetworkSpec network, string where)
    {
        if (network.SupplyLineCapacity is not { } capacity)
        {
            return null;
        }

        if (network.Settings.ExternalMeter is not null)
        {
            // Every point on the line counts, a standalone master's own points (not load-managed) included.
            var sum = PhaseCurrents.Zero;
            foreach (var point in network.Stations.SelectMany(s => s.ChargePoints))
            {
                sum += PhaseCurrents.On(point.ConnectorPhases, point.InstallationCurrentLimit);
            }

            return AbovePhase(sum, capacity) is { } p
                ? DlmSupplyLine.At(where, Invariant($"the Installation Current Limits of network {network.Id} add up to {sum[p].Value} A on L{p + 1}, above the supply line's {capacity[p].Value} A; with an external meter the DLM cannot share the line (6.3)"), Invariant($"lower the Installation Current Limits so they add up to at most {capacity[p].Value} A per phase, or lay the line for {sum[p].Value} A"))
                : null;
        }

        var sub = network.Settings.EvseSubDistributionLimit;
        return AbovePhase(sub, capacity) is { } q
            ? DlmSupplyLine.At(where, Invariant($"EVSE Sub-Distribution Limit L{q + 1} = {sub[q].Value} A of network {network.Id} is above what its supply line carries ({capacity[q].Value} A)"), Invariant($"set the EVSE Sub-Distribution Limit to at most {capacity[q].Value} A (the rating of the line's fuse)"))
            : null;
    }

    /// <summary>6.1 / 6.3.1: what the DLM may plan for must fit behind the grid connection's main fuse.</summary>
    private static Finding? MainFuse(SiteSpec site, NetworkSpec network, string where)
    {
        if (site.MainFuse is not { } fuse)
        {
            return null;
        }

        var (what, limit) = network.Settings.ExternalMeter is { } meter
            ? ("Main Distribution Limit", meter.MainDistributionLimit)
            : ("EVSE Sub-Distribution Limit", network.Settings.EvseSubDistributionLimit);
        return AbovePhase(limit, fuse) is { } p
            ? DlmMainFuse.At(where, Invariant($"{what} L{p + 1} = {limit[p].Value} A of network {network.Id} is above the main fuse ({fuse[p].Value} A)"), Invariant($"set the {what} to at most {fuse[p].Value} A, the rated current of the main fuse"))
            : null;
    }

    /// <summary>6.3.1 / 6.3.2: "If only one charging point is integrated, the value of Installation Current Limit must be entered here."</summary>
    private static Finding? SinglePoint(NetworkSpec network, string where)
    {
        var points = network.Stations.SelectMany(s => s.ChargePoints).ToList();
        if (network.Settings.ExternalMeter is null || points.Count != 1)
        {
            return null;
        }

        var installation = PhaseCurrents.Uniform(points[0].InstallationCurrentLimit.FloorWholeAmps);
        var settings = network.Settings;
        if (settings.EvseSubDistributionLimit == installation && settings.OperatorEvseSubDistributionLimit == installation)
        {
            return null;
        }

        return DlmSinglePointLimits.At(
            where,
            Invariant($"network {network.Id} has one charge point ({points[0].Id}, Installation Current Limit {points[0].InstallationCurrentLimit.Value} A) behind a meter, but its sub-distribution limits are {settings.EvseSubDistributionLimit.L1.Value}/{settings.OperatorEvseSubDistributionLimit.L1.Value} A"),
            Invariant($"enter {points[0].InstallationCurrentLimit.Value} A as EVSE Sub-Distribution Limit and Operator EVSE Sub-Distribution Limit"));
    }

    /// <summary>6.5: the downgrade input is the Siemens 7KM2200's digital input, read through the configured meter.</summary>
    private static Finding? Downgrade(SiteSpec site, NetworkSpec network, string where)
    {
        if (network.Settings.MeterDigitalInputCurrentOffset == PhaseCurrents.Zero)
        {
            return null;
        }

        var reason = network.Settings.ExternalMeter is null ? "the master has no external meter configured"
            : site.Meter is { Type: not MeterSpec.Pac2200 } meter ? $"the meter is an {meter.Type}, which has no downgrade input"
            : null;
        return reason is null
            ? null
            : DlmDowngradeMeter.At(where, $"network {network.Id} has a Meter Digital Input Current Offset, but {reason}", "integrate and configure a Siemens 7KM2200 (PAC2200) meter (6.3, 6.5), or set the offset to 0");
    }

    private static int? AbovePhase(PhaseCurrents value, PhaseCurrents limit)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (value[p] > limit[p])
            {
                return p;
            }
        }

        return null;
    }

    private static ExternalMeterLocation Expected(MeterWiring wiring) => wiring == MeterWiring.ExternalConsumers
        ? ExternalMeterLocation.ExcludingEvseSubDistribution
        : ExternalMeterLocation.IncludingEvseSubDistribution;

    private static string Name(ExternalMeterLocation location) => location == ExternalMeterLocation.ExcludingEvseSubDistribution
        ? "\"Excluding EVSE Sub-Distribution\""
        : "\"Including EVSE Sub-Distribution\"";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
