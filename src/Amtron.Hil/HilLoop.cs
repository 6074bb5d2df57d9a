using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Hil.Devices;
using Amtron.Hil.Recording;
using Amtron.Site.Control;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.Hil;

/// <summary>
/// One DLM network's master run live against hardware, on a wall clock at its DLM Algorithm Sample Rate, through the
/// same master's-side loop as the simulator (<see cref="NetworkMaster{TPoint}"/>). Each cycle reads the meter and every
/// point, decides, and writes the HEMS current limit (register 1000) to each point whose setpoint changed or whose
/// communication timeout would run out before the cycle after next. Never above the decision; a dry run unless
/// <see cref="HilOptions.Write"/>; a device error is reported and the loop goes on; on stopping every point is left at
/// its safe current (or paused).
/// </summary>
public sealed class HilLoop
{
    private readonly NetworkMaster<HilPoint> _master;
    private readonly HilPoint[] _points;
    private readonly IMeterLink? _meter;
    private readonly HilOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<CycleRecord>? _record;
    private readonly TextWriter _log;
    private bool _digitalInput;
    private long _cycle;

    /// <summary>A loop for <paramref name="network"/> over <paramref name="points"/> (in the site's order) and the site's meter, recording each cycle to <paramref name="record"/> and reporting to <paramref name="log"/>.</summary>
    public HilLoop(NetworkSpec network, IReadOnlyList<HilPoint> points, IMeterLink? meter, HilOptions options, TimeProvider time, Action<CycleRecord>? record, TextWriter log)
    {
        _master = new NetworkMaster<HilPoint>(network ?? throw new ArgumentNullException(nameof(network)));
        _points = [.. points ?? throw new ArgumentNullException(nameof(points))];
        _meter = meter;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _record = record;
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The network's sample period: one cycle each.</summary>
    public TimeSpan Period => _master.Spec.Options.SampleRate;

    /// <summary>The points, in the site file's order.</summary>
    public IReadOnlyList<HilPoint> Points => _points;

    /// <summary>The meter this network reads, or null when it uses none.</summary>
    public IMeterLink? Meter => _meter;

    /// <summary>Reads each point's safe current and timeout, then runs cycles until stopped; then leaves safe currents.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await PrepareAsync(stop).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Period, _time);
        try
        {
            while (true)
            {
                var record = await CycleAsync(stop).ConfigureAwait(false);
                if ((_options.Cycles is { } cycles && record.Cycle >= cycles) || !await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the safe currents below.
        }
        finally
        {
            await LeaveSafeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Each point's safe current (131) and communication timeout (132), to leave it safe and to write in time.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var point in _points)
        {
            try
            {
                (point.SafeCurrent, point.TimeoutSeconds) = await point.Link.ReadSafetyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or IOException or Modbus.Client.ModbusException)
            {
                _log.WriteLine($"amtron hil: {point.Spec.Id} ({point.Link.Address}): cannot read its safe current and timeout ({e.Message}); it will be left paused");
            }
        }
    }

    /// <summary>One cycle: read, decide, write (or not, dry), record; then its garbage is collected (<see cref="IdleCollection"/>).</summary>
    public async Task<CycleRecord> CycleAsync(CancellationToken cancellationToken)
    {
        IdleCollection.Enter();
        try
        {
            return await ReadDecideWriteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            IdleCollection.Leave();
        }
    }

    private async Task<CycleRecord> ReadDecideWriteAsync(CancellationToken cancellationToken)
    {
        // The loop's own clock, as everything else here: a test can say how long a decision took.
        var started = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        var errors = new List<string>();
        // The meter and every point at once: each device answers one request at a time, so the cycle takes as long as
        // the slowest of them, not their sum.
        var meterRead = _meter?.ReadAsync(cancellationToken);
        var pointReads = Task.WhenAll(_points.Select(p => p.Link.ReadAsync(cancellationToken)));
        Pac2200Reading? reading = null;
        if (meterRead is not null)
        {
            reading = await meterRead.ConfigureAwait(false);
            if (reading.Status != ReadingStatus.Ok)
            {
                errors.Add($"meter ({_meter!.Address}): {reading.Status.ToString().ToLowerInvariant()}{(reading.Error is { } e ? ": " + e : string.Empty)}; the External Load Fallback applies");
            }
            else
            {
                // The downgrade input as last read: a meter that stops answering leaves it as it was.
                _digitalInput = reading.DigitalInput;
            }
        }

        var meter = reading?.ToMeterReading() ?? MeterReading.Failed;
        var observed = await pointReads.ConfigureAwait(false);
        for (var i = 0; i < _points.Length; i++)
        {
            _points[i].Observe(observed[i]);
            if (!_points[i].Answering)
            {
                errors.Add($"{_points[i].Spec.Id} ({_points[i].Link.Address}) does not answer: {_points[i].Error}; counted at its Installation Current Limit {_points[i].Spec.InstallationCurrentLimit}");
            }
        }

        var deciding = _time.GetTimestamp();
        var step = _master.Decide(now, meter, _digitalInput, _points);
        var decisionMs = _time.GetElapsedTime(deciding).TotalMilliseconds;
        if (decisionMs > Period.TotalMilliseconds / 10)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"the decision took {decisionMs:0.###} ms, more than a tenth of the {Period.TotalMilliseconds:0.###} ms sample period"));
        }

        var commands = Enumerable.Range(0, _master.Count).Select(i => (Point: _master.PointAt(i), Command: _master.CommandAt(i))).ToList();
        var writes = await WriteAsync(commands, now, errors, cancellationToken).ConfigureAwait(false);
        var record = new CycleRecord
        {
            Network = _master.Spec.Id,
            Cycle = ++_cycle,
            Time = now,
            Meter = reading is null ? null : new RecordedMeter(reading.Status.ToString(), [reading.Currents.L1.Value, reading.Currents.L2.Value, reading.Currents.L3.Value], reading.DigitalInput, reading.Error),
            Input = RecordedInput.From(meter, _digitalInput),
            Points = [.. _points.Select((p, i) => new RecordedPoint(p.Spec.Id, (int)observed[i].Vehicle, observed[i].RelayPhases, observed[i].CurrentsA?.ToArray(), observed[i].SignalledAmps, observed[i].EvMaximumAmps, observed[i].Error))],
            Observations = [.. _master.Observations.Select(o => RecordedObservation.From(o))],
            Decision = new RecordedDecision(
                RecordedInput.Milliamps(step.Decision.Pool.Available),
                [.. Enumerable.Range(0, 3).Select(p => step.Decision.Pool.BoundBy[p].ToString())],
                step.Decision.Pool.MeterStatus.ToString(),
                [.. commands.Select(c => RecordedCommand.From(c.Command))],
                [.. _master.Controller.LastOutcomes().Select(o => new RecordedOutcome(o.Id, o.Outcome.ToString()))]),
            Writes = writes,
            Errors = errors,
            DecisionMs = decisionMs,
            LatencyMs = _time.GetElapsedTime(started).TotalMilliseconds,
        };
        Report(record);
        _record?.Invoke(record);
        return record;
    }

