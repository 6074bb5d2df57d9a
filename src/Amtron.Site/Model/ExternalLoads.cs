using Amtron.Dlm.Units;

namespace Amtron.Site.Model;

/// <summary>
/// Consumers outside the charging infrastructure, piecewise constant in time so energy and limits are exact
/// between change events.
/// </summary>
public interface IExternalLoad
{
    /// <summary>Name in reports.</summary>
    string Name { get; }

    /// <summary>Current per grid phase at an instant.</summary>
    PhaseCurrents At(DateTimeOffset time);

    /// <summary>The first instant after <paramref name="time"/> at which the load changes, or null if never.</summary>
    DateTimeOffset? NextChangeAfter(DateTimeOffset time);
}

/// <summary>A constant load.</summary>
public sealed record ConstantLoad(string Name, PhaseCurrents Currents) : IExternalLoad
{
    /// <inheritdoc />
    public PhaseCurrents At(DateTimeOffset time) => Currents;

    /// <inheritdoc />
    public DateTimeOffset? NextChangeAfter(DateTimeOffset time) => null;
}

/// <summary>A load that follows a list of (time, currents) steps, each held until the next; zero before the first.</summary>
public sealed class TimeSeriesLoad : IExternalLoad
{
    private readonly DateTimeOffset[] _times;
    private readonly PhaseCurrents[] _currents;

    /// <summary>A load from steps in any order (times must be distinct).</summary>
    public TimeSeriesLoad(string name, IEnumerable<(DateTimeOffset Time, PhaseCurrents Currents)> steps)
    {
        Name = name;
        var sorted = steps.OrderBy(s => s.Time).ToArray();
        _times = [.. sorted.Select(s => s.Time)];
        _currents = [.. sorted.Select(s => s.Currents)];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public PhaseCurrents At(DateTimeOffset time)
    {
        var index = Array.BinarySearch(_times, time);
        index = index >= 0 ? index : ~index - 1;
        return index >= 0 ? _currents[index] : PhaseCurrents.Zero;
    }

    /// <inheritdoc />
    public DateTimeOffset? NextChangeAfter(DateTimeOffset time)
    {
        var index = Array.BinarySearch(_times, time);
        index = index >= 0 ? index + 1 : ~index;
        return index < _times.Length ? _times[index] : null;
    }
}

/// <summary>A load that repeats every day: (UTC time of day, currents) steps, the last one holding past midnight.</summary>
public sealed class DailyProfileLoad : IExternalLoad
{
    private readonly TimeSpan[] _offsets;
    private readonly PhaseCurrents[] _currents;

    /// <summary>A daily profile from its steps (at least one; times of day distinct).</summary>
    public DailyProfileLoad(string name, IEnumerable<(TimeSpan TimeOfDay, PhaseCurrents Currents)> steps)
    {
        Name = name;
        var sorted = steps.OrderBy(s => s.TimeOfDay).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A daily profile needs at least one step.", nameof(steps));
        }

        _offsets = [.. sorted.Select(s => s.TimeOfDay)];
        _currents = [.. sorted.Select(s => s.Currents)];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public PhaseCurrents At(DateTimeOffset time)
    {
        var offset = time.UtcDateTime.TimeOfDay;
        var index = Array.BinarySearch(_offsets, offset);
        index = index >= 0 ? index : ~index - 1;
        return _currents[index >= 0 ? index : _currents.Length - 1];
    }

    /// <inheritdoc />
    public DateTimeOffset? NextChangeAfter(DateTimeOffset time)
    {
        if (_offsets.Length == 1)
        {
            return null;
        }

        var utc = time.ToUniversalTime();
        var day = new DateTimeOffset(utc.UtcDateTime.Date, TimeSpan.Zero);
        var offset = utc - day;
        foreach (var step in _offsets)
        {
            if (step > offset)
            {
                return day + step;
            }
        }

        return day.AddDays(1) + _offsets[0];
    }
}
