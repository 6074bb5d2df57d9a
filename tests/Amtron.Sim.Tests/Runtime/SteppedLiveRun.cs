using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A live run (<c>amtron run --serve-ems</c>) at real speed (a simulated second per wall second) on a fake wall clock
/// that moves only when the test moves it. To read the state at an instant, the clock is set there and the run is
/// made to publish by a command it ignores (a write to no charge point): the run takes a command at the clock's
/// reading, after the events due by then, so the snapshot published after it is the state at exactly that instant.
/// </summary>
internal sealed class SteppedLiveRun
{
    /// <summary>What no site here calls a charge point.</summary>
    public const string NoPoint = "no such point";

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset WallStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(WallStart);
    private readonly Task<SimulationResult> _run;
    private long _posted;

    private SteppedLiveRun(string yaml)
    {
        Simulation = new SiteSimulation(ScenarioLoader.Parse(yaml, "live.yaml").Site);
        _run = Simulation.RunRealtimeAsync(_clock, 1, CancellationToken.None);
    }

    public SiteSimulation Simulation { get; }

    /// <summary>Starts the live run of the site in <paramref name="yaml"/> at the clock's reading.</summary>
    public static SteppedLiveRun Start(string yaml) => new(yaml);

    /// <summary>The state published at <paramref name="sinceStart"/> into the period (not before the last instant asked for).</summary>
    public async Task<LiveSnapshot> At(TimeSpan sinceStart)
    {
        _clock.SetUtcNow(WallStart + sinceStart);
        await Write((NoPoint, 0));
        var snapshot = Simulation.Live.Snapshot!;
        Assert.Equal(Simulation.Spec.Start + sinceStart, snapshot.Time);
        return snapshot;
    }

    /// <summary>An EMS writes each (point, amps) in turn now; returns once the run has applied them all and published.</summary>
    public async Task Write(params (string PointId, int Amps)[] writes)
    {
        foreach (var (pointId, amps) in writes)
        {
            Simulation.Live.WriteEmsLimit(pointId, amps);
            _posted++;
        }

        var deadline = DateTime.UtcNow + Guard;
        while (Simulation.Live.CommandsPublished < _posted)
        {
            if (_run.IsCompleted)
            {
                // A run that failed shows why; one that ended cannot take commands any more.
                await _run;
                Assert.Fail("the live run ended before it took the commands");
            }

            Assert.True(DateTime.UtcNow < deadline, "the live run did not publish the commands");
            await Task.Delay(5);
        }
    }

    /// <summary>Moves the clock to the end of the period and returns the run's result.</summary>
    public async Task<SimulationResult> End()
    {
        _clock.SetUtcNow(WallStart + Simulation.Spec.Duration);
        // Wakes the run should it wait on a timer set a moment after the clock last moved.
        Simulation.Live.WriteEmsLimit(NoPoint, 0);
        return await _run.WaitAsync(Guard);
    }
}
