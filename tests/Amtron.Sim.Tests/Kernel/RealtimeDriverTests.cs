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
