namespace Amtron.Sim.Kernel;

/// <summary>
/// A process: an iterator that yields the events it waits for. It is itself an event, processed when the iterator
/// ends (or the process is stopped), so other processes can wait for it.
/// </summary>
public sealed class Process : SimEvent
{
    private readonly IEnumerator<SimEvent> _steps;
    private readonly Action<SimEvent> _resume;
    private SimEvent? _waitingFor;
    private bool _running;

    internal Process(Simulation simulation, IEnumerable<SimEvent> steps, int priority)
        : base(simulation)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps.GetEnumerator();
        _resume = Resume;
        var start = new SimEvent(simulation);
        start.OnProcessed(_resume);
        start.Succeed(null, priority);
        _waitingFor = start;
    }

    /// <summary>True once the iterator has ended or the process was stopped.</summary>
    public bool IsFinished => IsTriggered;

    /// <summary>True when the process ended because <see cref="Stop"/> was called.</summary>
    public bool WasStopped { get; private set; }

    /// <summary>
    /// Ends the process now: it stops waiting (a timeout only it waited for is withdrawn), its iterator is disposed,
    /// and the process event is triggered so anyone waiting for it resumes.
    /// </summary>
    public void Stop()
    {
        if (IsFinished)
        {
            return;
        }

        if (_running)
        {
            throw new InvalidOperationException("A process cannot stop itself; end its iterator with 'yield break'.");
        }

        if (_waitingFor is { } waiting)
        {
            waiting.RemoveCallback(_resume);
            if (waiting is Timeout)
            {
                waiting.Cancel();
            }
        }

        _waitingFor = null;
        WasStopped = true;
        _steps.Dispose();
        Succeed();
    }

    private void Resume(SimEvent _)
    {
        _waitingFor = null;
        _running = true;
        try
        {
            Advance();
        }
        finally
        {
            _running = false;
        }
    }

    private void Advance()
    {
        while (_steps.MoveNext())
        {
            var next = _steps.Current ?? throw new InvalidOperationException("A process yielded null; yield an event to wait for.");
            if (next.State == EventState.Processed)
            {
                continue;
            }

            if (next.State == EventState.Cancelled)
            {
                throw new InvalidOperationException("A process yielded a cancelled event; it would wait forever.");
            }

            _waitingFor = next;
            next.OnProcessed(_resume);
            return;
        }

        _steps.Dispose();
        if (!IsFinished)
        {
            Succeed();
        }
    }
}
