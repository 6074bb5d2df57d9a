using Amtron.Sim.Results;

namespace Amtron.Sim.Tests.Results;

/// <summary>Durations in a report as a person reads them (issue 13: "2 d 4 h, not 4838345.6 s").</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(42.5, "42.5 s")]
    [InlineData(60, "1 min")]
    [InlineData(330, "5 min 30 s")]
    [InlineData(3600, "1 h")]
    [InlineData(11_520, "3 h 12 min")]
    [InlineData(86_400, "1 d")]
    [InlineData(187_200, "2 d 4 h")]
    [InlineData(4_838_345.6, "55 d 23 h")]
    [InlineData(-90, "-1 min 30 s")]
    public void Two_largest_units(double seconds, string expected) => Assert.Equal(expected, HumanDuration.Of(TimeSpan.FromSeconds(seconds)));
}
