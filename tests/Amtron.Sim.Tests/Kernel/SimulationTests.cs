using Amtron.Sim.Kernel;
using FsCheck.Xunit;

namespace Amtron.Sim.Tests.Kernel;

public sealed class SimulationTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static Simulation NewSimulation(ulong seed = 1) => new(Start, seed);

    [Fact]
    public void Events_run_in_time_order_and_the_clock_follows()
    {
        var sim = NewSimulation();
        var seen = new List<(string, DateTimeOffset)>();
        foreach (var (name, seconds) in new[] { ("c", 30), ("a", 10), ("b", 20) })
        {
            sim.Timeout(TimeSpan.FromSeconds(seconds)).OnProcessed(_ => seen.Add((name, sim.Now)));
        }

        sim.Run();
        Assert.Equal([("a", Start.AddSeconds(10)), ("b", Start.AddSeconds(20)), ("c", Start.AddSeconds(30))], seen);
        Assert.Equal(3, sim.ProcessedEvents);
    }

    [Fact]
    public void Equal_times_run_first_in_first_out()
    {
        var sim = NewSimulation();
        var seen = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var n = i;
            sim.Timeout(TimeSpan.FromSeconds(5)).OnProcessed(_ => seen.Add(n));
        }

        sim.Run();
        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public void Call_runs_its_action_with_its_state_in_order_with_timeouts_and_not_when_cancelled()
    {
        var sim = NewSimulation();
        var seen = new List<string>();
        sim.Call(TimeSpan.FromSeconds(5), (List: seen, Name: "call A"), static s => s.List.Add(s.Name));
        sim.Timeout(TimeSpan.FromSeconds(5)).OnProcessed(_ => seen.Add("timeout"));
        var cancelled = sim.Call(TimeSpan.FromSeconds(5), seen, static list => list.Add("cancelled"));
        var withCallback = sim.Call(TimeSpan.FromSeconds(5), seen, static list => list.Add("call B"));
        withCallback.OnProcessed(e => seen.Add($"callback of B at {e.Simulation.Elapsed.TotalSeconds}"));
        sim.Call(TimeSpan.FromSeconds(1), seen, static list => list.Add("early"), priority: -3);
        cancelled.Cancel();

        sim.Run();
        Assert.Equal(["early", "call A", "timeout", "callback of B at 5", "call B"], seen);
        Assert.Equal(4, sim.ProcessedEvents);
        Assert.Equal(EventState.Processed, withCallback.State);
    }

    [Fact]
    public void At_one_instant_lower_priorities_run_first_and_unprioritised_events_at_the_normal_priority()
    {
        var sim = NewSimulation();
        var seen = new List<int>();
        foreach (var priority in new[] { 3, -1, -3, Simulation.NormalPriority, -2, -4, 1 })
        {
            sim.Timeout(TimeSpan.FromMinutes(1), priority).OnProcessed(_ => seen.Add(priority));
        }

        sim.Timeout(TimeSpan.FromMinutes(1)).OnProcessed(_ => seen.Add(100));
        sim.Run();

        // The event without a priority runs with the normal ones (0), after the one scheduled before it at 0.
        Assert.Equal([-4, -3, -2, -1, 0, 100, 1, 3], seen);
    }

    [ScaledProperty(200)]
    public bool Processing_order_is_time_then_priority_then_insertion(byte[] delays)
    {
        var sim = NewSimulation();
        var processed = new List<(long Ticks, int Priority, int Index)>();
        for (var i = 0; i < delays.Length; i++)
        {
            var index = i;
            var priority = (delays[i] % 6) - 3;
            sim.Timeout(TimeSpan.FromSeconds(delays[i] / 6), priority).OnProcessed(_ => processed.Add((sim.ElapsedTicks, priority, index)));
        }

        sim.Run();
        var expected = processed.OrderBy(p => p.Ticks).ThenBy(p => p.Priority).ThenBy(p => p.Index);
        return processed.Count == delays.Length && processed.SequenceEqual(expected);
    }

    [Fact]
    public void Run_until_runs_events_before_the_bound_but_not_at_it()
    {
        var sim = NewSimulation();
        var seen = new List<int>();
        for (var s = 0; s <= 3; s++)
        {
            var second = s;
            sim.Timeout(TimeSpan.FromSeconds(second)).OnProcessed(_ => seen.Add(second));
        }

        sim.Run(Start.AddSeconds(3));
        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(Start.AddSeconds(3), sim.Now);
        sim.Run(Start.AddSeconds(4));
        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public void Run_until_an_idle_time_moves_the_clock_without_events()
    {
        var sim = NewSimulation();
        sim.Run(Start.AddDays(365));
        Assert.Equal(Start.AddDays(365), sim.Now);
        Assert.Equal(0, sim.ProcessedEvents);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(Start));
    }

    [Fact]
    public void Cancelled_events_never_run_and_are_not_counted()
    {
        var sim = NewSimulation();
        var ran = false;
        var timeout = sim.Timeout(TimeSpan.FromSeconds(1));
        timeout.OnProcessed(_ => ran = true);
        timeout.Cancel();
        sim.Run();
        Assert.False(ran);
        Assert.Equal(EventState.Cancelled, timeout.State);
        Assert.Equal(0, sim.ProcessedEvents);
        Assert.Null(sim.PeekTime());
    }

    [Fact]
    public void Negative_delays_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NewSimulation().Timeout(TimeSpan.FromTicks(-1)));

    [Fact]
    public void An_event_cannot_be_triggered_twice()
    {
        var sim = NewSimulation();
        var e = sim.Event();
        e.Succeed();
        Assert.Throws<InvalidOperationException>(() => e.Succeed());
    }

    [Fact]
    public void Callbacks_added_after_processing_run_at_once()
    {
        var sim = NewSimulation();
        var e = sim.Timeout(TimeSpan.Zero, value: 42);
        sim.Run();
        object? value = null;
        e.OnProcessed(x => value = x.Value);
        Assert.Equal(42, value);
    }

    [Fact]
    public void Any_of_fires_with_the_first_event()
    {
        var sim = NewSimulation();
        var early = sim.Timeout(TimeSpan.FromSeconds(5));
        var late = sim.Timeout(TimeSpan.FromSeconds(9));
        var any = sim.AnyOf(late, early);
        DateTimeOffset? firedAt = null;
        any.OnProcessed(_ => firedAt = sim.Now);
        sim.Run();
        Assert.Same(early, any.Value);
        Assert.Equal(Start.AddSeconds(5), firedAt);
    }

    [Fact]
    public void A_whole_simulation_is_repeatable_for_a_seed()
    {
        static List<(long, int)> RunOnce(ulong seed)
        {
            var sim = new Simulation(DateTimeOffset.UnixEpoch, seed);
            var log = new List<(long, int)>();
            sim.Process(Arrivals(sim, log));
            sim.Run(DateTimeOffset.UnixEpoch.AddDays(1));
            return log;
        }

        Assert.Equal(RunOnce(3), RunOnce(3));
        Assert.NotEqual(RunOnce(3), RunOnce(4));
    }

    private static IEnumerable<SimEvent> Arrivals(Simulation sim, List<(long, int)> log)
    {
        var random = sim.Random.Stream("arrivals");
        while (true)
        {
            yield return sim.Timeout(TimeSpan.FromMinutes(random.Next(1, 120)), priority: -3);
            log.Add((sim.ElapsedTicks, random.Next(6, 33)));
        }
    }
}
