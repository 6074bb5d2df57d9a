using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// What the run's plots show, as data (<see cref="PlotFigure"/>), before any drawing: each current against every limit
/// that applies to it. The grid connection's supply against the main fuse and each metered network's Main
/// Distribution Limit; each network's draw (its supply line) against its EVSE Sub-Distribution Limit, its DLM limit
/// over time (Operator changes, downgrade offset, scheduler) and the available current its decisions gave out; each
/// imbalance-checked network's phase spread against its Current Imbalance Limit; the charge points per phase; and for
/// long runs the supply's load-duration curve and typical day.
/// </summary>
public static class PlotFigures
{
    /// <summary>From this length on, a run also gets a load-duration curve and a typical day.</summary>
    public static readonly TimeSpan LongRun = TimeSpan.FromDays(7);

    /// <summary>Bands of the charge point plot beyond which points are grouped per network.</summary>
    public const int MaxBands = 12;

    /// <summary>Every figure file a run can write, in report order (which are written depends on the site).</summary>
    public static readonly IReadOnlyList<string> Files = ["supply.png", "imbalance.png", "charge-point-currents.png", "load-duration.png", "typical-day.png"];

    private static readonly string[] PhaseNames = ["L1", "L2", "L3"];

    /// <summary>The figures for a run of <paramref name="scenario"/> condensed into <paramref name="series"/>.</summary>
    public static IReadOnlyList<PlotFigure> Build(Scenario scenario, PlotCollector series)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(series);
        var site = scenario.Site;
        var times = Enumerable.Range(0, series.Buckets).Select(b => Oa(series.BucketStart(b))).Append(Oa(site.End)).ToArray();
        var per = HumanDuration.Of(series.BucketLength);
        var figures = new List<PlotFigure> { Supply(scenario, series, times, per) };
        if (Imbalance(site, series, times, per) is { } imbalance)
        {
            figures.Add(imbalance);
        }

        figures.Add(ChargePoints(site, series, times, per));
        if (site.Duration >= LongRun)
        {
            figures.Add(LoadDurationCurve(site, series));
            figures.Add(TypicalDayProfile(site, series));
        }

