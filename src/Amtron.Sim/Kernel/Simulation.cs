using Amtron.Site.Model;

namespace Amtron.Sim.Kernel;

/// <summary>
/// A discrete-event simulation in the style of SimSharp: a clock in UTC, a queue ordered by (time, priority,
/// insertion sequence) so equal-time events of one kind run first-in first-out and runs are repeatable, processes as
/// iterators, and named random streams derived from one seed. Priorities are plain numbers, lower first; what they
/// mean is the model's business (the site's order of event kinds is <c>Runtime/SiteEventOrder</c>).
/// </summary>
public sealed class Simulation
{
    /// <summary>The priority of an event scheduled without one; lower numbers run earlier at the same instant.</summary>
    public const int NormalPriority = 0;

    private readonly PriorityQueue<SimEvent, EventKey> _queue = new();
    private long _sequence;

    /// <summary>A simulation starting at <paramref name="start"/> (converted to UTC) with random streams from <paramref name="seed"/>.</summary>
    public Simulation(DateTimeOffset start, ulong seed)
    {
        Start = start.ToUniversalTime();
        Random = new RandomStreams(seed);
    }

    /// <summary>When simulated time begins.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Simulated time elapsed since <see cref="Start"/>, in ticks of 100 ns.</summary>
    public long ElapsedTicks { get; private set; }

    /// <summary>The current simulated instant (UTC).</summary>
    public DateTimeOffset Now => Start.AddTicks(ElapsedTicks);

    /// <summary>Simulated time elapsed since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(ElapsedTicks);

    /// <summary>Random streams, one per name, all derived from the seed.</summary>
    public RandomStreams Random { get; }

    /// <summary>Events processed so far (cancelled events are not counted).</summary>
    public long ProcessedEvents { get; private set; }

    /// <summary>Events in the queue, cancelled ones included until they are reached.</summary>
    public int QueuedEvents => _queue.Count;

    /// <summary>A new pending event.</summary>
    public SimEvent Event() => new(this);

    /// <summary>An event processed <paramref name="delay"/> from now.</summary>
    public Timeout Timeout(TimeSpan delay, int priority = NormalPriority, object? value = null) =>
        new(this, delay, priority, value);

    /// <summary>
    /// An event processed <paramref name="delay"/> from now that calls <paramref name="action"/> with
    /// <paramref name="state"/> (after any callbacks added to it). Allocates only the event when the action is a static
    /// lambda.
    /// </summary>
    public SimEvent Call<TState>(TimeSpan delay, TState state, Action<TState> action, int priority = NormalPriority)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new ActionEvent<TState>(this, delay, priority, state, action);
    }

    /// <summary>Starts a process now; it runs its first step after the events already queued for now.</summary>
    public Process Process(IEnumerable<SimEvent> steps, int priority = NormalPriority) =>
        new(this, steps, priority);

    /// <summary>An event processed as soon as any of <paramref name="events"/> is; its value is that event.</summary>
    public SimEvent AnyOf(params SimEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var any = Event();
        foreach (var candidate in events)
        {
            candidate.OnProcessed(e =>
            {
                if (any.State == EventState.Pending)
                {
                    any.Succeed(e);
                }
            });
        }

        return any;
    }

    /// <summary>The time of the next event to be processed, or null when nothing is queued.</summary>
    public DateTimeOffset? PeekTime()
    {
        DropCancelledHead();
        return _queue.TryPeek(out _, out var key) ? Start.AddTicks(key.Ticks) : null;
    }

    /// <summary>Processes the next event. Returns false when the queue is empty.</summary>
    public bool Step()
    {
        DropCancelledHead();
        if (!_queue.TryDequeue(out var next, out var key))
        {
            return false;
        }

        ElapsedTicks = key.Ticks;
        ProcessedEvents++;
        next.Process();
        return true;
    }

    /// <summary>Runs until the queue is empty.</summary>
    public void Run()
    {
        while (Step())
        {
        }
    }

    /// <summary>
    /// Runs every event before <paramref name="until"/>; events exactly at <paramref name="until"/> are not run (a
    /// later call runs them first). Afterwards <see cref="Now"/> is <paramref name="until"/>.
    /// </summary>
    public void Run(DateTimeOffset until)
    {
        var untilTicks = (until.ToUniversalTime() - Start).Ticks;
        if (untilTicks < ElapsedTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "Simulated time cannot go back.");
        }

        while (PeekTicks() is { } next && next < untilTicks)
        {
            Step();
        }

        ElapsedTicks = untilTicks;
    }

    internal void Schedule(SimEvent simEvent, TimeSpan delay, int priority, object? value)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "An event cannot be scheduled in the past.");
        }

        simEvent.MarkScheduled(value);
        _queue.Enqueue(simEvent, new EventKey(checked(ElapsedTicks + delay.Ticks), priority, _sequence++));
    }

    private long? PeekTicks()
    {
        DropCancelledHead();
        return _queue.TryPeek(out _, out var key) ? key.Ticks : null;
    }

    private void DropCancelledHead()
    {
        while (_queue.TryPeek(out var head, out _) && head.State == EventState.Cancelled)
        {
            _queue.Dequeue();
        }
    }
}
