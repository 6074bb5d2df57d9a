using System.Globalization;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using ScottPlot;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// Draws the run's PNGs (ScottPlot): the figures of <see cref="PlotFigures"/> and the session energy. Every panel has
/// the same data area (fixed margins, legend beside it), so time axes line up across panels and figures.
/// </summary>
public static class PlotRenderer
{
    private const int Width = 1300;
    private const int PanelHeight = 330;
    private const float TitleFontSize = 13;
    private const float LegendFontSize = 11;
    private const int MaxSessionBars = 60;
    private const int MaxSessionLabels = 40;
    private const string SessionFile = "session-energy.png";
    private static readonly PixelPadding Margins = new(left: 75, right: 420, bottom: 65, top: 60);

    private static readonly Color[] PhaseColours = [Color.FromHex("#8B4513"), Color.FromHex("#000000"), Color.FromHex("#8C8C8C")];
    private static readonly Color[] LimitColours = [Color.FromHex("#D62728"), Color.FromHex("#9467BD"), Color.FromHex("#FF7F0E"), Color.FromHex("#1F77B4"), Color.FromHex("#E377C2"), Color.FromHex("#17BECF")];
    private static readonly Color[] AvailableColours = [Color.FromHex("#2CA02C"), Color.FromHex("#66C266"), Color.FromHex("#006400")];
    private static readonly ScottPlot.Palettes.Category10 Bands = new();

    /// <summary>Every file a run can write, in report order.</summary>
    public static readonly IReadOnlyList<string> Files = [.. PlotFigures.Files, SessionFile, TripRiskFigure.File];

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

    /// <summary>Renders every plot into <paramref name="directory"/>; returns the files written, in report order.</summary>
    public static IReadOnlyList<string> Render(string directory, Scenario scenario, SimulationResult result, PlotCollector series)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var figures = PlotFigures.Build(scenario, series);
        if (TripRiskFigure.Of(scenario.Site, result) is { } tripRisk)
        {
            figures = [.. figures, tripRisk];
        }

        // Independent plots, independent files: render them side by side (a year's plots take a second or so).
        Parallel.Invoke(
            [.. figures.Select(f => (Action)(() => Draw(f, Path.Combine(directory, f.File)))),
            () => SessionEnergy(Path.Combine(directory, SessionFile), result)]);
        return [.. figures.Where(f => f.File != TripRiskFigure.File).Select(f => f.File), SessionFile, .. figures.Where(f => f.File == TripRiskFigure.File).Select(f => f.File)];
    }

    /// <summary>Draws one figure: its panels stacked, one horizontal axis shared.</summary>
    public static void Draw(PlotFigure figure, string path)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var plots = figure.Panels.Select(_ => new Plot()).ToArray();
        var multiplot = new Multiplot();
        multiplot.Reset(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            multiplot.AddPlot(plot);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        for (var i = 0; i < plots.Length; i++)
        {
            Panel(plots[i], figure, figure.Panels[i], i == 0 ? figure.Title : null);
        }

        multiplot.SharedAxes.ShareX(plots);
        multiplot.SavePng(path, Width, PanelHeight * plots.Length);
    }

    private static void Panel(Plot plot, PlotFigure figure, PlotPanel panel, string? figureTitle)
    {
        var used = new Dictionary<SeriesRole, int>();
        foreach (var series in panel.Series)
        {
            var nth = used[series.Role] = used.GetValueOrDefault(series.Role, -1) + 1;
            if (series.Baseline is { } baseline)
            {
                var area = plot.Add.FillY(series.X, series.Y, baseline);
                area.LegendText = series.Name;
                area.LineWidth = 0;
                area.FillColor = Bands.GetColor(nth).WithAlpha(.85);
                continue;
            }

            var line = plot.Add.Scatter(series.X, series.Y, ColourOf(series, nth));
            line.LegendText = series.Name;
            line.MarkerSize = 0;
            line.ConnectStyle = series.Step ? ConnectStyle.StepHorizontal : ConnectStyle.Straight;
            (line.LinePattern, line.LineWidth) = series.Role switch
            {
                SeriesRole.Limit => (LinePattern.Dashed, 2f),
                SeriesRole.Available or SeriesRole.Mean => (LinePattern.Dotted, 1.5f),
                _ => (LinePattern.Solid, 1.2f),
            };
        }

        plot.Title(figureTitle is null ? panel.Title : $"{figureTitle}\n{panel.Title}");
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.YLabel(panel.YLabel);
        if (figure.XKind == AxisKind.UtcTime)
        {
            // Before the label: the date-time axis replaces the bottom axis, and its label with it.
            var ticks = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = IsoLabel };
            plot.Axes.DateTimeTicksBottom().TickGenerator = ticks;
        }

        plot.XLabel(figure.XLabel);

        var top = panel.Series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(figure.XMin, figure.XMax, 0, Math.Max(1, top) * 1.12);
        Legend(plot);
    }

    /// <summary>Beside the data area, one entry per line, in fixed margins so every data area has the same size.</summary>
    private static void Legend(Plot plot)
    {
        plot.Layout.Fixed(Margins);
        plot.ShowLegend(Edge.Right);
        plot.Legend.Orientation = Orientation.Vertical;
        plot.Legend.FontSize = LegendFontSize;
    }

    /// <summary>A phase's current in its conductor colour (IEC 60445: L1 brown, L2 black, L3 grey); limits in warm colours, what the DLM gave out in greens.</summary>
    private static Color ColourOf(PlotSeries series, int nth) => series.Role switch
    {
        SeriesRole.Measured or SeriesRole.Mean when series.Phase >= 0 => PhaseColours[series.Phase],
        SeriesRole.Limit => LimitColours[nth % LimitColours.Length],
        SeriesRole.Available => AvailableColours[nth % AvailableColours.Length],
        _ => Bands.GetColor(nth),
    };

    /// <summary>ISO 8601 in UTC: the date alone at midnight, else date and time.</summary>
    private static string IsoLabel(DateTime time) =>
        time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

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
        Legend(plot);
        plot.SavePng(path, Width, PanelHeight * 2);
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
        plot.XLabel("session");
        plot.YLabel("energy (kWh)");
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
