namespace Amtron.Sim.Kernel;

/// <summary>Queue order: time, then kind, then insertion sequence (first scheduled, first processed).</summary>
internal readonly record struct EventKey(long Ticks, int Priority, long Sequence) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        var byTime = Ticks.CompareTo(other.Ticks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byPriority = Priority.CompareTo(other.Priority);
        return byPriority != 0 ? byPriority : Sequence.CompareTo(other.Sequence);
    }
}
