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
    [InlineData(1_500, 1.5)]
    [InlineData(-250, -0.25)]
    public void The_value_in_amps_is_the_milliamps_over_a_thousand(long milliamps, double amps) =>
        Assert.Equal(amps, Amps.FromMilliamps(milliamps).Value);

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

    [Fact]
    public void Operators_and_text()
    {
        var three = Amps.From(3);
        Assert.Equal(Amps.From(-3), -three);
        Assert.Equal(Amps.From(12), three * 4);
        Assert.True(three >= Amps.From(3));
        Assert.True(three <= Amps.From(3));
        Assert.False(three > Amps.From(3));
        Assert.Equal("12.346 A", Amps.FromDouble(12.3456).ToString());
        Assert.Equal("-0.5 A", Amps.FromMilliamps(-500).ToString());
        // Exact to the milliamp, also past the 15 significant digits of a double.
        Assert.Equal("9223372036854775.807 A", Amps.FromMilliamps(long.MaxValue).ToString());
        Assert.StartsWith("A current must be a finite number.", Assert.Throws<ArgumentOutOfRangeException>(() => Amps.FromDouble(double.NaN)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Phase_currents_minimum_sign_and_text()
    {
        Assert.Equal(PhaseCurrents.FromWholeAmps(3, 5, 1), PhaseCurrents.Min(PhaseCurrents.FromWholeAmps(3, 7, 1), PhaseCurrents.FromWholeAmps(4, 5, 2)));
        Assert.False(PhaseCurrents.FromWholeAmps(0, 0, 0).AnyNegative);
        Assert.True(PhaseCurrents.FromWholeAmps(-1, 0, 0).AnyNegative);
        Assert.True(PhaseCurrents.FromWholeAmps(0, -1, 0).AnyNegative);
        Assert.True(PhaseCurrents.FromWholeAmps(0, 0, -1).AnyNegative);
        Assert.Equal("[6 A, 0.5 A, 32 A]", PhaseCurrents.FromDoubles(6, 0.5, 32).ToString());
    }
}
