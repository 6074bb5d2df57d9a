using Amtron.Sim.Runtime;
using Amtron.Sim.Scenarios;
using ScottPlot;

namespace Amtron.Sim.Results;

/// <summary>The run's PNG plots (ScottPlot): phase currents against limits, stacked charge point currents, session energy.</summary>
public static class PlotRenderer
{
    private const int Width = 1200;
    private const int Height = 600;
    private const float TitleFontSize = 14;

    /// <summary>File names, in report order.</summary>
    public static readonly IReadOnlyList<string> Files = ["phase-currents.png", "charge-point-currents.png", "session-energy.png"];

    /// <summary>Renders every plot into <paramref name="directory"/>.</summary>
    public static void Render(string directory, Scenario scenario, SimulationResult result, PlotCollector series)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(series);
        var times = Enumerable.Range(0, series.Buckets).Select(b => series.BucketStart(b).UtcDateTime.ToOADate()).ToArray();
        PhaseCurrents(Path.Combine(directory, Files[0]), scenario, series, times);
        ChargePointCurrents(Path.Combine(directory, Files[1]), series, times);
        SessionEnergy(Path.Combine(directory, Files[2]), result);
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

    private static void ChargePointCurrents(string path, PlotCollector series, double[] times)
    {
        var plot = new Plot();
        var baseline = new double[series.Buckets];
        for (var i = 0; i < series.ChargePointIds.Count; i++)
        {
            var top = baseline.Zip(series.ChargePointMean[i], (a, b) => a + b).ToArray();
            var area = plot.Add.FillY(times, top, baseline);
            area.LegendText = series.ChargePointIds[i];
            baseline = top;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title("Charge point currents, stacked (mean per interval, A per phase)");
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.YLabel("A");
        if (series.ChargePointIds.Count <= 12)
        {
            plot.ShowLegend(Edge.Right);
        }

        plot.SavePng(path, Width, Height);
    }

    private static void SessionEnergy(string path, SimulationResult result)
    {
        var plot = new Plot();
        var sessions = result.Sessions;
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

        if (sessions.Count <= 40)
        {
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, sessions.Count).Select(i => (double)i).ToArray(), sessions.Select(s => s.Id).ToArray());
        }

        plot.Title("Energy per session: wanted and delivered");
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.YLabel("kWh");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }
}
