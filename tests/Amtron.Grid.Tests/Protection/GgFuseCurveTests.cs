using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>
/// gG links against their sources (docs/grid.md): the fastest curve passes through the IEC 60269-1 gates, the typical
/// curve through pandapower's Siemens NH points; values in the research file's "derived numbers" table by hand.
/// </summary>
public class GgFuseCurveTests
{
    // IEC 60269-1 Table 3 (Imin(10 s), Imin(0.1 s)) and Table 2's conventional time: the fastest link meets each gate exactly.
    [Theory]
    [InlineData(16, 33, 85, 3600)]
    [InlineData(20, 42, 110, 3600)]
    [InlineData(25, 52, 150, 3600)]
    [InlineData(32, 75, 200, 3600)]
    [InlineData(40, 95, 260, 3600)]
    [InlineData(50, 125, 350, 3600)]
    [InlineData(63, 160, 450, 3600)]
    [InlineData(80, 215, 610, 7200)]
    [InlineData(100, 290, 820, 7200)]
    [InlineData(125, 355, 1100, 7200)]
    public void The_fastest_link_meets_the_standards_gates(long rating, double minAt10S, double minAt100Ms, double conventionalSeconds)
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, rating);

        Assert.Equal(10, fuse.Seconds(minAt10S, CurveEdge.Worst), 6);
        Assert.Equal(0.1, fuse.Seconds(minAt100Ms, CurveEdge.Worst), 6);
        // Just above the conventional non-fusing current 1.25·In: the conventional time (1 h up to 63 A, 2 h above).
        Assert.InRange(fuse.Seconds((1.25 * rating) + 0.001, CurveEdge.Worst), conventionalSeconds - 5, conventionalSeconds);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(63)]
    [InlineData(125)]
    public void Nothing_opens_at_or_below_the_conventional_non_fusing_current(long rating)
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, rating);

        Assert.Equal(Amps.FromDouble(1.25 * rating), fuse.NonTripCurrent);
        Assert.Null(fuse.TimeToTrip(fuse.NonTripCurrent, CurveEdge.Worst));
        Assert.Null(fuse.TimeToTrip(fuse.NonTripCurrent, CurveEdge.Typical));
    }

    // The fastest curve starts at (1.25·In, 1 h), and yet at 1.25·In itself, the conventional non-fusing current, a link
    // never opens, on either curve; nor below it.
    [Theory]
    [InlineData(1.25)]
    [InlineData(1)]
    public void At_the_non_fusing_multiple_itself_a_link_never_opens(double multiple)
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, 63);

        Assert.Equal(double.PositiveInfinity, fuse.SecondsToTrip(multiple, CurveEdge.Worst));
        Assert.Equal(double.PositiveInfinity, fuse.SecondsToTrip(multiple, CurveEdge.Typical));
    }

    // The research file's table "t at 2·In (lower)": 16 A 14 s, 63 A 73 s; 63 A at 1.5·In 792 s. By hand for 63 A:
    // the line from (78.75 A, 3600 s) to (160 A, 10 s) has slope ln(10/3600)/ln(160/78.75) = -8.30320, so at 126 A
    // t = 3600 · 1.6^-8.30320 = 72.686 s and at 94.5 A t = 3600 · 1.2^-8.30320 = 792.22 s.
    [Theory]
    [InlineData(16, 32, 14.4, 0.1)]
    [InlineData(63, 126, 72.686, 0.001)]
    [InlineData(63, 94.5, 792.22, 0.01)]
    public void The_fastest_link_between_the_gates_is_straight_on_log_log_axes(long rating, double amps, double seconds, double tolerance)
    {
        Assert.InRange(Devices.Of(DeviceKind.FuseGG, rating).Seconds(amps, CurveEdge.Worst), seconds - tolerance, seconds + tolerance);
    }

    // A 35 A link (the usual German house connection) is not in Table 3: its gates are interpolated on log-log axes
    // between 32 and 40 A; the research file's hypothesis row gives Imin(10 s) ≈ 82 A: exp(ln 75 + w ln(95/75)) with
    // w = ln(35/32)/ln(40/32) = 0.40159 is 82.469 A.
    [Fact]
    public void A_rating_between_rows_takes_interpolated_gates()
    {
        Assert.Equal(10, Devices.Of(DeviceKind.FuseGG, 35).Seconds(82.4687, CurveEdge.Worst), 2);
    }

    // pandapower's Siemens NH-1-63 mean curve: 200 A → 100 s, 300 A → 10 s, 400 A → 2 s (each slower than the
    // fastest link there, so the typical curve is the NH curve itself).
    [Theory]
    [InlineData(63, 200, 100)]
    [InlineData(63, 300, 10)]
    [InlineData(63, 400, 2)]
    [InlineData(16, 35, 400)]
    [InlineData(100, 250, 400)]
    [InlineData(125, 400, 120)]
    public void The_typical_link_follows_the_NH_mean_curve(long rating, double amps, double seconds)
    {
        Assert.Equal(seconds, Devices.Of(DeviceKind.FuseGG, rating).Seconds(amps, CurveEdge.Typical), 6);
    }

    // 40 A has no NH curve: the nearest on a log scale is 50 A (ln 1.25 against ln 1.6), in multiples of In, so
    // 40 · 200/50 = 160 A takes NH-1-50's 40 s. 20 A lies as far from 16 as from 25: the smaller, 16 A's curve
    // (35/16 · 20 = 43.75 A → 400 s).
    [Theory]
    [InlineData(40, 160, 40)]
    [InlineData(20, 43.75, 400)]
    public void An_untabulated_rating_takes_the_nearest_NH_curve_in_multiples_of_its_rating(long rating, double amps, double seconds)
    {
        Assert.Equal(seconds, Devices.Of(DeviceKind.FuseGG, rating).Seconds(amps, CurveEdge.Typical), 6);
    }

    // NH-1-63's first point is 100 A (1.59·In): between 1.25·In and there a typical link does not melt in the table's
    // range, while the fastest allowed one does.
    [Fact]
    public void Below_its_first_point_a_typical_link_does_not_open()
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, 63);

        Assert.Null(fuse.TimeToTrip(Amps.From(95), CurveEdge.Typical));
        Assert.NotNull(fuse.TimeToTrip(Amps.From(95), CurveEdge.Worst));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(160)]
    [InlineData(0)]
    public void Ratings_without_gates_are_refused_with_the_reason(long rating)
    {
        Assert.Null(ProtectiveDevice.Create(DeviceKind.FuseGG, Amps.From(rating), out var problem));
        Assert.NotNull(problem);
        Assert.Contains(rating == 0 ? "above 0 A" : "16–125 A", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_is_written_as_a_site_file_names_it()
    {
        Assert.Equal("63 A gG", Devices.Of(DeviceKind.FuseGG, 63).ToString());
    }
}
