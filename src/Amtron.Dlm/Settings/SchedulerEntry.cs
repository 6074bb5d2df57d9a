using Amtron.Dlm.Units;

namespace Amtron.Dlm.Settings;

/// <summary>One row of the "Maximum Current Scheduler": from <paramref name="Hour"/> (UTC) on, until the next row.</summary>
/// <param name="Hour">Hour of the day in UTC, 0..23.</param>
/// <param name="Limit">Maximum charging current per phase from that hour on.</param>
public readonly record struct SchedulerEntry(int Hour, PhaseCurrents Limit);
