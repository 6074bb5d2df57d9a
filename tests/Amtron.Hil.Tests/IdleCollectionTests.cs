namespace Amtron.Hil.Tests;

/// <summary>
/// The loops' garbage is collected between cycles, by the last loop out. Not run beside other tests: a collection
/// another test's allocations set off would hide a missing one here.
/// </summary>
[Collection(nameof(IdleCollectionTests))]
[CollectionDefinition(nameof(IdleCollectionTests), DisableParallelization = true)]
public sealed class IdleCollectionTests
{
    [Fact]
    public void The_last_loop_to_end_its_cycle_collects_and_one_still_mid_cycle_holds_it_back()
    {
        IdleCollection.Enter();
        IdleCollection.Enter();
        var before = GC.CollectionCount(0);

        IdleCollection.Leave();
        Assert.Equal(before, GC.CollectionCount(0)); // one loop is still mid-cycle: not now

        IdleCollection.Leave();
        Assert.Equal(before + 1, GC.CollectionCount(0));
    }
}