    /// <summary>
    /// The HEMS limit for every answering point: its command (at most the interface's 32 A, never above the decision),
    /// 0 for a point without a vehicle (the master gives it nothing); written when it changed or the point's
    /// communication timeout would run out before the cycle after next.
    /// </summary>
    private async Task<List<RecordedWrite>> WriteAsync(List<(HilPoint Point, ChargePointCommand Command)> commands, DateTimeOffset now, List<string> errors, CancellationToken cancellationToken)
    {
        var setpoints = _points.Where(p => p.Answering).ToDictionary(p => p, _ => 0);
        foreach (var (point, command) in commands)
        {
            if (command.Reason != CommandReason.Disconnected)
            {
                setpoints[point] = Math.Min(command.Current, AmtronEmsMap.MaximumCurrent);
            }
        }

        var due = setpoints.Where(s => Due(s.Key, s.Value, now)).ToList();
        var writes = await Task.WhenAll(due.Select(s => WriteOneAsync(s.Key, s.Value, now, cancellationToken))).ConfigureAwait(false);
        errors.AddRange(writes.Where(w => w.Error is not null).Select(w => $"{w.Id}: writing {w.Amps} A failed: {w.Error}"));
        return [.. writes];
    }

    private bool Due(HilPoint point, int amps, DateTimeOffset now) =>
        point.Written is not { } written || written.Amps != amps
        || (point.TimeoutSeconds > 0 && now + (2 * Period) >= written.At + TimeSpan.FromSeconds(point.TimeoutSeconds));

