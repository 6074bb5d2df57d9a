using Amtron.Dlm.Units;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// The supply by time of day (UTC) over every day of a run, in slots of <see cref="SlotMinutes"/> minutes: the
/// time-weighted mean and the highest current per phase in each slot, whatever the day.
/// </summary>
public sealed class TypicalDay
{
    /// <summary>Length of one slot.</summary>
    public const int SlotMinutes = 15;

    /// <summary>Slots in a day.</summary>
    public const int Slots = 24 * 60 / SlotMinutes;

    private const long SlotTicks = SlotMinutes * TimeSpan.TicksPerMinute;
    private readonly long _offset;
    private readonly double[][] _ampTicks = [new double[Slots], new double[Slots], new double[Slots]];
    private readonly long[] _ticks = new long[Slots];

    /// <summary>A profile of a run that starts at <paramref name="start"/>.</summary>
    public TypicalDay(DateTimeOffset start) => _offset = start.UtcDateTime.TimeOfDay.Ticks;

    /// <summary>Per phase, per slot: the highest current.</summary>
    public double[][] Max { get; } = [new double[Slots], new double[Slots], new double[Slots]];

    /// <summary>Counts <paramref name="current"/> as held over [<paramref name="from"/>, <paramref name="to"/>) (ticks from the start).</summary>
    public void Add(PhaseCurrents current, long from, long to)
    {
        while (from < to)
        {
            var sinceMidnight = _offset + from;
            var slot = (int)(sinceMidnight / SlotTicks % Slots);
            var slotEnd = Math.Min(to, ((sinceMidnight / SlotTicks) + 1) * SlotTicks - _offset);
            var ticks = slotEnd - from;
            _ticks[slot] += ticks;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                _ampTicks[p][slot] += current[p].Value * ticks;
                Max[p][slot] = Math.Max(Max[p][slot], current[p].Value);
            }

            from = slotEnd;
        }
    }

    /// <summary>Per slot: the time-weighted mean current of <paramref name="phase"/> (0 where the run never was).</summary>
    public double[] Mean(int phase) => [.. Enumerable.Range(0, Slots).Select(s => _ticks[s] == 0 ? 0 : _ampTicks[phase][s] / _ticks[s])];

    /// <summary>Hours after midnight at which each slot starts.</summary>
    public static double[] SlotHours() => [.. Enumerable.Range(0, Slots).Select(s => s * SlotMinutes / 60.0)];
}
