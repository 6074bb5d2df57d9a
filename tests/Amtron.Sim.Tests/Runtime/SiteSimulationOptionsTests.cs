using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

public sealed class SiteSimulationOptionsTests
{
    [Fact]
    public void By_default_four_partitions_per_core_and_decisions_skipped_while_nothing_changes()
    {
        var options = new SiteSimulationOptions();
        Assert.Equal(4 * Environment.ProcessorCount, options.MaxPartitions);
        Assert.False(options.DecideEveryPeriod);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_one_partition_is_refused(int partitions)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SiteSimulationOptions { MaxPartitions = partitions });
        Assert.StartsWith("at least one partition is needed", error.Message, StringComparison.Ordinal);
    }
}
