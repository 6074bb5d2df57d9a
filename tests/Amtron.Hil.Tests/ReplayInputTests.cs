using System.Text;
using System.Text.Json;
using Amtron.Hil.Recording;
using Replay = Amtron.Hil.Recording.Replay;

namespace Amtron.Hil.Tests;

/// <summary>
/// What a replay makes of a file that is not a good recording: each bad line one located problem in words, read one
/// line at a time with a cap, so a stream that never ends, a huge line or a file of garbage end promptly and small.
/// </summary>
public sealed class ReplayInputTests
{
    private const string Site = "name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks: [{id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}]\n";

    private const string Observation = "{\"id\":\"CP1\",\"connectorPhases\":7,\"installationMilliamps\":16000,\"vehicleConnected\":false,\"measuredMilliamps\":[0,0,0],\"reachable\":true,\"sessionKey\":null,\"leadingPhases\":0,\"firstPhase\":0,\"disconnectedMilliamps\":6000}";

    /// <summary>A cycle with no vehicle: the master looks at no point and commands none.</summary>
    private const string Cycle = "{\"type\":\"cycle\",\"network\":0,\"cycle\":1,\"time\":\"2026-06-01T00:00:00Z\",\"input\":{\"meterFailed\":true,\"meterMilliamps\":[0,0,0],\"digitalInput\":false},\"observations\":[],\"decision\":{\"availableMilliamps\":[0,0,0],\"boundBy\":[],\"meterStatus\":\"failed\",\"commands\":[],\"outcomes\":[]}}";

    private static readonly string Header = JsonSerializer.Serialize(new RecordHeader("header", "test", "site.yaml", Site, false), CycleRecorder.Json);

    [Fact]
    public void A_good_minimal_recording_replays()
    {
        var report = Replay.Run(Utf8($"{Header}\n{Cycle}\n\n{Cycle}\n"), "r.jsonl");
        Assert.Equal((2, 0), (report.Cycles, report.DifferentCycles));
    }

    [Fact]
    public async Task A_stream_of_zeros_ends_at_the_cap_with_one_located_line()
    {
        var zeros = new Zeros();
        var error = await Task.Run(() => Assert.Throws<ReplayException>(() => Replay.Run(zeros, "/dev/zero"))).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(["/dev/zero:1: the line is longer than 16 MiB, the most a line of a recording may be; the replay stops here"], error.Problems);

        // Read in 64 KiB chunks: the one that passes the cap is the last.
        Assert.InRange(zeros.BytesRead, Replay.MaximumLineBytes, Replay.MaximumLineBytes + (64 << 10));
    }

    [Fact]
    public void A_line_over_the_cap_is_named_and_nothing_after_it_is_read()
    {
        var huge = new string(' ', Replay.MaximumLineBytes) + "x";
        Assert.Equal(["r.jsonl:3: the line is longer than 16 MiB, the most a line of a recording may be; the replay stops here"], Problems($"{Header}\n{Cycle}\n{huge}\nnot json\n"));
    }

    [Fact]
    public void A_line_at_the_cap_is_read()
    {
        var padded = Cycle + new string(' ', Replay.MaximumLineBytes - Cycle.Length);
        Assert.Equal(1, Replay.Run(Utf8($"{Header}\n{padded}\n"), "r.jsonl").Cycles);
    }

    [Theory]
    [InlineData("\0", "not valid JSON (at byte 1)")]
    // Byte 16 is the comma, where the text ends too early.
    [InlineData("{\"type\":\"cycle\",", "not valid JSON (at byte 16)")]
    [InlineData("null", "null, not a line of a recording")]
    [InlineData("{\"type\":\"cycle\"}", "lacks input, observations, decision, which amtron hil records")]
    [InlineData("{\"\\ud800\":1}", "text that is not valid Unicode (a lone surrogate such as \\ud800)")]
    public void A_line_that_is_not_a_cycle_is_one_located_problem(string line, string expected) =>
        Assert.Equal([$"r.jsonl:2: {expected}"], Problems($"{Header}\n{line}\n{Cycle}\n"));

