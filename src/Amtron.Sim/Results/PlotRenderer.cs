using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using ScottPlot;

namespace Amtron.Sim.Results;

/// <summary>The run's PNG plots (ScottPlot): phase currents against limits, stacked charge point currents, session energy.</summary>
public static class PlotRenderer
{
    private const int Width = 1200;
    private const int Height = 600;
    private const float TitleFontSize = 14;
    private const int MaxLegendEntries = 12;
    private const int MaxSessionBars = 60;
    private const int MaxSessionLabels = 40;

    /// <summary>File names, in report order.</summary>
    public static readonly IReadOnlyList<string> Files = ["phase-currents.png", "charge-point-currents.png", "session-energy.png"];

    /// <summary>
    /// Loads the drawing library (native Skia, fonts) and compiles its code by drawing a tiny plot, so the real plots
    /// later do not pay for it; worth starting on another thread while a long run simulates.
    /// </summary>
    public static void WarmUp()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
        plot.Title("warm-up");
        plot.ShowLegend(Edge.Right);
        _ = plot.GetImageBytes(WarmUpSize, WarmUpSize, ImageFormat.Png);
    }

    private const int WarmUpSize = 64;

    /// <summary>Renders every plot into <paramref name="directory"/>.</summary>
    public static void Render(string directory, Scenario scenario, SimulationResult result, PlotCollector series)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(series);
        var times = Enumerable.Range(0, series.Buckets).Select(b => series.BucketStart(b).UtcDateTime.ToOADate()).ToArray();
        // Independent plots, independent files: render them side by side (a year's plots take a second or so).
        Parallel.Invoke(
            () => PhaseCurrents(Path.Combine(directory, Files[0]), scenario, series, times),
            () => ChargePointCurrents(Path.Combine(directory, Files[1]), scenario, series, times),
            () => SessionEnergy(Path.Combine(directory, Files[2]), result));
    }

    private static void PhaseCurrents(string path, Scenario scenario, PlotCollector series, double[] times)
    {
        var plot = new Plot();
        string[] names = ["L1", "L2", "L3"];
        for (var p = 0; p < names.Length; p++)
        {
            var line = plot.Add.Scatter(times, series.SupplyMax[p]);
            line.LegendText = $"{names[p]} (peak per interval)";
            line.MarkerSize = 0;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        var limits = new List<(string Name, double Amps)>();
        if (scenario.Site.MainFuse is { } fuse)
        {
            limits.Add(("main fuse", Math.Min(fuse.L1.Value, Math.Min(fuse.L2.Value, fuse.L3.Value))));
        }

        foreach (var network in scenario.Site.Networks)
        {
            if (network.Settings.ExternalMeter is { } meter)
            {
                limits.Add(($"network {network.Id} Main Distribution Limit", Math.Min(meter.MainDistributionLimit.L1.Value, Math.Min(meter.MainDistributionLimit.L2.Value, meter.MainDistributionLimit.L3.Value))));
            }
        }

        foreach (var (name, amps) in limits.Distinct())
        {
            var limit = plot.Add.HorizontalLine(amps);
            limit.LegendText = $"{name} {amps:0.#} A";
            limit.LinePattern = LinePattern.Dashed;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{scenario.Name}: supply current at the grid connection");
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.YLabel("A");
        plot.Axes.SetLimitsY(0, Math.Max(1, limits.Select(l => l.Amps).Concat(series.SupplyMax.SelectMany(a => a)).Max()) * 1.1);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    private static void ChargePointCurrents(string path, Scenario scenario, PlotCollector series, double[] times)
    {
        var plot = new Plot();
        var bands = Bands(scenario, series);
        var baseline = new double[series.Buckets];
        foreach (var (name, members) in bands)
        {
            var top = (double[])baseline.Clone();
            foreach (var member in members)
            {
                var mean = series.ChargePointMean[member];
                for (var b = 0; b < top.Length; b++)
                {
                    top[b] += mean[b];
                }
            }

            var area = plot.Add.FillY(times, top, baseline);
            area.LegendText = name;
            area.LineWidth = 0;
            baseline = top;
        }

        plot.Axes.DateTimeTicksBottom();
        var what = bands.Count == series.ChargePointIds.Count ? "per charge point" : "per DLM network (sum of its charge points)";
        plot.Title($"Charge point currents, stacked {what} (mean per interval, A per phase)");
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.YLabel("A");
        plot.Axes.SetLimitsY(0, Math.Max(1, baseline.DefaultIfEmpty(0).Max()) * 1.1);
        if (bands.Count <= MaxLegendEntries)
        {
            plot.ShowLegend(Edge.Right);
        }

        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// One band per charge point while they can be told apart; for larger sites one band per DLM network (points not
    /// managed by a network form a last band), since hundreds of thin bands show nothing.
    /// </summary>
    private static List<(string Name, List<int> Members)> Bands(Scenario scenario, PlotCollector series)
    {
        var ids = series.ChargePointIds;
        if (ids.Count <= MaxLegendEntries)
        {
            return [.. ids.Select((id, i) => (id, new List<int> { i }))];
        }

        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var bands = new List<(string Name, List<int> Members)>();
        var assigned = new HashSet<int>();
        foreach (var network in scenario.Site.Networks)
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

    private static void SessionEnergy(string path, SimulationResult result)
    {
        var plot = new Plot();
        var sessions = result.Sessions;
        if (sessions.Count <= MaxSessionBars)
        {
            SessionBars(plot, sessions);
        }
        else
        {
            SessionScatter(plot, sessions);
        }

        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    private static void SessionBars(Plot plot, IReadOnlyList<SessionResult> sessions)
    {
        var wanted = plot.Add.Bars(Enumerable.Range(0, sessions.Count).Select(i => i - 0.2).ToArray(), sessions.Select(s => s.EnergyWantedKWh).ToArray());
        wanted.LegendText = "wanted";
        foreach (var bar in wanted.Bars)
        {
            bar.Size = 0.4;
        }

        var delivered = plot.Add.Bars(Enumerable.Range(0, sessions.Count).Select(i => i + 0.2).ToArray(), sessions.Select(s => s.EnergyDeliveredKWh).ToArray());
        delivered.LegendText = "delivered";
        foreach (var bar in delivered.Bars)
        {
            bar.Size = 0.4;
        }

        if (sessions.Count <= MaxSessionLabels)
        {
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, sessions.Count).Select(i => (double)i).ToArray(), sessions.Select(s => s.Id).ToArray());
        }

        plot.Title("Energy per session: wanted and delivered");
        plot.YLabel("kWh");
        plot.Axes.Margins(bottom: 0);
    }

    /// <summary>Too many sessions for bars: each session is a dot at (wanted, delivered); fully served ones lie on the diagonal.</summary>
    private static void SessionScatter(Plot plot, IReadOnlyList<SessionResult> sessions)
    {
        var wanted = sessions.Select(s => s.EnergyWantedKWh).ToArray();
        var delivered = sessions.Select(s => s.EnergyDeliveredKWh).ToArray();
        var dots = plot.Add.ScatterPoints(wanted, delivered);
        dots.MarkerSize = 2;
        dots.LegendText = "session";
        var most = Math.Max(1, wanted.Max());
        var diagonal = plot.Add.Line(0, 0, most, most);
        diagonal.LegendText = "delivered = wanted";
        diagonal.LinePattern = LinePattern.Dashed;
        var satisfied = sessions.Count(s => s.FullySatisfied);
        plot.Title($"Energy per session: delivered vs wanted ({sessions.Count} sessions, {satisfied} fully satisfied)");
        plot.XLabel("wanted (kWh)");
        plot.YLabel("delivered (kWh)");
        plot.Axes.SetLimits(0, most * 1.05, 0, most * 1.05);
    }
}
