namespace Amtron.Sim.Kernel;

/// <summary>
/// An event that, when processed, calls one action with its state: no closure and no delegate per event, since a
/// simulation schedules millions of them (pass a static lambda, which is allocated once). Cancelling it before its time
/// means the action never runs.
/// </summary>
/// <typeparam name="TState">What the action needs, stored in the event.</typeparam>
internal sealed class ActionEvent<TState> : SimEvent
{
    private readonly TState _state;
    private readonly Action<TState> _action;

    public ActionEvent(Simulation simulation, TimeSpan delay, int priority, TState state, Action<TState> action)
        : base(simulation)
    {
        _state = state;
        _action = action;
        Simulation.Schedule(this, delay, priority, null);
    }

    internal override void Process()
    {
        base.Process();
        _action(_state);
    }
}