    [Theory]
    [InlineData("\"network\":0", "\"network\":\"x\"", "network: not as amtron hil records it (a field missing, null, or a value of another kind)")]
    [InlineData("\"time\":\"2026-06-01T00:00:00Z\"", "\"time\":\"soon\"", "time: not as amtron hil records it (a field missing, null, or a value of another kind)")]
    [InlineData("\"input\":{\"meterFailed\":true,\"meterMilliamps\":[0,0,0],\"digitalInput\":false}", "\"input\":null", "input: not as amtron hil records it (a field missing, null, or a value of another kind)")]
    [InlineData("\"commands\":[]", "\"commands\":null", "decision.commands: not as amtron hil records it (a field missing, null, or a value of another kind)")]
    [InlineData("\"meterMilliamps\":[0,0,0]", "\"meterMilliamps\":[0,0]", "input.meterMilliamps: must have 3 values [L1, L2, L3], not 2")]
    [InlineData("\"observations\":[]", "\"observations\":[null]", "observations[0]: null, not a status report")]
    [InlineData("\"observations\":[]", $"\"observations\":[{Observation},{Observation}]", null)]
    [InlineData("\"commands\":[]", "\"commands\":[null]", "decision.commands[0]: null, not a command")]
    public void A_cycle_a_replay_could_not_decide_on_is_one_located_problem(string field, string changed, string? expected)
    {
        var cycle = Cycle.Replace(field, changed, StringComparison.Ordinal);
        Assert.NotEqual(Cycle, cycle);
        if (expected is null)
        {
            // Two well-formed status reports: decided (the same point twice is the controller's business).
            Assert.Equal(1, Replay.Run(Utf8($"{Header}\n{cycle}\n"), "r.jsonl").Cycles);
            return;
        }

        Assert.Equal([$"r.jsonl:2: {expected}"], Problems($"{Header}\n{cycle}\n{Cycle}\n"));
    }

    [Theory]
    [InlineData("\"measuredMilliamps\":[0,0,0]", "\"measuredMilliamps\":[0]", "observations[0].measuredMilliamps: must have 3 values [L1, L2, L3], not 1")]
    [InlineData("\"connectorPhases\":7", "\"connectorPhases\":9", "observations[0].connectorPhases: must be a phase mask from 0 to 7, not 9")]
    [InlineData("\"leadingPhases\":0", "\"leadingPhases\":-1", "observations[0].leadingPhases: must be a phase mask from 0 to 7, not -1")]
    [InlineData("\"firstPhase\":0", "\"firstPhase\":8", "observations[0].firstPhase: must be a phase mask from 0 to 7, not 8")]
    [InlineData("\"id\":\"CP1\"", "\"id\":null", "observations[0].id: not as amtron hil records it (a field missing, null, or a value of another kind)")]
    [InlineData(",\"sessionKey\":null", "", "observations[0]: lacks sessionKey, which amtron hil records")]
    public void A_status_report_a_replay_could_not_decide_on_is_one_located_problem(string field, string changed, string expected)
    {
        var cycle = Cycle.Replace("\"observations\":[]", $"\"observations\":[{Observation.Replace(field, changed, StringComparison.Ordinal)}]", StringComparison.Ordinal);
        Assert.Equal([$"r.jsonl:2: {expected}"], Problems($"{Header}\n{cycle}\n"));
    }

    [Theory]
    [InlineData("connectorPhases", 9, "leadingPhases", -1)]
    [InlineData("leadingPhases", 8, "firstPhase", -1)]
    [InlineData("connectorPhases", -2, "firstPhase", 9)]
    public void Of_two_bad_phase_masks_the_first_in_the_status_report_is_named(string first, int firstValue, string second, int secondValue)
    {
        static string Set(string observation, string field, int value) =>
            System.Text.RegularExpressions.Regex.Replace(observation, $"\"{field}\":\\d+", $"\"{field}\":{value}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var observation = Set(Set(Observation, first, firstValue), second, secondValue);
        var cycle = Cycle.Replace("\"observations\":[]", $"\"observations\":[{observation}]", StringComparison.Ordinal);
        Assert.Equal([$"r.jsonl:2: observations[0].{first}: must be a phase mask from 0 to 7, not {firstValue}"], Problems($"{Header}\n{cycle}\n"));
    }

    [Fact]
    public void A_file_of_garbage_stops_after_100_bad_lines()
    {
        var problems = Problems(Header + "\n" + string.Concat(Enumerable.Repeat("x\n", 1000)));
        Assert.Equal(101, problems.Count);
        Assert.Equal("r.jsonl:101: not valid JSON (at byte 1)", problems[99]);
        Assert.Equal("r.jsonl: the replay stops after 100 bad lines; the lines after line 101 are not read", problems[100]);
    }

    [Fact]
    public void Differing_cycles_past_the_first_10000_are_counted_not_listed()
    {
        // Recorded: a command for CP1; replayed: none, as no point is looked at.
        var differing = Cycle.Replace("\"commands\":[]", "\"commands\":[{\"id\":\"CP1\",\"current\":16,\"wakeup\":false,\"reason\":\"Allocated\"}]", StringComparison.Ordinal);
        var report = Replay.Run(Utf8(Header + "\n" + string.Concat(Enumerable.Repeat(differing + "\n", Replay.MaximumListed + 1))), "r.jsonl");
        Assert.Equal((10_001, 10_001, 10_000), (report.Cycles, report.DifferentCycles, report.Differences.Count));
        Assert.Equal("r.jsonl:10001: network 0 cycle 1 at 2026-06-01T00:00:00.0000000+00:00: the commands differ in order or number", report.Differences[^1]);
    }

    private static List<string> Problems(string text) =>
        [.. Assert.Throws<ReplayException>(() => Replay.Run(Utf8(text), "r.jsonl")).Problems];

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>/dev/zero: zeros for ever, counted.</summary>
    private sealed class Zeros : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
