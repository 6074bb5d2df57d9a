using System.Globalization;
using Amtron.Modbus.Client;
using Amtron.Site;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.Cli.Meter.Record;

/// <summary>
/// `amtron meter read HOST[:PORT] --csv FILE [--every 1s] [--duration 1h]`: a PAC2200 (ours or real) recorded into a
/// meter profile (<see cref="ProfileCsvFile"/>). Samples lie on a fixed grid of the injected clock's monotonic time:
/// sample k is due at start + k·every whatever the polls before it took, so an hour at 1 s is 3,600 rows, not fewer.
/// </summary>
internal static class MeterRecordCommand
{
    private const int ExitOk = 0;
    private const int ExitGaps = 1;
    private const int ExitInvalid = 2;
    private const string Command = "amtron meter read";

    /// <summary>
    /// Records until the duration is over or <paramref name="stop"/> (Ctrl+C, SIGTERM) is cancelled; every row written
    /// is whole. Nothing is invented: a poll that fails (no answer within the timeout, a Modbus exception, a lost
    /// connection) gives no row, and the samples whose instant passes while a poll runs late are skipped (the latest
    /// one due is polled at once); both are counted, and the start and end of each outage is one line on standard
    /// error. Exit 0 when every sample due has its row, 1 when one has none (also when the meter does not answer the
    /// first poll: then no file is made), 2 for a bad argument or an existing file (nothing written).
    /// </summary>
    public static async Task<int> RunAsync(MeterRecordRequest request, TextWriter output, TextWriter error, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Check(request, out var plan) is { } problem)
        {
            error.WriteLine($"{Command}: {problem}");
            return ExitInvalid;
        }

