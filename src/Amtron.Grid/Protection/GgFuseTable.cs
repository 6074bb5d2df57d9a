namespace Amtron.Grid.Protection;

/// <summary>
/// gG fuse links (IEC 60269-1), 16 A to 125 A: the fastest curve the standard allows and a typical curve. Sources and
/// the reasoning are in docs/grid.md.
/// </summary>
internal static class GgFuseTable
{
    /// <summary>Conventional non-fusing current Inf = 1.25·In for In ≥ 16 A (IEC 60269-1 Table 2).</summary>
    public const double NonTripMultiple = 1.25;

    /// <summary>
    /// IEC 60269-1 Table 3, the gates a gG link's pre-arcing time must keep: it must not melt within 10 s at Imin(10 s)
    /// nor within 0.1 s at Imin(0.1 s). Amps, as reproduced in jacho35/protectionpro
    /// testing/tcc-review/build_gg_curves.py ("IEC 60269-1 Table 3 gG gates").
    /// </summary>
    private static readonly (double Rating, double MinAt10S, double MinAt100Ms)[] Gates =
    [
        (16, 33, 85), (20, 42, 110), (25, 52, 150), (32, 75, 200), (40, 95, 260),
        (50, 125, 350), (63, 160, 450), (80, 215, 610), (100, 290, 820), (125, 355, 1100),
    ];

    /// <summary>
    /// Mean melting curves of Siemens NH gG links (amps → seconds), as digitised in e2nIEE/pandapower
    /// pandapower/std_types.py (fuse std types "Siemens NH-1-*", x_avg / t_avg).
    /// </summary>
    private static readonly (double Rating, (double Amps, double Seconds)[] Points)[] Typical =
    [
        (16, [(26, 4000), (35, 400), (75, 2), (150, 0.1), (200, 0.04), (300, 0.01)]),
        (25, [(40, 4000), (50, 1000), (100, 10), (210, 0.2), (400, 0.02), (500, 0.01)]),
        (50, [(86, 4000), (200, 40), (300, 4), (400, 1), (1000, 0.02), (1280, 0.01)]),
        (63, [(100, 4000), (200, 100), (300, 10), (400, 2), (1000, 0.04), (1500, 0.01)]),
        (80, [(150.58, 4800), (250, 120), (450, 7), (1150, 0.1), (2470, 0.01)]),
        (100, [(150, 5400), (190, 2000), (250, 400), (430, 20), (900, 1), (1250, 0.2), (2700, 0.012), (3600, 0.004)]),
        (125, [(180, 4800), (400, 120), (740, 7), (2000, 0.1), (4250, 0.004)]),
    ];

    /// <summary>The smallest rating with gates in the table.</summary>
    public static double SmallestRating => Gates[0].Rating;

    /// <summary>The largest rating with gates in the table.</summary>
    public static double LargestRating => Gates[^1].Rating;

    /// <summary>The conventional time of IEC 60269-1 Table 2: 1 h up to 63 A, 2 h up to 160 A, 3 h up to 400 A, else 4 h.</summary>
    public static TimeSpan ConventionalTime(double rating) => TimeSpan.FromHours(rating switch
    {
        <= 63 => 1,
        <= 160 => 2,
        <= 400 => 3,
        _ => 4,
    });

    /// <summary>
    /// The fastest curve the standard allows: straight on log-log axes from (Inf, conventional time) through
    /// (Imin(10 s), 10 s) to (Imin(0.1 s), 0.1 s). A rating between two rows takes gates interpolated on log-log axes.
    /// </summary>
    public static PointCurve Worst(double rating)
    {
        var (min10, min01) = GatesAt(rating);
        return new PointCurve([(NonTripMultiple, ConventionalTime(rating).TotalSeconds), (min10 / rating, 10), (min01 / rating, 0.1)]);
    }

    /// <summary>
    /// A typical link's curve: the Siemens NH curve of the nearest tabulated rating (on a log scale, a tie to the
    /// smaller), in multiples of the rating.
    /// </summary>
    public static PointCurve TypicalCurve(double rating)
    {
        // Stryker disable once Conditional,Equality : the table is in rising order and MinBy keeps the first of equal keys, so a tie already goes to the smaller; the term only orders exact ties, and at milliamp resolution the only one is 20 A = √(16 · 25), where |ln(16/20)| ≤ ln(25/20) in doubles as well (the 20 A test); an exact match (distance 0) stays the nearest with 1e-12 added
        var nearest = Typical.MinBy(t => Math.Abs(Math.Log(t.Rating / rating)) + (t.Rating > rating ? 1e-12 : 0));
        return new PointCurve([.. nearest.Points.Select(p => (p.Amps / nearest.Rating, p.Seconds))]);
    }

    private static (double MinAt10S, double MinAt100Ms) GatesAt(double rating)
    {
        var upper = Array.FindIndex(Gates, g => g.Rating >= rating);
        var high = Gates[upper];
        if (high.Rating == rating)
        {
            return (high.MinAt10S, high.MinAt100Ms);
        }

        var low = Gates[upper - 1];
        var w = Math.Log(rating / low.Rating) / Math.Log(high.Rating / low.Rating);
        return (LogLerp(low.MinAt10S, high.MinAt10S, w), LogLerp(low.MinAt100Ms, high.MinAt100Ms, w));
    }

    private static double LogLerp(double a, double b, double w) => Math.Exp(Math.Log(a) + (w * (Math.Log(b) - Math.Log(a))));
}
