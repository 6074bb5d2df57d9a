using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task A_loop_collects_when_its_cycle_ends()
    {
        var station = new StationSpec("CS1", StationRole.MasterWithInternalSlave, [new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation)]);
        var network = new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)), new DlmControllerOptions(), [station]);
        var loop = new HilLoop(network, [new HilPoint(station.ChargePoints[0], station, new FakeCharger("cp1"))], null, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null);
        await loop.CycleAsync(CancellationToken.None); // compiled and connected: the next cycle allocates little

        var before = GC.CollectionCount(0);
        await loop.CycleAsync(CancellationToken.None);
        Assert.Equal(before + 1, GC.CollectionCount(0));
    }
}
