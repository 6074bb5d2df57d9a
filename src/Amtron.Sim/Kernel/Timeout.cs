namespace Amtron.Sim.Kernel;

/// <summary>An event that is scheduled when created, a delay after the current time.</summary>
public sealed class Timeout : SimEvent
{
    internal Timeout(Simulation simulation, TimeSpan delay, int priority, object? value)
        : base(simulation)
    {
        Delay = delay;
        Simulation.Schedule(this, delay, priority, value);
    }

    /// <summary>The delay it was created with.</summary>
    public TimeSpan Delay { get; }
}