        return figures;
    }

    /// <summary>
    /// Whether the supply at the grid connection is exactly one network's draw (one network, every point in it, no
    /// external load): then one panel shows the supply against every limit.
    /// </summary>
    public static bool SupplyIsOneNetwork(SiteSpec site, PlotCollector series)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(series);
        return site.Networks.Count == 1 && site.ExternalLoads.Count == 0
            && site.Networks[0].ManagedChargePoints.Count() == series.ChargePointIds.Count;
    }

    private static PlotFigure Supply(Scenario scenario, PlotCollector series, double[] times, string per)
    {
        var site = scenario.Site;
        var merged = SupplyIsOneNetwork(site, series);
        var grid = PhaseLines("supply", series.SupplyMax, times, $"peak per {per}");
        grid.AddRange(GridLimits(site));
        if (merged)
        {
            grid.AddRange(NetworkLimits(site, site.Networks[0], series.AvailableMin[0], times, per, merged: true));
        }

        var panels = new List<PlotPanel> { new(merged ? $"Grid connection = network {site.Networks[0].Id} supply line" : "Grid connection", "current (A)", grid) };
        if (!merged)
        {
            for (var n = 0; n < site.Networks.Count; n++)
            {
                var network = site.Networks[n];
                var lines = PhaseLines("draw", series.NetworkDrawMax[n], times, $"peak per {per}");
                lines.AddRange(NetworkLimits(site, network, series.AvailableMin[n], times, per, merged: false));
                panels.Add(new PlotPanel($"Network {network.Id} supply line (what its charge points draw)", "current (A)", lines));
            }
        }

        return TimeFigure(site, "supply.png", $"{scenario.Name}: current per phase against every limit in force", panels);
    }

    private static List<PlotSeries> PhaseLines(string what, double[][] perPhase, double[] times, string how) =>
        [.. Enumerable.Range(0, PhaseSet.PhaseCount).Select(p => new PlotSeries($"{PhaseNames[p]} {what} ({how})", SeriesRole.Measured, times, Closed(perPhase[p]), Phase: p))];

    private static IEnumerable<PlotSeries> GridLimits(SiteSpec site)
    {
        if (site.MainFuse is { } fuse)
        {
            foreach (var s in LimitLines("main fuse", LimitSteps.Constant(site, fuse)))
            {
                yield return s;
            }
        }

        foreach (var network in site.Networks)
        {
            if (network.Settings.ExternalMeter is { } meter)
            {
                foreach (var s in LimitLines($"network {network.Id} Main Distribution Limit", LimitSteps.Constant(site, meter.MainDistributionLimit)))
                {
                    yield return s;
                }
            }
        }
    }

    private static IEnumerable<PlotSeries> NetworkLimits(SiteSpec site, NetworkSpec network, double[][] available, double[] times, string per, bool merged)
    {
        var prefix = merged ? string.Empty : $"network {network.Id} ";
        var subDistribution = LimitSteps.Constant(site, network.Settings.EvseSubDistributionLimit);
        var dlm = LimitSteps.DlmLimit(site, network);
        var same = dlm.Values.All(v => v == network.Settings.EvseSubDistributionLimit);
        foreach (var s in LimitLines(prefix + (same ? "EVSE Sub-Distribution Limit = DLM limit" : "EVSE Sub-Distribution Limit"), subDistribution))
        {
            yield return s;
        }

        if (!same)
        {
            foreach (var s in LimitLines(prefix + "DLM limit (Operator, downgrade offset, scheduler)", dlm))
            {
                yield return s;
            }
        }

        var symmetric = Enumerable.Range(0, times.Length - 1).All(b => available[0][b] == available[1][b] && available[1][b] == available[2][b]);
        for (var p = 0; p < (symmetric ? 1 : PhaseSet.PhaseCount); p++)
        {
            var phase = symmetric ? string.Empty : PhaseNames[p] + " ";
            yield return new PlotSeries($"{prefix}{phase}available current (lowest per {per})", SeriesRole.Available, times, Closed(available[p]), Phase: symmetric ? -1 : p);
        }
    }

    /// <summary>One step line per limit, or one per phase where the phases differ; the value in the name when constant.</summary>
    private static IEnumerable<PlotSeries> LimitLines(string name, LimitSteps steps)
    {
        var x = steps.Times.Select(Oa).ToArray();
        for (var p = 0; p < (steps.Symmetric ? 1 : PhaseSet.PhaseCount); p++)
        {
            var phase = steps.Symmetric ? string.Empty : PhaseNames[p] + " ";
            var y = steps.Values.Select(v => v[p].Value).ToArray();
            var value = steps.IsConstant ? string.Create(CultureInfo.InvariantCulture, $" {y[0]:0.#} A") : string.Empty;
            yield return new PlotSeries($"{phase}{name}{value}", SeriesRole.Limit, x, Closed(y), Phase: steps.Symmetric ? -1 : p);
        }
    }

    private static PlotFigure? Imbalance(SiteSpec site, PlotCollector series, double[] times, string per)
    {
        var panels = new List<PlotPanel>();
        for (var n = 0; n < site.Networks.Count; n++)
        {
            var network = site.Networks[n];
            if (!network.Settings.CurrentImbalancePrevention)
            {
                continue;
            }

            var where = network.Settings.ExternalMeter is null ? "on its supply line" : "at the meter, external load included";
            panels.Add(new PlotPanel($"Network {network.Id}: phase spread {where}", "spread (A)",
            [
                new($"highest minus lowest phase (peak per {per})", SeriesRole.Measured, times, Closed(series.SpreadMax[n])),
                new(string.Create(CultureInfo.InvariantCulture, $"Current Imbalance Limit {network.Settings.CurrentImbalanceLimit.Value:0.#} A (allowed, lowest per {per})"), SeriesRole.Limit, times, Closed(series.AllowedSpreadMin[n])),
            ]));
        }

        return panels.Count == 0 ? null : TimeFigure(site, "imbalance.png", "Phase imbalance against the Current Imbalance Limit", panels);
    }

    private static PlotFigure ChargePoints(SiteSpec site, PlotCollector series, double[] times, string per)
    {
        var bands = Bands(site, series);
        var panels = new List<PlotPanel>();
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            var baseline = new double[series.Buckets];
            var stack = new List<PlotSeries>();
            foreach (var (name, members) in bands)
            {
                var top = (double[])baseline.Clone();
                foreach (var member in members)
                {
                    var mean = series.ChargePointMean[member][p];
                    for (var b = 0; b < top.Length; b++)
                    {
                        top[b] += mean[b];
                    }
                }

                stack.Add(new PlotSeries(name, SeriesRole.Measured, times, Closed(top), Baseline: Closed(baseline)));
                baseline = top;
            }

            panels.Add(new PlotPanel($"{PhaseNames[p]} (mean per {per})", "current (A)", stack));
        }

        var what = bands.Count == series.ChargePointIds.Count ? "per charge point" : "per DLM network (sum of its charge points)";
        return TimeFigure(site, "charge-point-currents.png", $"Charge point currents per phase, stacked {what}", panels);
    }

    /// <summary>
    /// One band per charge point while they can be told apart; for larger sites one band per DLM network (points not
    /// managed by a network form a last band), since hundreds of thin bands show nothing.
    /// </summary>
    private static List<(string Name, List<int> Members)> Bands(SiteSpec site, PlotCollector series)
    {
        var ids = series.ChargePointIds;
        if (ids.Count <= MaxBands)
        {
            return [.. ids.Select((id, i) => (id, new List<int> { i }))];
        }

        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var bands = new List<(string Name, List<int> Members)>();
        var assigned = new HashSet<int>();
        foreach (var network in site.Networks)
        {
            var members = network.Stations.SelectMany(s => s.ChargePoints).Select(cp => index[cp.Id]).ToList();
            assigned.UnionWith(members);
            bands.Add(($"network {network.Id} ({members.Count} points)", members));
        }

        var rest = Enumerable.Range(0, ids.Count).Where(i => !assigned.Contains(i)).ToList();
        if (rest.Count > 0)
        {
            bands.Add(($"other points ({rest.Count})", rest));
        }

        return bands;
    }

    private static PlotFigure LoadDurationCurve(SiteSpec site, PlotCollector series)
    {
        var lines = new List<PlotSeries>();
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            var (hours, amps) = series.LoadDuration.Curve(p);
            lines.Add(new PlotSeries($"{PhaseNames[p]} supply", SeriesRole.Measured, hours, amps, Phase: p));
        }

        var total = site.Duration.TotalHours;
        lines.AddRange(StaticSupplyLimits(site, series, [0, total]));
        return new PlotFigure("load-duration.png", "Load-duration curve of the supply: hours at or above each current", "hours in the run at or above the current (h)", AxisKind.Number, 0, total,
            [new PlotPanel("Grid connection", "current (A)", lines)]);
    }

    private static PlotFigure TypicalDayProfile(SiteSpec site, PlotCollector series)
    {
        var hours = TypicalDay.SlotHours().Append(24).ToArray();
        var lines = new List<PlotSeries>();
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            lines.Add(new PlotSeries($"{PhaseNames[p]} highest", SeriesRole.Measured, hours, Closed(series.TypicalDay.Max[p]), Phase: p));
            lines.Add(new PlotSeries($"{PhaseNames[p]} mean", SeriesRole.Mean, hours, Closed(series.TypicalDay.Mean(p)), Phase: p));
        }

        lines.AddRange(StaticSupplyLimits(site, series, [0, 24]));
        return new PlotFigure("typical-day.png", $"Typical day of the supply: mean and highest current per {TypicalDay.SlotMinutes} min of the day, over {HumanDuration.Of(site.Duration)}", "time of day (UTC, h)", AxisKind.Number, 0, 24,
            [new PlotPanel("Grid connection", "current (A)", lines)]);
    }

    /// <summary>The supply's limits that do not change in time (the main fuse, Main Distribution Limits, and the supply line's fuse when the supply is one network's).</summary>
    private static IEnumerable<PlotSeries> StaticSupplyLimits(SiteSpec site, PlotCollector series, double[] x)
    {
        var limits = new List<(string Name, PhaseCurrents Value)>();
        if (site.MainFuse is { } fuse)
        {
            limits.Add(("main fuse", fuse));
        }

        limits.AddRange(site.Networks.Where(n => n.Settings.ExternalMeter is not null)
            .Select(n => ($"network {n.Id} Main Distribution Limit", n.Settings.ExternalMeter!.MainDistributionLimit)));
        if (SupplyIsOneNetwork(site, series))
        {
            limits.Add(("EVSE Sub-Distribution Limit", site.Networks[0].Settings.EvseSubDistributionLimit));
        }

        foreach (var (name, value) in limits)
        {
            foreach (var s in LimitLines(name, new LimitSteps([site.Start, site.End], [value])))
            {
                yield return s with { X = x };
            }
        }
    }

    private static PlotFigure TimeFigure(SiteSpec site, string file, string title, IReadOnlyList<PlotPanel> panels) =>
        new(file, title, "time (UTC)", AxisKind.UtcTime, Oa(site.Start), Oa(site.End), panels);

    /// <summary>A step series' values with the last repeated at the end, so the last step is drawn to its end.</summary>
    private static double[] Closed(double[] values) => [.. values, values.Length == 0 ? 0 : values[^1]];

    /// <summary>An instant on a plot's time axis (OLE Automation date, UTC).</summary>
    internal static double Oa(DateTimeOffset time) => time.UtcDateTime.ToOADate();
}
