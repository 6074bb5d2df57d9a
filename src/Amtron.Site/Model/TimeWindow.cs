namespace Amtron.Site.Model;

/// <summary>A span of simulated time, [From, To).</summary>
public readonly record struct TimeWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>True when <paramref name="time"/> is inside.</summary>
    public bool Contains(DateTimeOffset time) => time >= From && time < To;

    /// <summary>True when one of <paramref name="windows"/> contains <paramref name="time"/>.</summary>
    public static bool AnyContains(IReadOnlyList<TimeWindow> windows, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(windows);
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].Contains(time))
            {
                return true;
            }
        }

        return false;
    }
}
