using Amtron.Dlm.Units;

namespace Amtron.Dlm.Settings;

/// <summary>
/// "Maximum Current Scheduler" (manual 6.6): a 24-hour load profile in UTC hours. Each entry is valid from its hour
/// until the hour of the next entry; the last entry of the day stays valid past midnight until the first one.
/// </summary>
public sealed class MaximumCurrentScheduler
{
    /// <summary>Hours in a day; entry hours are 0..23.</summary>
    public const int HoursPerDay = 24;

    private readonly SchedulerEntry[] _entries;

    /// <summary>A scheduler from its entries in any order. Hours must be 0..23 and distinct; at least one entry.</summary>
    public MaximumCurrentScheduler(IEnumerable<SchedulerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.OrderBy(e => e.Hour)];
        if (_entries.Length == 0)
        {
            throw new ArgumentException("The scheduler needs at least one entry.", nameof(entries));
        }

        for (var i = 0; i < _entries.Length; i++)
        {
            var hour = _entries[i].Hour;
            if (hour is < 0 or >= HoursPerDay)
            {
                throw new ArgumentException($"Scheduler hour {hour} is outside 0..23.", nameof(entries));
            }

            if (i > 0 && _entries[i - 1].Hour == hour)
            {
                throw new ArgumentException($"Scheduler hour {hour} appears twice.", nameof(entries));
            }
        }
    }

    /// <summary>The entries sorted by hour.</summary>
    public IReadOnlyList<SchedulerEntry> Entries => _entries;

    /// <summary>The entry in force at an instant: the greatest hour not after the UTC hour, else the day's last entry.</summary>
    public SchedulerEntry EntryAt(DateTimeOffset time)
    {
        var hour = time.UtcDateTime.Hour;
        var current = _entries[^1];
        foreach (var entry in _entries)
        {
            if (entry.Hour > hour)
            {
                break;
            }

            current = entry;
        }

        return current;
    }

    /// <summary>The limit in force at an instant.</summary>
    public PhaseCurrents LimitAt(DateTimeOffset time) => EntryAt(time).Limit;
}
