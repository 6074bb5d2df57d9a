namespace Amtron.Sim.Kernel;

/// <summary>Life cycle of an event.</summary>
public enum EventState
{
    /// <summary>Created; nobody has triggered it yet.</summary>
    Pending,

    /// <summary>In the queue, to be processed at its time.</summary>
    Scheduled,

    /// <summary>Its callbacks have run.</summary>
    Processed,

    /// <summary>Withdrawn before it was processed; its callbacks never run.</summary>
    Cancelled,
}

/// <summary>
/// Something that happens at an instant of simulated time. Processes wait for events by yielding them; callbacks run
/// in the order they were added when the event is processed.
/// </summary>
public class SimEvent
{
    private Action<SimEvent>? _callback;
    private List<Action<SimEvent>>? _moreCallbacks;

    /// <summary>A pending event of <paramref name="simulation"/>.</summary>
    public SimEvent(Simulation simulation)
    {
        Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
    }

    /// <summary>The simulation this event belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>Where the event is in its life cycle.</summary>
    public EventState State { get; internal set; }

    /// <summary>The value given when it was triggered (null if none).</summary>
    public object? Value { get; private set; }

    /// <summary>True once triggered (scheduled, processed); false while pending or after cancellation.</summary>
    public bool IsTriggered => State is EventState.Scheduled or EventState.Processed;

    /// <summary>Triggers the event now: it is processed at the current time after events already queued for now.</summary>
    public void Succeed(object? value = null, int priority = Simulation.NormalPriority)
    {
        if (State != EventState.Pending)
        {
            throw new InvalidOperationException($"An event that is {State} cannot be triggered.");
        }

        Simulation.Schedule(this, TimeSpan.Zero, priority, value);
    }

    /// <summary>Withdraws a pending or scheduled event; its callbacks will not run. Processed events cannot be withdrawn.</summary>
    public void Cancel()
    {
        if (State is EventState.Pending or EventState.Scheduled)
        {
            State = EventState.Cancelled;
            _callback = null;
            _moreCallbacks = null;
        }
    }

    /// <summary>Runs <paramref name="callback"/> when the event is processed (at once if it already was).</summary>
    public void OnProcessed(Action<SimEvent> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        switch (State)
        {
            case EventState.Processed:
                callback(this);
                return;
            case EventState.Cancelled:
                return;
            default:
                if (_callback is null)
                {
                    _callback = callback;
                }
                else
                {
                    (_moreCallbacks ??= []).Add(callback);
                }

                return;
        }
    }

    /// <summary>Removes a callback that was added with <see cref="OnProcessed"/>.</summary>
    public void RemoveCallback(Action<SimEvent> callback)
    {
        if (_callback == callback)
        {
            _callback = null;
        }
        else
        {
            _moreCallbacks?.Remove(callback);
        }
    }

    internal void MarkScheduled(object? value)
    {
        Value = value;
        State = EventState.Scheduled;
    }

    internal virtual void Process()
    {
        State = EventState.Processed;
        var first = _callback;
        var more = _moreCallbacks;
        _callback = null;
        _moreCallbacks = null;
        first?.Invoke(this);
        if (more is not null)
        {
            foreach (var callback in more)
            {
                callback(this);
            }
        }
    }
}
