using System.Globalization;
using Amtron.Dlm.Units;

namespace Amtron.VirtualMeter.Sources;

/// <summary>
/// A recorded or scripted load replayed against a clock: rows of (time, I1, I2, I3, optional digital input), each
/// holding until the next. Time is seconds from the start, or an ISO-8601 instant (taken relative to the first row).
/// Replayed at <c>speed</c> times real time from the moment the source is created; after the last row the last one
/// holds, or with <c>loop</c> the profile starts again.
/// </summary>
public sealed class ProfileSource : IMeterSource
{
    private readonly TimeSpan[] _times;
    private readonly MeterSample[] _samples;
    private readonly DateTimeOffset _origin;
    private readonly double _speed;
    private readonly bool _loop;

    private ProfileSource(TimeSpan[] times, MeterSample[] samples, DateTimeOffset origin, double speed, bool loop)
    {
        _times = times;
        _samples = samples;
        _origin = origin;
        _speed = speed;
        _loop = loop;
    }

    /// <summary>Length of the profile (time of its last row).</summary>
    public TimeSpan Length => _times[^1];

    /// <summary>Rows in the profile.</summary>
    public int Rows => _times.Length;

    /// <summary>
    /// Reads a profile. A header line (starting with a letter) is skipped; '#' starts a comment. Throws
    /// <see cref="FormatException"/> with "path:line: message" for a bad line.
    /// </summary>
    public static ProfileSource Load(string path, DateTimeOffset origin, double speed = 1, bool loop = false, Volts? voltage = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new FormatException($"{path}: speed must be a positive number, not {speed.ToString(CultureInfo.InvariantCulture)}");
        }

        var times = new List<TimeSpan>();
        var samples = new List<MeterSample>();
        DateTimeOffset? firstInstant = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0 || (times.Count == 0 && char.IsLetter(line[0])))
            {
                continue;
            }

            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length is < 4 or > 5)
            {
                throw new FormatException($"{path}:{number}: expected time,I1,I2,I3[,DI], found {fields.Length} fields");
            }

            TimeSpan at;
            if (double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds))
            {
                at = TimeSpan.FromSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                firstInstant ??= instant;
                at = instant - firstInstant.Value;
            }
            else
            {
                throw new FormatException($"{path}:{number}: time '{fields[0]}' is neither seconds (>= 0) nor an ISO-8601 instant");
            }

            if (times.Count > 0 && at <= times[^1])
            {
                throw new FormatException($"{path}:{number}: time {fields[0]} is not after the previous row");
            }

            var currents = new Amps[3];
            for (var p = 0; p < 3; p++)
            {
                if (!double.TryParse(fields[1 + p], NumberStyles.Float, CultureInfo.InvariantCulture, out var amps) || !double.IsFinite(amps) || Math.Abs(amps) > 100_000)
                {
                    throw new FormatException($"{path}:{number}: I{p + 1} '{fields[1 + p]}' is not a current in A");
                }

                currents[p] = Amps.FromDouble(amps);
            }

            var input = fields.Length == 5 && fields[4] switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                _ => throw new FormatException($"{path}:{number}: DI '{fields[4]}' must be 0 or 1"),
            };
            var v = voltage ?? Volts.Nominal;
            times.Add(at);
            samples.Add(new MeterSample(new PhaseCurrents(currents[0], currents[1], currents[2])) { DigitalInput = input, Voltages = [v, v, v] });
        }

        if (times.Count == 0)
        {
            throw new FormatException($"{path}: no rows");
        }

        return new ProfileSource([.. times], [.. samples], origin, speed, loop);
    }

    /// <inheritdoc />
    public MeterSample Sample(DateTimeOffset now)
    {
        var elapsed = TimeSpan.FromTicks((long)Math.Max(0, (now - _origin).Ticks * _speed));
        if (_loop && Length > TimeSpan.Zero)
        {
            elapsed = TimeSpan.FromTicks(elapsed.Ticks % (Length.Ticks + 1));
        }

        var index = Array.BinarySearch(_times, elapsed);
        index = index >= 0 ? index : Math.Max(0, ~index - 1);
        return _samples[index];
    }
}