    private async Task<RecordedWrite> WriteOneAsync(HilPoint point, int amps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_options.Write)
        {
            point.Written = (amps, now);
            return new RecordedWrite(point.Spec.Id, amps, false, null);
        }

        try
        {
            await point.Link.WriteLimitAsync(amps, cancellationToken).ConfigureAwait(false);
            point.Written = (amps, now);
            return new RecordedWrite(point.Spec.Id, amps, true, null);
        }
        catch (Exception e) when (e is TimeoutException or IOException or Modbus.Client.ModbusException)
        {
            // Not remembered as written: the next cycle tries again.
            return new RecordedWrite(point.Spec.Id, amps, false, e.Message);
        }
    }

    /// <summary>Leaves every point at its safe current, or paused (--safe-pause); a dry run says what it would write.</summary>
    public async Task LeaveSafeAsync()
    {
        foreach (var point in _points)
        {
            var amps = _options.SafePause ? 0 : point.SafeCurrent;
            if (!_options.Write)
            {
                _log.WriteLine($"amtron hil: dry run: would leave {point.Spec.Id} at {amps} A");
                continue;
            }

            using var timeout = new CancellationTokenSource(_options.RequestTimeout * 3);
            try
            {
                await point.Link.WriteLimitAsync(amps, timeout.Token).ConfigureAwait(false);
                _log.WriteLine($"amtron hil: left {point.Spec.Id} at {amps} A ({(_options.SafePause ? "paused" : "its safe current")})");
            }
            catch (Exception e) when (e is TimeoutException or IOException or OperationCanceledException or Modbus.Client.ModbusException)
            {
                _log.WriteLine($"amtron hil: {point.Spec.Id} ({point.Link.Address}): could not leave it at {amps} A: {e.Message}; its own communication timeout applies");
            }
        }
    }

    private void Report(CycleRecord record)
    {
        var commands = string.Join(", ", record.Decision.Commands.Select(c => c.Reason == nameof(CommandReason.Disconnected)
            ? string.Create(CultureInfo.InvariantCulture, $"{c.Id} not answering (counted at {c.Current} A)")
            : string.Create(CultureInfo.InvariantCulture, $"{c.Id} {c.Current} A")));
        var available = string.Join("/", record.Decision.AvailableMilliamps.Select(m => (m / 1000).ToString(CultureInfo.InvariantCulture)));
        var written = record.Writes.Count == 0 ? "nothing to write"
            : _options.Write ? "wrote " + string.Join(", ", record.Writes.Where(w => w.Done).Select(w => $"{w.Id} {w.Amps} A"))
            : "dry run, would write " + string.Join(", ", record.Writes.Select(w => $"{w.Id} {w.Amps} A"));
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{record.Time:HH:mm:ss} network {record.Network}: available {available} A; {(commands.Length == 0 ? "no vehicle" : commands)}; {written}"));
        foreach (var error in record.Errors)
        {
            _log.WriteLine($"amtron hil: error: {error}");
        }
    }
}
