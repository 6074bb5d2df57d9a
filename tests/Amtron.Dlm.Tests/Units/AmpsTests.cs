using Amtron.Dlm.Units;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Units;

public sealed class AmpsTests
{
    [Theory]
    [InlineData(12.5, 12_500)]
    [InlineData(0.0004, 0)]
    [InlineData(0.0005, 1)]
    [InlineData(-3.2, -3_200)]
    public void Measured_values_round_to_the_nearest_milliamp(double amps, long milliamps) =>
        Assert.Equal(milliamps, Amps.FromDouble(amps).Milliamps);

    [Theory]
    [InlineData(12_999, 12)]
    [InlineData(13_000, 13)]
    [InlineData(-1, -1)]
    [InlineData(-1_000, -1)]
    [InlineData(-1_001, -2)]
    public void Floor_to_whole_amps_rounds_towards_minus_infinity(long milliamps, long whole) =>
        Assert.Equal(whole, Amps.FromMilliamps(milliamps).FloorWholeAmps);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_currents_are_rejected(double amps) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Amps.FromDouble(amps));

    [Fact]
    public void Arithmetic_overflow_is_an_error_not_a_wrap() =>
        Assert.Throws<OverflowException>(() => Amps.FromMilliamps(long.MaxValue) + Amps.FromMilliamps(1));

    [ScaledProperty]
    public bool Floor_is_the_largest_whole_amp_not_above(long milliamps)
    {
        var amps = Amps.FromMilliamps(milliamps / 2);
        var floor = amps.FloorWholeAmps;
        return Amps.From(floor) <= amps && Amps.From(floor + 1) > amps;
    }

    [Fact]
    public void Spread_is_largest_minus_smallest_phase() =>
        Assert.Equal(Amps.FromDouble(9.5), PhaseCurrents.FromDoubles(12.5, 3.0, 4.2).Spread);

    [Fact]
    public void Non_negative_clamps_each_phase() =>
        Assert.Equal(PhaseCurrents.FromWholeAmps(0, 5, 0), PhaseCurrents.FromWholeAmps(-2, 5, 0).NonNegative);
}
