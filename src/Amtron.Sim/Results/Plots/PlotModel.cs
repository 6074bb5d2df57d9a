namespace Amtron.Sim.Results.Plots;

/// <summary>What a series is, which decides how it is drawn.</summary>
public enum SeriesRole
{
    /// <summary>A current of the run (solid).</summary>
    Measured,

    /// <summary>A limit in force (dashed).</summary>
    Limit,

    /// <summary>What the DLM itself gave out (dotted).</summary>
    Available,

    /// <summary>A time-weighted mean of a current (dotted, in its phase's colour).</summary>
    Mean,
}

/// <summary>How the horizontal axis reads.</summary>
public enum AxisKind
{
    /// <summary>Dates and times, UTC, ISO (values are OLE automation dates).</summary>
    UtcTime,

    /// <summary>Plain numbers.</summary>
    Number,
}

/// <summary>
/// One series. A step series holds Y[i] from X[i] to X[i + 1]; a filled one is an area between
/// <paramref name="Baseline"/> and Y (a band of a stack). <paramref name="Phase"/> (0–2) when it is one phase's.
/// </summary>
public sealed record PlotSeries(string Name, SeriesRole Role, double[] X, double[] Y, bool Step = true, double[]? Baseline = null, int Phase = -1);

/// <summary>One panel of a figure: its own vertical axis, the figure's horizontal one.</summary>
public sealed record PlotPanel(string Title, string YLabel, IReadOnlyList<PlotSeries> Series);

/// <summary>One PNG: panels stacked on one horizontal axis.</summary>
public sealed record PlotFigure(string File, string Title, string XLabel, AxisKind XKind, double XMin, double XMax, IReadOnlyList<PlotPanel> Panels);
