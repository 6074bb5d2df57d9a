using System.Threading.Channels;

namespace Amtron.Sim.Kernel;

/// <summary>
/// Paces a simulation against a wall clock for live runs: simulated time runs <see cref="Scale"/> times as fast as
/// the clock. Commands from other threads (an EMS writing a limit) run on the driving thread at the simulated instant
/// that corresponds to their arrival. Kept apart from the kernel so the kernel is tested in simulated time only, and
/// this driver against a fake <see cref="TimeProvider"/>. No real-time guarantee: kernel work is not compensated, so
/// the simulation may lag the clock, never lead it.
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
    public Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken) => RunAsync(until, null, null, cancellationToken);

    /// <summary>
    /// Runs events before <paramref name="until"/>, each no earlier than its scaled wall-clock time; runs each command
    /// read from <paramref name="commands"/> as soon as it arrives, after the events due by then, at the simulated
    /// instant of its arrival. <paramref name="caughtUp"/> runs after each batch of events and commands (to publish the
    /// state); afterwards <see cref="Simulation.Now"/> is <paramref name="until"/>.
    /// </summary>
    public async Task RunAsync(DateTimeOffset until, ChannelReader<Action>? commands, Action? caughtUp, CancellationToken cancellationToken)
    {
        var wallStart = _clock.GetUtcNow();
        var simulatedStart = _simulation.Now;
        DateTimeOffset DueAt(DateTimeOffset simulated) => wallStart + ((simulated - simulatedStart) / Scale);

        // Runs the events due by the clock's reading now and sets the simulation to the matching instant.
        DateTimeOffset CatchUp()
        {
            var wallNow = _clock.GetUtcNow();
            while (_simulation.PeekTime() is { } next && next < until && DueAt(next) <= wallNow)
            {
                _simulation.Step();
            }

            var simulatedNow = until;
            if (DueAt(until) > wallNow)
            {
                simulatedNow = simulatedStart + ((wallNow - wallStart) * Scale);
                simulatedNow = simulatedNow < _simulation.Now ? _simulation.Now : simulatedNow;
            }

            _simulation.Run(simulatedNow);
            return simulatedNow;
        }

        while (true)
        {
            var simulatedNow = CatchUp();
            var ran = false;
            while (commands is not null && commands.TryRead(out var command))
            {
                // The clock is read again after the command was taken, so it runs no earlier than it arrived.
                simulatedNow = CatchUp();
                command();
                ran = true;
            }

            if (ran)
            {
                // What the commands set off at this instant (a decision due now) belongs to the same batch.
                simulatedNow = CatchUp();
            }

            caughtUp?.Invoke();
            if (simulatedNow >= until)
            {
                return;
            }

            var target = _simulation.PeekTime() is { } pending && pending < until ? pending : until;
            var wait = DueAt(target) - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                commands = await WaitAsync(wait, commands, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Waits <paramref name="wait"/> or until a command arrives; returns the commands, or null once the writer completed.</summary>
    private async Task<ChannelReader<Action>?> WaitAsync(TimeSpan wait, ChannelReader<Action>? commands, CancellationToken cancellationToken)
    {
        if (commands is null)
        {
            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
            return null;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _clock, either.Token);
        var arrival = commands.WaitToReadAsync(either.Token).AsTask();
        await Task.WhenAny(delay, arrival).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        return arrival is { IsCompletedSuccessfully: true, Result: false } ? null : commands;
    }
}
