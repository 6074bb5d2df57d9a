using Amtron.Grid.Dimming;

namespace Amtron.Grid.Tests.Dimming;

/// <summary>§14a P_min against the research file's table (BNetzA BK6-22-300 Anlage 1, 4.5.2; Tinkerforge's docs).</summary>
public class MinimumPowerTests
{
    [Theory]
    [InlineData(1, 4.20)]
    [InlineData(2, 7.56)]
    [InlineData(3, 10.50)]
    [InlineData(4, 13.02)]
    [InlineData(5, 15.12)]
    [InlineData(6, 16.80)]
    [InlineData(7, 18.06)]
    [InlineData(8, 18.90)]
    [InlineData(9, 19.32)]
    [InlineData(12, 24.99)] // 4.2 + 11 × 0.45 × 4.2 = 4.2 + 20.79
    public void The_minimum_grows_with_the_simultaneity_factor(int consumers, double kiloWatts)
    {
        Assert.Equal(kiloWatts, MinimumPower.KiloWatts(consumers), 9);
    }

    // A heat-pump group above 11 kW sets the base: 0.4 × 15 kW = 6 kW; with a charge point (n = 2): 6 + 0.8 × 4.2 = 9.36.
    // An 11 kW group is not above 11 kW: the base stays 4.2 kW. Two large groups: the larger sets it (0.4 × 20 = 8).
    [Theory]
    [InlineData(2, 15, 0, 9.36)]
    [InlineData(2, 11, 0, 7.56)]
    [InlineData(3, 12, 20, 8 + (2 * 0.75 * 4.2))]
    public void A_large_heat_pump_or_air_conditioning_group_sets_the_base(int consumers, double heatPumps, double airConditioners, double kiloWatts)
    {
        Assert.Equal(kiloWatts, MinimumPower.KiloWatts(consumers, heatPumps, airConditioners), 9);
    }

    [Fact]
    public void The_arithmetic_is_said_in_words()
    {
        Assert.Equal("4.2 kW + (3 − 1) × 0.75 × 4.2 kW = 10.5 kW", MinimumPower.Explained(3));
        Assert.Equal("0.4 × 15 kW + (2 − 1) × 0.80 × 4.2 kW = 9.36 kW", MinimumPower.Explained(2, heatPumpsKW: 15));
        Assert.Equal("4.2 kW = 4.2 kW", MinimumPower.Explained(1));
    }

    [Fact]
    public void There_is_no_minimum_without_a_consumer()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MinimumPower.KiloWatts(0));
    }

    [Fact]
    public void There_is_no_simultaneity_factor_for_one_consumer()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MinimumPower.SimultaneityFactor(1));

        Assert.Equal("consumers", error.ParamName);
        Assert.Contains("greater than or equal to '2'", error.Message, StringComparison.Ordinal);
    }

    // The check is the minimum's own (at least one consumer), not the simultaneity factor's (at least two).
    [Fact]
    public void A_minimum_needs_one_consumer_at_least()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MinimumPower.KiloWatts(0));

        Assert.Equal("consumers", error.ParamName);
        Assert.Contains("greater than or equal to '1'", error.Message, StringComparison.Ordinal);
    }
}