        var clock = request.Clock;
        var where = $"{MeterReadCommand.Endpoint(plan.Host, plan.Port)} unit {request.Unit}";
        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Host = plan.Host, Port = plan.Port, UnitId = request.Unit, Timeout = TimeSpan.FromMilliseconds(request.TimeoutMs) });
        var meter = new Pac2200Client(modbus, clock);

        Pac2200Reading first;
        try
        {
            first = await meter.ReadAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            error.WriteLine($"{Command}: stopped before the first reading; nothing written");
            return ExitOk;
        }

        // The first poll checks the target: a mistyped host or unit leaves no empty file behind. The recording starts
        // when it has answered, so connecting (and a cold start) costs no sample.
        if (first.Status == ReadingStatus.Failed)
        {
            error.WriteLine($"{Command}: {where}: {first.Error} (nothing written)");
            return ExitGaps;
        }

        // The wall clock is read once; the grid runs on the monotonic timestamp, so a clock step (NTP) during the
        // recording neither bends the grid nor makes the times go backwards. Rows are stamped to the millisecond.
        var now = clock.GetUtcNow();
        var start = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
        var started = clock.GetTimestamp();

        ProfileCsvFile file;
        try
        {
            file = ProfileCsvFile.Create(request.CsvPath, $"amtron meter read {where} every {request.Every} from {ProfileCsvFile.Time(start)}: time UTC, currents in A (negative = export)");
        }
        catch (IOException) when (File.Exists(request.CsvPath))
        {
            // Created meanwhile by someone else: still theirs.
            error.WriteLine($"{Command}: {Exists(request.CsvPath)}");
            return ExitInvalid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Command}: --csv {request.CsvPath}: {e.Message.ReplaceLineEndings(" ")}");
            return ExitInvalid;
        }

        using (file)
        {
            output.WriteLine($"recording the PAC2200 at {where} every {request.Every} {(request.Duration is { } d ? $"for {d}" : "until stopped")} into {request.CsvPath}; Ctrl+C stops (every row written stays)");
            output.Flush();
            var gaps = new Gaps(error, where);
            try
            {
                await RecordAsync(meter, file, plan, clock, start, started, gaps, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Between two rows or during a poll, whose answer is dropped: the file holds whole rows only.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{Command}: cannot write {request.CsvPath}: {e.Message.ReplaceLineEndings(" ")}; the {file.Rows} rows before are kept");
                return ExitGaps;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded {file.Rows} rows into {request.CsvPath}"));
            if (gaps.Failed + gaps.Skipped > 0)
            {
                var due = file.Rows + gaps.Failed + gaps.Skipped;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Command}: {gaps.Failed + gaps.Skipped} of {due} samples have no row: {gaps.Failed} polls failed, {gaps.Skipped} skipped while a poll ran late"));
                return ExitGaps;
            }

            return ExitOk;
        }
    }

    private static async Task RecordAsync(Pac2200Client meter, ProfileCsvFile file, Plan plan, TimeProvider clock, DateTimeOffset start, long started, Gaps gaps, CancellationToken stop)
    {
        var every = plan.Every.Ticks;
        // Samples k with start + k·every before the end: an hour at 1 s is samples 0 to 3,599.
        var samples = plan.Duration is { } duration ? ((duration.Ticks - 1) / every) + 1 : long.MaxValue;
        for (var sample = 0L; sample < samples; sample++)
        {
            var due = checked(every * sample);
            var elapsed = clock.GetElapsedTime(started).Ticks;
            if (elapsed < due)
            {
                await Task.Delay(TimeSpan.FromTicks(due - elapsed), clock, stop).ConfigureAwait(false);
                elapsed = clock.GetElapsedTime(started).Ticks;
            }

            // A poll that ran past the next instant: the samples whose instant has passed get no row (a value taken
            // later would be stamped with a time it was not measured at); the latest one due is polled now.
            var latest = Math.Min(Math.Max(sample, elapsed / every), samples);
            gaps.Skipped += latest - sample;
            sample = latest;
            if (sample == samples)
            {
                break;
            }

            var reading = await meter.ReadAsync(stop).ConfigureAwait(false);
            var at = start.AddTicks(checked(every * sample));
            if (reading.Status == ReadingStatus.Failed)
            {
                gaps.Fail(at, reading.Error);
                continue;
            }

            gaps.Answered(at);
            file.Append(at, reading.CurrentsA);
        }
    }

    /// <summary>The arguments checked, each problem one line; nothing is connected to or written before they are.</summary>
    private static string? Check(MeterRecordRequest request, out Plan plan)
    {
        plan = new Plan(string.Empty, 0, TimeSpan.Zero, null);
        if (!MeterReadCommand.TryParseTarget(request.Target, out var host, out var port))
        {
            return $"'{request.Target}' is not HOST or HOST:PORT (port 1-65535)";
        }

        if (request.TimeoutMs <= 0)
        {
            return "--timeout must be a positive number of milliseconds";
        }

        if (!DurationText.TryParse(request.Every, out var every) || every <= TimeSpan.Zero)
        {
            return $"--every must be a positive duration such as 1s, 500ms or 1m, not '{request.Every}'";
        }

        if (every.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            return $"--every must be whole milliseconds (rows are stamped to the millisecond), not '{request.Every}'";
        }

        TimeSpan? duration = null;
        if (request.Duration is { } text)
        {
            if (!DurationText.TryParse(text, out var length) || length <= TimeSpan.Zero)
            {
                return $"--duration must be a positive duration such as 90m, 1h or 1d, not '{text}'";
            }

            duration = length;
        }

        var path = request.CsvPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return "--csv needs a file name";
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            return Exists(path);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            return $"--csv {path}: the folder {folder} does not exist";
        }

        plan = new Plan(host, port, every, duration);
        return null;
    }

    private static string Exists(string path) => $"--csv {path}: it exists; give a new name (a recording never writes over a file)";

    /// <summary>The arguments as read.</summary>
    private sealed record Plan(string Host, int Port, TimeSpan Every, TimeSpan? Duration);

    /// <summary>Samples without a row, and the outage in progress (said once when it starts, once when it ends).</summary>
    private sealed class Gaps(TextWriter error, string where)
    {
        private long _outage;

        public long Failed { get; private set; }

        public long Skipped { get; set; }

        public void Fail(DateTimeOffset at, string? reason)
        {
            Failed++;
            if (_outage++ == 0)
            {
                error.WriteLine($"{Command}: {ProfileCsvFile.Time(at)}: {where}: {reason}; no rows until it answers");
            }
        }

        public void Answered(DateTimeOffset at)
        {
            if (_outage > 0)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Command}: {ProfileCsvFile.Time(at)}: {where} answers again after {_outage} failed polls"));
                _outage = 0;
            }
        }
    }
}
