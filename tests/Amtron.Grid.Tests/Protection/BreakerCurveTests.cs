using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>
/// Breakers as t = k / (M² − Mₙₜ²): the fastest calibrated to IEC 60898-1 test c's lower bound (1 s at 2.55·In), a
/// typical one to 30 s there (the research file's k = 156.8 for an MCB: 190 s at 1.45·In); magnetic releases by band.
/// </summary>
public class BreakerCurveTests
{
    // k = 30 · (2.55² − 1.13²) = 156.768: at 1.45·In 156.768 / (1.45² − 1.13²) = 189.88 s; the fastest, k = 5.2256:
    // 6.3295 s at 1.45·In.
    [Theory]
    [InlineData(DeviceKind.McbB, 1.45, 189.884, 6.32946)]
    [InlineData(DeviceKind.McbC, 2.55, 30, 1)]
    [InlineData(DeviceKind.McbD, 2.55, 30, 1)]
    public void An_MCBs_thermal_release_is_calibrated_at_test_c(DeviceKind kind, double multiple, double typical, double worst)
    {
        var breaker = Devices.Of(kind, 16);

        Assert.Equal(typical, breaker.Seconds(16 * multiple, CurveEdge.Typical), 2);
        Assert.Equal(worst, breaker.Seconds(16 * multiple, CurveEdge.Worst), 4);
    }

    // IEC 60898-1 test a: no trip at 1.13·In; test b: trip within 1 h at 1.45·In (both curves do).
    [Fact]
    public void An_MCB_keeps_the_conventional_currents()
    {
        var breaker = Devices.Of(DeviceKind.McbB, 32);

        Assert.Equal(Amps.FromDouble(36.16), breaker.NonTripCurrent);
        Assert.Null(breaker.TimeToTrip(Amps.FromDouble(36.16), CurveEdge.Worst));
        Assert.InRange(breaker.Seconds(1.45 * 32, CurveEdge.Typical), 0, 3600);
    }

    // SLS E and MCCB: non-tripping 1.05·In; k = 30 · (2.55² − 1.05²) = 162, so the SLS's tripping current 1.2·In opens a
    // typical one after 162 / (1.44 − 1.1025) = 480 s and an MCCB's 1.3·In after 162 / (1.69 − 1.1025) = 275.74 s,
    // both within the conventional hour.
    [Theory]
    [InlineData(DeviceKind.SlsE, 1.2, 480)]
    [InlineData(DeviceKind.Mccb, 1.3, 275.745)]
    public void Selective_and_moulded_case_breakers_open_above_1_05_In(DeviceKind kind, double multiple, double typical)
    {
        var breaker = Devices.Of(kind, 100);

        Assert.Equal(Amps.From(105), breaker.NonTripCurrent);
        Assert.Null(breaker.TimeToTrip(Amps.From(105), CurveEdge.Typical));
        Assert.Equal(typical, breaker.Seconds(100 * multiple, CurveEdge.Typical), 2);
    }

    // B: no trip within 0.1 s at 3·In (thermal: 5.2256 / (9 − 1.2769) = 0.677 s), may open at once above it; a typical
    // B opens at once above 4·In. C and D by their bands.
    [Theory]
    [InlineData(DeviceKind.McbB, 3, 0.6766, 3.01, 4.01)]
    [InlineData(DeviceKind.McbC, 5, 0.2203, 5.01, 7.51)]
    [InlineData(DeviceKind.McbD, 10, 0.0530, 10.01, 15.01)]
    public void The_magnetic_release_opens_at_once_above_its_band(DeviceKind kind, double lowEdge, double thermalAtEdge, double worstInstant, double typicalInstant)
    {
        var breaker = Devices.Of(kind, 10);

        Assert.Equal(thermalAtEdge, breaker.Seconds(10 * lowEdge, CurveEdge.Worst), 3);
        Assert.Equal(0.01, breaker.Seconds(10 * worstInstant, CurveEdge.Worst), 6);
        Assert.True(breaker.Seconds(10 * (typicalInstant - 0.02), CurveEdge.Typical) > 0.01);
        Assert.Equal(0.01, breaker.Seconds(10 * typicalInstant, CurveEdge.Typical), 6);
    }

    // IEC 60898-1 test a at every rating: 1.13 · 20 A = 22.6 A, and yet 22.6 / 20 is a hair above 1.13 in doubles (as
    // at 10 A and many others, not at 32 A), where k / (M² − Mₙₜ²) is some 10¹⁶ s, past what a TimeSpan holds: at the
    // non-tripping current itself the device never opens, on either curve.
    [Theory]
    [InlineData(DeviceKind.McbB, 20)]
    [InlineData(DeviceKind.McbC, 10)]
    [InlineData(DeviceKind.McbD, 32)]
    public void A_breaker_never_opens_at_its_non_tripping_current(DeviceKind kind, long rating)
    {
        var breaker = Devices.Of(kind, rating);

        Assert.Equal(Amps.FromDouble(1.13 * rating), breaker.NonTripCurrent);
        Assert.Null(breaker.TimeToTrip(breaker.NonTripCurrent, CurveEdge.Worst));
        Assert.Null(breaker.TimeToTrip(breaker.NonTripCurrent, CurveEdge.Typical));
    }

    [Fact]
    public void An_MCB_above_125_A_is_refused()
    {
        Assert.Null(ProtectiveDevice.Create(DeviceKind.McbC, Amps.From(160), out var problem));
        Assert.Contains("125 A", problem, StringComparison.Ordinal);
        Assert.NotNull(ProtectiveDevice.Create(DeviceKind.Mccb, Amps.From(160), out _));
    }

    // Every kind, every rating: a typical device is never faster than the fastest the standard allows.
    [Theory]
    [InlineData(DeviceKind.FuseGG)]
    [InlineData(DeviceKind.McbB)]
    [InlineData(DeviceKind.McbC)]
    [InlineData(DeviceKind.McbD)]
    [InlineData(DeviceKind.Mccb)]
    [InlineData(DeviceKind.SlsE)]
    public void A_typical_device_is_never_faster_than_the_fastest(DeviceKind kind)
    {
        foreach (var rating in new long[] { 16, 20, 25, 32, 35, 40, 50, 63, 80, 100, 125 })
        {
            var device = Devices.Of(kind, rating);
            for (var multiple = 1.0; multiple < 30; multiple *= 1.01)
            {
                Assert.True(device.Seconds(rating * multiple, CurveEdge.Typical) >= device.Seconds(rating * multiple, CurveEdge.Worst), $"{device} at {multiple:0.###}·In");
            }
        }
    }
}
