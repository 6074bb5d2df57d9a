using Amtron.Cli.Meter;
using Amtron.Cli.Meter.Record;
using Amtron.Dlm.Units;
using Amtron.Site.Scenarios;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Tests.Meter.Record;

/// <summary>
/// `amtron meter read --csv` in-process against our virtual meter on 127.0.0.1, on a clock that steps to each sample's
/// instant at once: the rows are those of the grid whatever the machine's load (no timing is asserted).
/// </summary>
public sealed class MeterRecordTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-meter-record-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Csv => Path.Combine(_work, "profile.csv");

    /// <summary>Records <paramref name="port"/> on <paramref name="clock"/>; a generous timeout: other test classes load both cores.</summary>
    private async Task<(int Exit, string Output, string Error)> RecordAsync(int port, SteppingClock clock, string every = "1s", string? duration = "5s", CancellationToken stop = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var request = new MeterRecordRequest($"127.0.0.1:{port}", Csv) { Every = every, Duration = duration, TimeoutMs = 15_000, Clock = clock };
        var exit = await MeterRecordCommand.RunAsync(request, output, error, stop);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Header(int port) =>
        $"# amtron meter read 127.0.0.1:{port} unit 1 every 1s from 2026-06-01T08:00:00.000Z: time UTC, currents in A (negative = export)\ntime,I1,I2,I3\n";

    [Fact]
    public async Task Constant_currents_served_by_meter_serve_are_one_row_per_second_on_the_grid()
    {
        // serve --currents 10,20,30; 5 s at 1 s: samples 0 to 4 at 08:00:00 to 08:00:04, each 10,20,30. The clock starts
        // 0.4 ms past the second: the grid starts at the millisecond below, as rows are stamped.
        var clock = new SteppingClock(Start.AddTicks(4_000));
        (int Exit, string Output, string Error) recorded = default;
        await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Currents = "10,20,30" }, async port =>
        {
            recorded = await RecordAsync(port, clock);
            var rows = string.Concat(Enumerable.Range(0, 5).Select(s => $"2026-06-01T08:00:0{s}.000Z,10,20,30\n"));
            Assert.Equal(Header(port) + rows, await File.ReadAllTextAsync(Csv));
        });

        Assert.Equal(0, recorded.Exit);
        Assert.Equal(string.Empty, recorded.Error);
        Assert.Contains("recorded 5 rows into", recorded.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_recording_reads_back_as_a_profile_with_the_meter_s_floats_and_signs()
    {
        // 8.1 A is written as the float the meter holds, 8.1 (not 8.100000381...); the export on L3 stays negative.
        await using var meter = await RecordedMeter.StartAsync(PhaseCurrents.FromDoubles(7.25, 8.1, -9.75));
        var (exit, _, _) = await RecordAsync(meter.Port, new SteppingClock(Start), every: "500ms", duration: "2s");

        Assert.Equal(0, exit);
        var lines = await File.ReadAllLinesAsync(Csv);
        Assert.Equal(["2026-06-01T08:00:00.000Z,7.25,8.1,-9.75", "2026-06-01T08:00:00.500Z,7.25,8.1,-9.75", "2026-06-01T08:00:01.000Z,7.25,8.1,-9.75", "2026-06-01T08:00:01.500Z,7.25,8.1,-9.75"], lines[2..]);
        var profile = ProfileSource.Load(Csv, Start);
        Assert.Equal((4, TimeSpan.FromSeconds(1.5)), (profile.Rows, profile.Length));
        Assert.Equal(PhaseCurrents.FromDoubles(7.25, 8.1, -9.75), profile.Sample(Start.AddSeconds(1)).Currents);
    }

    [Fact]
    public async Task The_recording_is_a_scenario_s_external_load_at_its_times()
    {
        await using var meter = await RecordedMeter.StartAsync(PhaseCurrents.FromDoubles(10, 20, 30));
        Assert.Equal(0, (await RecordAsync(meter.Port, new SteppingClock(Start))).Exit);
        var scenario = Path.Combine(_work, "site.yaml");
        File.WriteAllText(scenario, """
            name: recorded
            start: 2026-06-01T08:00:00Z
            duration: 1h
            externalLoads: [{name: recorded, csv: profile.csv}]
            networks: [{id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: S, role: masterStandalone, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}]
            """);

        var site = ScenarioLoader.Load(scenario).Site;
        // Zero before the first row; then each row holds until the next, the last to the end.
        Assert.Equal(PhaseCurrents.FromDoubles(10, 20, 30), site.ExternalLoadAt(Start.AddSeconds(2.5)));
        Assert.Equal(PhaseCurrents.FromDoubles(10, 20, 30), site.ExternalLoadAt(Start.AddMinutes(30)));
        Assert.Equal(PhaseCurrents.Zero, site.ExternalLoadAt(Start.AddSeconds(-1)));
    }

    [Fact]
    public async Task An_existing_file_is_refused_and_left_as_it_was()
    {
        byte[] mine = [0x23, 0x20, 0xC3, 0xA4, 0x0A, 0x31, 0x2C, 0x32];
        File.WriteAllBytes(Csv, mine);
        await using var meter = await RecordedMeter.StartAsync(PhaseCurrents.FromDoubles(1, 2, 3));
        var (exit, output, error) = await RecordAsync(meter.Port, new SteppingClock(Start));

        Assert.Equal(2, exit);
        Assert.Equal($"amtron meter read: --csv {Csv}: it exists; give a new name (a recording never writes over a file)", error.Trim());
        Assert.Equal(string.Empty, output);
        Assert.Equal(mine, File.ReadAllBytes(Csv));
    }

    [Theory]
    [InlineData("127.0.0.1:0", "1s", "5s", "'127.0.0.1:0' is not HOST or HOST:PORT")]
    [InlineData(null, "0s", "5s", "--every must be a positive duration such as 1s, 500ms or 1m, not '0s'")]
    [InlineData(null, "-1s", "5s", "--every must be a positive duration")]
    [InlineData(null, "1 s", "5s", "--every must be a positive duration")]
    [InlineData(null, "1.5ms", "5s", "--every must be whole milliseconds")]
    [InlineData(null, "1s", "0m", "--duration must be a positive duration such as 90m, 1h or 1d, not '0m'")]
    [InlineData(null, "1s", "soon", "--duration must be a positive duration")]
    public async Task Bad_arguments_are_one_line_and_exit_2_without_a_file(string? target, string every, string duration, string expected)
    {
        var error = new StringWriter();
        var request = new MeterRecordRequest(target ?? $"127.0.0.1:{RecordedMeter.ClosedPort()}", Csv) { Every = every, Duration = duration };
        Assert.Equal(2, await MeterRecordCommand.RunAsync(request, TextWriter.Null, error, CancellationToken.None));
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("amtron meter read: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Csv));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_and_a_zero_timeout_are_refused_before_connecting()
    {
        var error = new StringWriter();
        var nowhere = Path.Combine(_work, "missing", "profile.csv");
        Assert.Equal(2, await MeterRecordCommand.RunAsync(new MeterRecordRequest("127.0.0.1:1", nowhere), TextWriter.Null, error, CancellationToken.None));
        Assert.Equal(2, await MeterRecordCommand.RunAsync(new MeterRecordRequest("127.0.0.1:1", Csv) { TimeoutMs = 0 }, TextWriter.Null, error, CancellationToken.None));
        Assert.Equal(
            [$"amtron meter read: --csv {nowhere}: the folder {Path.Combine(_work, "missing")} does not exist", "amtron meter read: --timeout must be a positive number of milliseconds"],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Csv));
    }

    [Fact]
    public async Task A_meter_that_does_not_answer_the_first_poll_leaves_no_file_and_exits_1()
    {
        var port = RecordedMeter.ClosedPort();
        var (exit, _, error) = await RecordAsync(port, new SteppingClock(Start));

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"amtron meter read: 127.0.0.1:{port} unit 1: ", line, StringComparison.Ordinal);
        Assert.EndsWith("(nothing written)", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Csv));
    }

    [Fact]
    public async Task Polls_that_fail_give_no_row_a_line_when_the_outage_starts_and_ends_and_exit_1()
    {
        // The meter refuses every request from 2 s to before 4 s: samples 2 and 3 fail, 0, 1, 4 and 5 are rows.
        var clock = new SteppingClock(Start);
        await using var meter = await RecordedMeter.StartAsync(PhaseCurrents.FromDoubles(1, 2, 3), () => clock.Elapsed is var t && (t < TimeSpan.FromSeconds(2) || t >= TimeSpan.FromSeconds(4)));
        var (exit, output, error) = await RecordAsync(meter.Port, clock, duration: "6s");

        Assert.Equal(1, exit);
        Assert.Equal(["00.000", "01.000", "04.000", "05.000"], (await File.ReadAllLinesAsync(Csv))[2..].Select(l => l[17..23]));
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"amtron meter read: 2026-06-01T08:00:02.000Z: 127.0.0.1:{meter.Port} unit 1: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("; no rows until it answers", lines[0], StringComparison.Ordinal);
        Assert.Equal($"amtron meter read: 2026-06-01T08:00:04.000Z: 127.0.0.1:{meter.Port} unit 1 answers again after 2 failed polls", lines[1]);
        Assert.Equal("amtron meter read: 2 of 6 samples have no row: 2 polls failed, 0 skipped while a poll ran late", lines[2]);
        Assert.Contains("recorded 4 rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_that_runs_past_the_next_instant_skips_it_and_the_grid_does_not_drift()
    {
        // The poll at 1 s takes until 3.5 s: sample 2 (2 s) has passed and gets no row; sample 3 is polled at once and
        // stamped 3 s; sample 4 is on time again at 4 s, not 4.5 s.
        var clock = new SteppingClock(Start);
        var slow = 0;
        await using var meter = await RecordedMeter.StartAsync(PhaseCurrents.FromDoubles(1, 2, 3), () =>
        {
            if (clock.Elapsed == TimeSpan.FromSeconds(1) && Interlocked.Exchange(ref slow, 1) == 0)
            {
                clock.Advance(TimeSpan.FromSeconds(2.5));
            }

            return true;
        });
        var (exit, _, error) = await RecordAsync(meter.Port, clock);

        Assert.Equal(1, exit);
        Assert.Equal(["00.000", "01.000", "03.000", "04.000"], (await File.ReadAllLinesAsync(Csv))[2..].Select(l => l[17..23]));
        Assert.Equal("amtron meter read: 1 of 5 samples have no row: 0 polls failed, 1 skipped while a poll ran late", error.Trim());
    }

    [Fact]
    public async Task Stopping_ends_the_recording_with_whole_rows_and_exit_0()
    {
        // Stopped during the poll at 3 s: its answer is dropped or written whole; either way every row is complete.
        var clock = new SteppingClock(Start);
        using var stop = new CancellationTokenSource();
        await using var meter = await RecordedMeter.StartAsync(PhaseCurrents.FromDoubles(1, 2, 3), () =>
        {
            if (clock.Elapsed >= TimeSpan.FromSeconds(3))
            {
                stop.Cancel();
            }

            return true;
        });
        var (exit, output, error) = await RecordAsync(meter.Port, clock, duration: null, stop: stop.Token);

        Assert.Equal((0, string.Empty), (exit, error));
        var text = await File.ReadAllTextAsync(Csv);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var profile = ProfileSource.Load(Csv, Start);
        Assert.InRange(profile.Rows, 3, 4);
        Assert.Contains($"recorded {profile.Rows} rows", output, StringComparison.Ordinal);
    }
}
