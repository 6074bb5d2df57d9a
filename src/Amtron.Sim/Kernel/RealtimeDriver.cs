namespace Amtron.Sim.Kernel;

/// <summary>
/// Paces a simulation against a wall clock for live demos: simulated time runs <see cref="Scale"/> times as fast as
/// the clock. Kept apart from the kernel so the kernel is tested in simulated time only, and this driver against a
/// fake <see cref="TimeProvider"/>. No real-time guarantee: kernel work is not compensated, so it may lag, never lead.
/// </summary>
public sealed class RealtimeDriver
{
    private readonly Simulation _simulation;
    private readonly TimeProvider _clock;

    /// <summary>A driver for <paramref name="simulation"/> on <paramref name="clock"/> at <paramref name="scale"/>× real time.</summary>
    public RealtimeDriver(Simulation simulation, TimeProvider clock, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(clock);
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be a positive number.");
        }

        _simulation = simulation;
        _clock = clock;
        Scale = scale;
    }

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double Scale { get; }

    /// <summary>Runs events before <paramref name="until"/>, each no earlier than its scaled wall-clock time.</summary>
    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var wallStart = _clock.GetUtcNow();
        var simulatedStart = _simulation.Now;
        while (_simulation.PeekTime() is { } next && next < until)
        {
            var due = wallStart + ((next - simulatedStart) / Scale);
            var wait = due - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
            }

            _simulation.Step();
        }

        var end = wallStart + ((until - simulatedStart) / Scale);
        var rest = end - _clock.GetUtcNow();
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, _clock, cancellationToken).ConfigureAwait(false);
        }

        _simulation.Run(until);
    }
}
