using Amtron.Sim.Kernel;

namespace Amtron.Sim.Tests.Kernel;

public sealed class ProcessTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_process_waits_for_what_it_yields()
    {
        var sim = new Simulation(Start, 1);
        var ticks = new List<TimeSpan>();
        sim.Process(Periodic(sim, TimeSpan.FromSeconds(30), 4, ticks));
        sim.Run();
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)], ticks);
    }

    [Fact]
    public void Waiting_for_a_process_joins_it()
    {
        var sim = new Simulation(Start, 1);
        var child = sim.Process(Periodic(sim, TimeSpan.FromSeconds(10), 3, []));
        TimeSpan? joinedAt = null;
        sim.Process(Join(sim, child, t => joinedAt = t));
        sim.Run();
        Assert.True(child.IsFinished);
        Assert.Equal(TimeSpan.FromSeconds(30), joinedAt);
    }

    [Fact]
    public void Stopping_a_process_withdraws_its_timeout_and_releases_joiners()
    {
        var sim = new Simulation(Start, 1);
        var ticks = new List<TimeSpan>();
        var charging = sim.Process(Periodic(sim, TimeSpan.FromMinutes(1), 1000, ticks));
        TimeSpan? joinedAt = null;
        sim.Process(Join(sim, charging, t => joinedAt = t));
        sim.Timeout(TimeSpan.FromSeconds(150), priority: -1).OnProcessed(_ => charging.Stop());
        sim.Run();
        Assert.Equal(3, ticks.Count);
        Assert.True(charging.WasStopped);
        Assert.Equal(TimeSpan.FromSeconds(150), joinedAt);
        Assert.Equal(TimeSpan.FromSeconds(150), sim.Elapsed);
    }

    [Fact]
    public void A_process_cannot_stop_itself()
    {
        var sim = new Simulation(Start, 1);
        Process? self = null;
        self = sim.Process(StopSelf(() => self!));
        Assert.Throws<InvalidOperationException>(() => sim.Run());
    }

    [Fact]
    public void Yielding_null_is_a_bug_reported_clearly()
    {
        var sim = new Simulation(Start, 1);
        sim.Process(YieldNull());
        var error = Assert.Throws<InvalidOperationException>(() => sim.Run());
        Assert.Contains("yielded null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yielding_an_already_processed_event_continues_at_once()
    {
        var sim = new Simulation(Start, 1);
        var done = sim.Timeout(TimeSpan.Zero);
        sim.Run();
        var steps = 0;
        sim.Process(Twice(done, () => steps++));
        sim.Run();
        Assert.Equal(2, steps);
    }

    private static IEnumerable<SimEvent> Periodic(Simulation sim, TimeSpan period, int count, List<TimeSpan> ticks)
    {
        for (var i = 0; i < count; i++)
        {
            ticks.Add(sim.Elapsed);
            yield return sim.Timeout(period);
        }
    }

    private static IEnumerable<SimEvent> Join(Simulation sim, Process other, Action<TimeSpan> joined)
    {
        yield return other;
        joined(sim.Elapsed);
    }

    private static IEnumerable<SimEvent> StopSelf(Func<Process> self)
    {
        self().Stop();
        yield break;
    }

    private static IEnumerable<SimEvent> YieldNull()
    {
        yield return null!;
    }

    private static IEnumerable<SimEvent> Twice(SimEvent done, Action step)
    {
        step();
        yield return done;
        step();
    }
}
