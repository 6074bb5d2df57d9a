using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Site;
using Amtron.Site.Csv;
using Amtron.Site.Scenarios;

namespace Amtron.VirtualMeter.Sources;

/// <summary>
/// A recorded or scripted load replayed against a clock: rows of (time, I1, I2, I3, optional digital input), each
/// holding until the next. Time is seconds from the start, or an ISO-8601 instant (taken relative to the first row).
/// Replayed at <c>speed</c> times real time from the moment the source is created; after the last row the last one
/// holds, or with <c>loop</c> the profile starts again.
/// </summary>
public sealed class ProfileSource : IMeterSource
{
    private const double MaximumAmps = 100_000;

    /// <summary>About 3,000 years: later times are typos, and TimeSpan ends not far beyond.</summary>
    private const double MaximumSeconds = 1e11;

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
    /// Reads a profile (<see cref="CsvDataReader"/>: a header line starting with a letter is skipped, '#' starts a
    /// comment). Every bad row and cell is collected; then one <see cref="ScenarioException"/> lists them all as
    /// <c>path:line:column: problem</c>.
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
        var diagnostics = new DiagnosticList();
        var v = voltage ?? Volts.Nominal;
        DateTimeOffset? firstInstant = null;
        using (var csv = CsvDataReader.Open(path))
        {
            var cells = new CsvCells(csv, path, diagnostics);
            while (csv.Read())
            {
                if (!cells.CountBetween(4, 5, "time,I1,I2,I3[,DI]"))
                {
                    continue;
                }

                var before = cells.Errors;
                var at = Time(cells, csv, ref firstInstant);
                var currents = PhaseCurrents.FromDoubles(cells.Number(1, "I1", -MaximumAmps, MaximumAmps), cells.Number(2, "I2", -MaximumAmps, MaximumAmps), cells.Number(3, "I3", -MaximumAmps, MaximumAmps));
                var input = csv.Count == 5 && DigitalInput(cells, csv);
                if (cells.Errors != before)
                {
                    continue;
                }

                if (times.Count > 0 && at <= times[^1])
                {
                    cells.Report(0, $"time {csv.Text(0)} is not after the previous row");
                    continue;
                }

                times.Add(at);
                samples.Add(new MeterSample(currents) { DigitalInput = input, Voltages = [v, v, v] });
            }
        }

        if (times.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(path, 1, 1, "no rows");
        }

        diagnostics.ThrowIfAny();
        return new ProfileSource([.. times], [.. samples], origin, speed, loop);
    }

    /// <summary>Seconds from the start, or an ISO-8601 instant taken relative to the first one.</summary>
    private static TimeSpan Time(CsvCells cells, CsvDataReader csv, ref DateTimeOffset? firstInstant)
    {
        var text = csv[0];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= MaximumSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (IsoTime.TryParse(text, out var instant))
        {
            firstInstant ??= instant;
            return instant - firstInstant.Value;
        }

        cells.Report(0, $"time '{text}' is neither seconds (>= 0) nor an ISO-8601 instant");
        return TimeSpan.Zero;
    }

    private static bool DigitalInput(CsvCells cells, CsvDataReader csv)
    {
        switch (csv.Text(4))
        {
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            case var other:
                cells.Report(4, $"DI '{other}' must be 0 or 1");
                return false;
        }
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
