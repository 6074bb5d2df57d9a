using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>The curves' own rules: what a point curve accepts, its first point, a thermal release at and below Mₙₜ, Table 2's times.</summary>
public class TripCurveTests
{
    [Fact]
    public void A_point_curve_needs_its_points()
    {
        Assert.Throws<ArgumentNullException>(() => new PointCurve(null!));
    }

    [Fact]
    public void A_point_curve_needs_two_points_at_least()
    {
        var error = Assert.Throws<ArgumentException>(() => new PointCurve([(2, 10)]));

        Assert.StartsWith("a curve needs two points at least", error.Message, StringComparison.Ordinal);
        Assert.Equal("points", error.ParamName);
    }

    // Two points are enough: from (1·In, 100 s) to (10·In, 1 s) the slope is ln(1/100)/ln 10 = −2, so at 2·In
    // t = 100 · 2^−2 = 25 s.
    [Fact]
    public void Two_points_make_a_curve()
    {
        Assert.Equal(25, new PointCurve([(1, 100), (10, 1)]).SecondsAt(2), 9);
    }

    // Each point at a higher current and a shorter time: an equal current, an equal time or a longer time is refused
    // (any one of the two failing is enough), naming the point.
    [Theory]
    [InlineData(2, 10, 2, 1)]
    [InlineData(2, 10, 4, 10)]
    [InlineData(2, 10, 4, 20)]
    [InlineData(2, 10, 1, 1)]
    public void A_point_curve_rises_in_current_and_falls_in_time(double multiple0, double seconds0, double multiple1, double seconds1)
    {
        var error = Assert.Throws<ArgumentException>(() => new PointCurve([(multiple0, seconds0), (multiple1, seconds1)]));

        Assert.StartsWith("point 1 does not lie at a higher current and a shorter time than the one before", error.Message, StringComparison.Ordinal);
        Assert.Equal("points", error.ParamName);
    }

    // The first point is on the curve: at 1·In exactly the curve of (1·In, 100 s), (10·In, 1 s) takes 100 s; just
    // below it, never.
    [Fact]
    public void A_point_curve_opens_at_its_first_point_and_not_below()
    {
        var curve = new PointCurve([(1, 100), (10, 1)]);

        Assert.Equal(100, curve.SecondsAt(1), 9);
        Assert.Equal(double.PositiveInfinity, curve.SecondsAt(0.999));
    }

    // NH-1-63's first point (100 A, 4000 s): a 63 A link at 100 A takes 4000 s typically (the fastest allowed one is
    // quicker there: 3600 · (100/78.75)^−8.3032 = 495 s).
    [Fact]
    public void A_typical_link_opens_at_the_first_point_of_its_NH_curve()
    {
        Assert.Equal(4000, Devices.Of(DeviceKind.FuseGG, 63).Seconds(100, CurveEdge.Typical), 6);
    }

    // A thermal release never opens at or below Mₙₜ: with k = 5.2256 and Mₙₜ = 1.13, at 1·In (the denominator would be
    // 1 − 1.2769 < 0) and at 0.5·In, never.
    [Theory]
    [InlineData(1)]
    [InlineData(0.5)]
    public void A_thermal_release_never_opens_below_its_non_tripping_multiple(double multiple)
    {
        Assert.Equal(double.PositiveInfinity, new ThermalCurve(5.2256, 1.13, 3).SecondsAt(multiple));
    }

    // IEC 60269-1 Table 2: 1 h up to 63 A, 2 h up to 160 A, 3 h up to 400 A, else 4 h (each bound included).
    [Theory]
    [InlineData(63, 1)]
    [InlineData(64, 2)]
    [InlineData(160, 2)]
    [InlineData(161, 3)]
    [InlineData(400, 3)]
    [InlineData(401, 4)]
    public void The_conventional_time_follows_Table_2(double rating, double hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), GgFuseTable.ConventionalTime(rating));
    }

    // A fuse has no magnetic band: asking the breaker table for one is a programming error, said as such.
    [Fact]
    public void The_breaker_table_refuses_a_fuse()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BreakerTable.Worst(DeviceKind.FuseGG));

        Assert.StartsWith("not a breaker", error.Message, StringComparison.Ordinal);
        Assert.Equal("kind", error.ParamName);
    }
}
