using Amtron.Sim.Kernel;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Sim.Tests.Kernel;

public sealed class RealtimeDriverTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_wait_for_their_scaled_wall_clock_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sim = new Simulation(Start, 1);
        var processedAt = new List<DateTimeOffset>();
        sim.Timeout(TimeSpan.FromSeconds(10)).OnProcessed(_ => processedAt.Add(clock.GetUtcNow()));
        sim.Timeout(TimeSpan.FromSeconds(20)).OnProcessed(_ => processedAt.Add(clock.GetUtcNow()));

        var run = new RealtimeDriver(sim, clock, scale: 10).RunAsync(Start.AddSeconds(30), CancellationToken.None);
        for (var i = 0; i < 30 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var wallStart = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([wallStart.AddSeconds(1), wallStart.AddSeconds(2)], processedAt);
        Assert.Equal(Start.AddSeconds(30), sim.Now);
    }

    [Fact]
    public async Task A_command_runs_at_the_simulated_instant_of_its_arrival_after_the_events_due_by_then()
    {
        // 10× real time: the events at simulated 10 s and 20 s are due at wall 1 s and 2 s. A command posted at wall
        // 1.5 s runs at simulated 15 s, after the first event and before the second.
        var wallStart = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(wallStart);
        var sim = new Simulation(Start, 1);
        var log = new List<string>();
        sim.Timeout(TimeSpan.FromSeconds(10)).OnProcessed(_ => log.Add($"event {sim.Now:HH:mm:ss}"));
        sim.Timeout(TimeSpan.FromSeconds(20)).OnProcessed(_ => log.Add($"event {sim.Now:HH:mm:ss}"));
        var commands = System.Threading.Channels.Channel.CreateUnbounded<Action>();
        var caughtUp = 0;
        var run = new RealtimeDriver(sim, clock, scale: 10).RunAsync(Start.AddSeconds(30), commands.Reader, () => Interlocked.Increment(ref caughtUp), CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        await WaitUntil(() => log.Count == 1);
        var before = Volatile.Read(ref caughtUp);
        commands.Writer.TryWrite(() => log.Add($"command {sim.Now:HH:mm:ss}"));
        await WaitUntil(() => Volatile.Read(ref caughtUp) > before);
        clock.Advance(TimeSpan.FromMilliseconds(1600));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["event 00:00:10", "command 00:00:15", "event 00:00:20"], log);
        Assert.Equal(Start.AddSeconds(30), sim.Now);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        var clock = new FakeTimeProvider();
        var sim = new Simulation(Start, 1);
        sim.Timeout(TimeSpan.FromHours(1));
        using var cancel = new CancellationTokenSource();
        var run = new RealtimeDriver(sim, clock).RunAsync(Start.AddHours(2), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, sim.ProcessedEvents);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Scale_must_be_positive(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealtimeDriver(new Simulation(Start, 1), TimeProvider.System, scale));
}
