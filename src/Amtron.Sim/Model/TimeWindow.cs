namespace Amtron.Sim.Model;

/// <summary>A span of simulated time, [From, To).</summary>
public readonly record struct TimeWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>True when <paramref name="time"/> is inside.</summary>
    public bool Contains(DateTimeOffset time) => time >= From && time < To;
}
