using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

public sealed class LimitIdsTests
{
    [Theory]
    [InlineData("mainFuse", "grid main fuse")]
    [InlineData("network0.evseSubDistributionLimit", "network 0 EVSE Sub-Distribution Limit")]
    [InlineData("network12.dlmLimit", "network 12 DLM limit (Operator, downgrade offset, scheduler)")]
    [InlineData("network3.currentImbalanceLimit", "network 3 Current Imbalance Limit")]
    [InlineData("network3.mainDistributionLimit", "network 3 Main Distribution Limit")]
    [InlineData("network3.somethingElse", "network3.somethingElse")]
    [InlineData("grid.x", "grid.x")]
    [InlineData("network.dlmLimit", "network.dlmLimit")]
    [InlineData("nodot", "nodot")]
    public void Each_id_has_its_words_and_an_unknown_one_stays_as_it_is(string id, string words) =>
        Assert.Equal(words, LimitIds.Describe(id));

    [Fact]
    public void Ids_are_stable_text()
    {
        Assert.Equal("network7.dlmLimit", LimitIds.Dlm(7));
        Assert.Equal("network7.evseSubDistributionLimit", LimitIds.EvseSubDistribution(7));
        Assert.Equal("network7.currentImbalanceLimit", LimitIds.Imbalance(7));
        Assert.Equal("network7.mainDistributionLimit", LimitIds.MainDistribution(7));
    }

    [Fact]
    public void Describing_no_id_is_refused_as_a_null_argument() =>
        Assert.Throws<ArgumentNullException>(() => LimitIds.Describe(null!));
}
