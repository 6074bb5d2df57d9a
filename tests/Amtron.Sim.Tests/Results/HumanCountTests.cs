using Amtron.Sim.Results;

namespace Amtron.Sim.Tests.Results;

/// <summary>Counts in a report with the noun in the right number ("1 change sent", not "1 changes sent").</summary>
public sealed class HumanCountTests
{
    [Theory]
    [InlineData(0, "0 sessions")]
    [InlineData(1, "1 session")]
    [InlineData(2, "2 sessions")]
    public void Singular_only_for_one(int count, string expected) => Assert.Equal(expected, HumanCount.Of(count, "session", "sessions"));
}
