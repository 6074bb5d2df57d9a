using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Hil.Recording;
using Amtron.Site.Model;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Hil.Tests;

/// <summary>
/// The live loop's rules, cycle by cycle on a fake clock with scripted devices. The site: a 32 A line (Operator limit
/// 32 A) behind an Excluding PAC2200 with a 40 A Main Distribution Limit and a 20 A External Load Fallback; two
/// 3-phase points of <see cref="InstallationLimit"/> A; 5 s samples.
/// </summary>
public sealed class HilLoopTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeCharger _cp1 = new("cp1:502");
    private readonly FakeCharger _cp2 = new("cp2:502");
    private readonly FakeMeter _meter;
    private readonly List<CycleRecord> _records = [];
    private readonly StringWriter _log = new();

    public HilLoopTests() => _meter = new FakeMeter(_clock);

    private long InstallationLimit { get; set; } = 32;

    private long Line { get; set; } = 32;

    private long DowngradeOffset { get; set; }

    private HilLoop Loop(bool write = true, bool safePause = false, long? cycles = null, TimeSpan? requestTimeout = null)
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(Line))
        {
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(40)) { ExternalLoadFallback = PhaseCurrents.Uniform(20) },
            MeterDigitalInputCurrentOffset = PhaseCurrents.Uniform(DowngradeOffset),
        };
        ChargePointSpec Point(string id) => new(id, "CS1", Amps.From(InstallationLimit), ChargePointSpec.NoRotation);
        var station = new StationSpec("CS1", StationRole.MasterWithInternalSlave, [Point("CP1"), Point("CP2")]);
        var network = new NetworkSpec(0, settings, new DlmControllerOptions { SampleRate = Period }, [station]);
        HilPoint[] points = [new(station.ChargePoints[0], station, _cp1), new(station.ChargePoints[1], station, _cp2)];
        var options = new HilOptions { Write = write, SafePause = safePause, Cycles = cycles, RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(1) };
        return new HilLoop(network, points, _meter, options, _clock, _records.Add, _log);
    }

    private async Task<CycleRecord> Next(HilLoop loop)
    {
        var record = await loop.CycleAsync(CancellationToken.None);
        _clock.Advance(Period);
        return record;
    }

    [Fact]
    public async Task Each_setpoint_is_written_when_it_changes_and_not_again_while_it_holds()
    {
        // House 10 A: 40 − 10 = 30 A left, below the 32 A line: 15 A each. Then 20 A: 20 A left, 10 A each.
        var loop = Loop();
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(10);
        await Next(loop);
        await Next(loop);
        _meter.Currents = PhaseCurrents.Uniform(20);
        var third = await Next(loop);

        Assert.Equal([15, 10], _cp1.Written);
        Assert.Equal([15, 10], _cp2.Written);
        Assert.Equal([20_000, 20_000, 20_000], third.Decision.AvailableMilliamps);
        Assert.Equal(["MainDistributionLimit", "MainDistributionLimit", "MainDistributionLimit"], third.Decision.BoundBy);
        Assert.Equal([new RecordedWrite("CP1", 10, true, null), new RecordedWrite("CP2", 10, true, null)], third.Writes);
    }

    [Fact]
    public async Task A_meter_that_stops_answering_brings_the_external_load_fallback_at_the_next_cycle()
    {
        // House 5 A: 35 A left, the 32 A line binds: 16 A each. The meter fails: the 20 A fallback leaves 20 A: 10 A each,
        // written in that same cycle; it answers again (5 A): 16 A each.
        var loop = Loop();
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(5);
        await Next(loop);
        _meter.Failing = true;
        var failed = await Next(loop);
        _meter.Failing = false;
        await Next(loop);

        Assert.Equal([16, 10, 16], _cp1.Written);
        Assert.Equal("Failed", failed.Decision.MeterStatus);
        Assert.Contains("meter (meter): failed: no answer; the External Load Fallback applies", failed.Errors);
        Assert.True(failed.Input.MeterFailed);
    }

    [Fact]
    public async Task A_frozen_meter_is_a_failed_one_and_said_without_an_error_text()
    {
        // House 5 A as before, but the meter's values have not changed for too long (stale): the 20 A fallback leaves
        // 20 A, 10 A each; the meter gave no error text, so none is added.
        var loop = Loop();
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(5);
        _meter.Stale = true;
        var stale = await Next(loop);

        Assert.Equal([10], _cp1.Written);
        Assert.Equal("Failed", stale.Decision.MeterStatus);
        Assert.Equal("meter (meter): stale; the External Load Fallback applies", Assert.Single(stale.Errors));
        Assert.True(stale.Input.MeterFailed);
    }

    [Fact]
    public async Task A_point_that_stops_answering_is_counted_at_its_installation_limit_and_not_written()
    {
        // 16 A points; house 16 A: 24 A left, 12 A each. CP2 goes silent: the master keeps its 16 A free on every phase
        // (it might draw that): CP1 gets 24 − 16 = 8 A. CP2 gets no write.
        InstallationLimit = 16;
        var loop = Loop();
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(16);
        await Next(loop);
        _cp2.Silent = true;
        var silent = await Next(loop);

        Assert.Equal([12, 8], _cp1.Written);
        Assert.Equal([12], _cp2.Written);
        Assert.DoesNotContain(silent.Writes, w => w.Id == "CP2");
        Assert.Contains(silent.Errors, e => e.StartsWith("CP2 (cp2:502) does not answer", StringComparison.Ordinal) && e.Contains("counted at its Installation Current Limit 16 A", StringComparison.Ordinal));
        Assert.False(silent.Observations.Single(o => o.Id == "CP2").Reachable);
        Assert.Equal(new RecordedPoint("CP2", (int)VirtualCharger.Ems.VehicleState.E, 0, null, 0, 0, "no answer within 1000 ms"), silent.Points[1] with { CurrentsA = null });
        Assert.Equal([12.0, 12.0, 12.0], silent.Points[0].CurrentsA!);
    }

    [Fact]
    public async Task A_dry_run_decides_and_records_but_writes_nothing()
    {
        var loop = Loop(write: false);
        await loop.PrepareAsync(CancellationToken.None);
        _cp1.Answer = new(VirtualCharger.Ems.VehicleState.C, 3, [0, 0, 0], 0, 32);
        _meter.Currents = PhaseCurrents.Uniform(10);
        var first = await Next(loop);
        await loop.LeaveSafeAsync();

        Assert.Empty(_cp1.Written);
        Assert.Empty(_cp2.Written);
        Assert.Equal([new RecordedWrite("CP1", 30, false, null), new RecordedWrite("CP2", 0, false, null)], first.Writes);
        Assert.Contains("dry run, would write CP1 30 A, CP2 0 A", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("dry run: would leave CP1 at 6 A", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setpoint_is_written_again_before_the_point_s_communication_timeout_runs_out()
    {
        // A 60 s timeout and 5 s cycles: written at 0 s, then again at the first cycle from which the timeout would run
        // out before the cycle after next: 50 s (50 + 10 >= 60). CP2 has no timeout: written once.
        _cp1.TimeoutSeconds = 60;
        var loop = Loop();
        await loop.PrepareAsync(CancellationToken.None);
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(10);
        var cycles = new List<CycleRecord>();
        for (var i = 0; i < 12; i++)
        {
            cycles.Add(await Next(loop));
        }

        Assert.Equal([15, 15], _cp1.Written);
        Assert.Equal([15], _cp2.Written);
        Assert.Equal([1, 11], cycles.Where(c => c.Writes.Any(w => w.Id == "CP1")).Select(c => c.Cycle));
    }

    [Fact]
    public async Task A_setpoint_is_never_above_the_interface_s_32_A_nor_the_decision()
    {
        // 63 A points on a 63 A line, no house load: 40 A are left under the Main Distribution Limit, and the one vehicle
        // is given 40 A; the HEMS limit goes to 32 A at most. A point without a vehicle gets 0.
        InstallationLimit = 63;
        Line = 63;
        var loop = Loop();
        _cp1.Charging();
        _meter.Currents = PhaseCurrents.Zero;
        var cycle = await Next(loop);

        Assert.Equal(40, cycle.Decision.Commands.Single(c => c.Id == "CP1").Current);
        Assert.All(cycle.Writes, w => Assert.True(w.Amps <= 32 && w.Amps <= (cycle.Decision.Commands.SingleOrDefault(c => c.Id == w.Id)?.Current ?? 0)));
        Assert.Equal([32], _cp1.Written);
        Assert.Equal([0], _cp2.Written);
    }

    [Theory]
    [InlineData(false, 6)]
    [InlineData(true, 0)]
    public async Task Stopping_leaves_every_point_at_its_safe_current_or_paused(bool safePause, int expected)
    {
        var loop = Loop(safePause: safePause);
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(10);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);
        while (_records.Count == 0)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([15, expected], _cp1.Written);
        Assert.Equal([15, expected], _cp2.Written);
    }

    [Fact]
    public async Task A_device_error_while_writing_is_reported_and_tried_again_the_next_cycle()
    {
        var loop = Loop();
        _cp1.Charging();
        _meter.Currents = PhaseCurrents.Uniform(10);
        await Next(loop);
        _meter.Currents = PhaseCurrents.Uniform(20);
        _cp1.FailNextWrite = true;
        var failed = await Next(loop);
        await Next(loop);

        Assert.Contains(failed.Errors, e => e.StartsWith("CP1: writing 20 A failed", StringComparison.Ordinal));
        Assert.Equal(new RecordedWrite("CP1", 20, false, "no answer"), failed.Writes.Single(w => w.Id == "CP1"));
        Assert.Equal([30, 20], _cp1.Written);
    }

    [Fact]
    public async Task Each_cycle_is_one_line_and_errors_follow_it()
    {
        var loop = Loop();
        _meter.Currents = PhaseCurrents.Uniform(10);
        await Next(loop);
        _cp1.Charging();
        await Next(loop);
        await Next(loop);
        _cp2.Silent = true;
        await Next(loop);

        var lines = _log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("12:00:00 network 0: available 30/30/30 A; no vehicle; wrote CP1 0 A, CP2 0 A", lines[0]);
        Assert.Equal("12:00:05 network 0: available 30/30/30 A; CP1 30 A; wrote CP1 30 A", lines[1]);
        Assert.Equal("12:00:10 network 0: available 30/30/30 A; CP1 30 A; nothing to write", lines[2]);
        // CP2 silent: its 32 A kept free under the 30 A the house leaves, so nothing is left for CP1.
        Assert.Equal("12:00:15 network 0: available 0/0/0 A; CP1 0 A, CP2 not answering (counted at 32 A); wrote CP1 0 A", lines[3]);
        Assert.StartsWith("amtron hil: error: CP2 (cp2:502) does not answer", lines[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(150, true)] // 150 ms > 1 000 ms / 10
    [InlineData(100, false)] // exactly a tenth: not more
    [InlineData(99, false)]
    public async Task A_decision_longer_than_a_tenth_of_the_sample_period_is_an_error(int decisionMs, bool error)
    {
        // A 1 s sample period on a clock that moves on by the decision's time at every reading: the decision takes
        // exactly that long.
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(decisionMs));
        var settings = new DlmSettings(PhaseCurrents.Uniform(32));
        var station = new StationSpec("CS1", StationRole.MasterWithInternalSlave, [new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation)]);
        var network = new NetworkSpec(0, settings, new DlmControllerOptions { SampleRate = TimeSpan.FromSeconds(1) }, [station]);
        var loop = new HilLoop(network, [new HilPoint(station.ChargePoints[0], station, _cp1)], null, new HilOptions(), clock, null, TextWriter.Null);

        var cycle = await loop.CycleAsync(CancellationToken.None);

        Assert.Equal(decisionMs, cycle.DecisionMs);
        var message = $"the decision took {decisionMs} ms, more than a tenth of the 1000 ms sample period";
        Assert.Equal(error, cycle.Errors.Contains(message));
        Assert.Equal(error ? 1 : 0, cycle.Errors.Count(e => e.StartsWith("the decision took", StringComparison.Ordinal)));
        Assert.Null(cycle.Meter);
        Assert.True(cycle.Input.MeterFailed);
    }

    [Fact]
    public async Task Stopping_says_what_each_point_was_left_at()
    {
        var loop = Loop(safePause: true);
        await loop.PrepareAsync(CancellationToken.None);
        await loop.LeaveSafeAsync();
        _cp2.Silent = true;
        await Loop().LeaveSafeAsync();

        var log = _log.ToString();
        Assert.Contains("amtron hil: left CP1 at 0 A (paused)", log, StringComparison.Ordinal);
        Assert.Contains("amtron hil: left CP1 at 0 A (its safe current)", log, StringComparison.Ordinal);
        Assert.Contains("amtron hil: CP2 (cp2:502): could not leave it at 0 A: no answer; its own communication timeout applies", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_downgrade_input_as_last_read_stays_while_the_meter_does_not_answer()
    {
        // Offset 16 A: with the input active the 32 A line becomes 16 A. House 10 A: min(40 − 10, 16) = 16 A, 8 A each.
        // The meter fails: fallback 20 A leaves min(40 − 20, 16) = 16 A, still 8 A each, so nothing new is written; had
        // the failed reading's "inactive" been taken, the line would be 32 A again and the points 10 A each.
        DowngradeOffset = 16;
        var loop = Loop();
        _cp1.Charging();
        _cp2.Charging();
        _meter.Currents = PhaseCurrents.Uniform(10);
        _meter.DigitalInput = true;
        var active = await Next(loop);
        _meter.Failing = true;
        var failed = await Next(loop);

        Assert.Equal([16_000, 16_000, 16_000], active.Decision.AvailableMilliamps);
        Assert.Equal([16_000, 16_000, 16_000], failed.Decision.AvailableMilliamps);
        Assert.Equal([8], _cp1.Written);
        Assert.Equal([8], _cp2.Written);

        // The meter as read is in the record: what it said, its currents, the input; and the failure with its error.
        Assert.Equal(("Ok", true, (string?)null), (active.Meter!.Status, active.Meter.DigitalInput, active.Meter.Error));
        Assert.Equal([10.0, 10.0, 10.0], active.Meter.CurrentsA);
        Assert.Equal(("Failed", "no answer"), (failed.Meter!.Status, failed.Meter.Error));
    }

    [Fact]
    public async Task A_run_of_n_cycles_ends_after_the_nth_and_leaves_a_point_whose_safe_current_was_not_read_paused()
    {
        // House 10 A: 30 A, 15 A each, from the first cycle on. CP2's 131/132 cannot be read: it is left at 0 A, CP1 at
        // its 6 A safe current.
        var loop = Loop(cycles: 3);
        _cp1.Charging();
        _cp2.Charging();
        _cp2.SafetyUnreadable = true;
        _meter.Currents = PhaseCurrents.Uniform(10);
        var run = loop.RunAsync(CancellationToken.None);
        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!run.IsCompleted && DateTime.UtcNow < guard)
        {
            _clock.Advance(Period);
            await Task.Delay(10);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([1, 2, 3], _records.Select(r => r.Cycle));
        Assert.Equal([15, 6], _cp1.Written);
        Assert.Equal([15, 0], _cp2.Written);
        Assert.Contains("amtron hil: CP2 (cp2:502): cannot read its safe current and timeout (no answer); it will be left paused", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_safe_waits_three_request_timeouts_for_a_slow_point()
    {
        // A 300 ms request timeout: a point that takes 200 ms to confirm its safe current is still left safe (900 ms).
        _cp1.WriteDelay = TimeSpan.FromMilliseconds(200);
        var loop = Loop(requestTimeout: TimeSpan.FromMilliseconds(300));
        await loop.PrepareAsync(CancellationToken.None);
        await loop.LeaveSafeAsync();

        Assert.Equal([6], _cp1.Written);
        Assert.Contains("amtron hil: left CP1 at 6 A (its safe current)", _log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A fake clock whose timestamp moves on by <paramref name="step"/> each time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
        public override long GetTimestamp()
        {
            var now = base.GetTimestamp();
            Advance(step);
            return now;
        }
    }
}
