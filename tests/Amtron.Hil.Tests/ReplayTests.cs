using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Hil.Recording;
using Amtron.Site.Scenarios;
using Amtron.VirtualCharger.Ems;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Replay = Amtron.Hil.Recording.Replay;

namespace Amtron.Hil.Tests;

/// <summary>
/// A recording decided again offline (<c>amtron hil replay</c>) gives every decision the loop took, exactly: over random
/// recorded days of random sites (meters failing, vehicles of 1 to 3 phases coming, going, drawing less, points going
/// silent, imbalance prevention on or off); and a changed recording is caught.
/// </summary>
public sealed class ReplayTests
{
    [ScaledProperty(40)]
    public Property Replaying_a_recording_reproduces_every_decision() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (text, cycles) = Record(seed, 120);
            var report = Replay.Run(Utf8(text), "day.jsonl");
            return report.Cycles == cycles && report.Differences.Count == 0;
        });

    [Fact]
    public void A_decision_recorded_differently_is_reported_with_its_line_and_point()
    {
        var (text, _) = Record(7, 20);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(lines, l => l.Contains("\"reason\":\"Allocated\"", StringComparison.Ordinal));
        var changed = System.Text.RegularExpressions.Regex.Replace(lines[at], "\"current\":(\\d+),\"wakeup\":false,\"reason\":\"Allocated\"", m => $"\"current\":{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1},\"wakeup\":false,\"reason\":\"Allocated\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        lines[at] = changed;

        var report = Replay.Run(Utf8(string.Join('\n', lines)), "day.jsonl");
        var difference = Assert.Single(report.Differences);
        Assert.StartsWith($"day.jsonl:{at + 1}: network 0 cycle {at}", difference, StringComparison.Ordinal);
        Assert.Contains("recorded", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_lines_are_each_named_and_nothing_is_replayed()
    {
        var (text, _) = Record(3, 3);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(2, "{\"type\":\"cycle\",");
        lines.Add("not json");
        var error = Assert.Throws<ReplayException>(() => Replay.Run(Utf8(string.Join('\n', lines)), "bad.jsonl"));
        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("bad.jsonl:3: ", error.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:6: ", error.Problems[1], StringComparison.Ordinal);
        Assert.Throws<ReplayException>(() => Replay.Run(Utf8("{\"type\":\"cycle\"}"), "cycle-first.jsonl"));
    }

    [Fact]
    public void A_changed_decision_is_said_in_full()
    {
        var (text, _) = Record(7, 20);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(lines, l => l.Contains("\"reason\":\"Allocated\"", StringComparison.Ordinal));
        var cycle = System.Text.Json.JsonDocument.Parse(lines[at]).RootElement;
        var command = cycle.GetProperty("decision").GetProperty("commands").EnumerateArray().First(c => c.GetProperty("reason").GetString() == "Allocated");
        var id = command.GetProperty("id").GetString();
        var current = command.GetProperty("current").GetInt32();
        lines[at] = lines[at].Replace($"\"id\":\"{id}\",\"current\":{current},\"wakeup\":false", $"\"id\":\"{id}\",\"current\":{current + 1},\"wakeup\":true", StringComparison.Ordinal);

        var difference = Assert.Single(Replay.Run(Utf8(string.Join('\n', lines)), "day.jsonl").Differences);
        Assert.Equal($"day.jsonl:{at + 1}: network 0 cycle {at} at {cycle.GetProperty("time").GetDateTimeOffset():O}: {id} recorded {current + 1} A + wake-up (Allocated), replayed {current} A (Allocated)", difference);
    }

    [Fact]
    public void Only_the_commands_that_differ_are_named_and_one_the_recording_lacks_is_said_so()
    {
        // A cycle of two commands or more: the first recorded 1 A higher, the second under another point's id; any
        // others as they were, so not named.
        var (text, _) = Record(11, 40);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(lines, l => l.Contains("\"type\":\"cycle\"", StringComparison.Ordinal) && Commands(l).Count >= 2);
        Assert.True(at > 0, "no cycle of two commands in the recording");
        var cycle = System.Text.Json.Nodes.JsonNode.Parse(lines[at])!;
        var commands = cycle["decision"]!["commands"]!.AsArray();
        var (first, second) = (commands[0]!, commands[1]!);
        var (id0, current0, id1) = (first["id"]!.GetValue<string>(), first["current"]!.GetValue<int>(), second["id"]!.GetValue<string>());
        first["current"] = current0 + 1;
        second["id"] = "elsewhere";
        lines[at] = cycle.ToJsonString();

        var difference = Assert.Single(Replay.Run(Utf8(string.Join('\n', lines)), "day.jsonl").Differences);
        Assert.EndsWith($": {id0} recorded {Said(first)}, replayed {current0} A{Wake(first)} ({first["reason"]}); {id1} not recorded, replayed {Said(second)}", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_commands_in_another_order_are_a_difference_said_as_such()
    {
        var (text, _) = Record(11, 40);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(lines, l => l.Contains("\"type\":\"cycle\"", StringComparison.Ordinal) && Commands(l).Count >= 2);
        var cycle = System.Text.Json.Nodes.JsonNode.Parse(lines[at])!;
        var commands = cycle["decision"]!["commands"]!.AsArray();
        var first = commands[0]!.DeepClone();
        commands[0] = commands[1]!.DeepClone();
        commands[1] = first;
        lines[at] = cycle.ToJsonString();

        var difference = Assert.Single(Replay.Run(Utf8(string.Join('\n', lines)), "day.jsonl").Differences);
        Assert.EndsWith(": the commands differ in order or number", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_recording_or_whose_site_does_not_load_is_refused_with_where()
    {
        var (text, _) = Record(3, 2);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["other.jsonl:1: not a recording of amtron hil (the first line is not its header)"], Assert.Throws<ReplayException>(() => Replay.Run(Utf8(lines[1]), "other.jsonl")).Problems);
        var broken = lines[0].Replace("name: random", "name: [", StringComparison.Ordinal);
        var error = Assert.Throws<ReplayException>(() => Replay.Run(Utf8(broken + "\n" + lines[1]), "day.jsonl"));
        Assert.StartsWith("day.jsonl:1: the site file in the header does not load: ", Assert.Single(error.Problems), StringComparison.Ordinal);
        var elsewhere = lines[1].Replace("\"network\":0", "\"network\":9", StringComparison.Ordinal);
        Assert.Equal(["day.jsonl:2: network 9 is not in the recorded site"], Assert.Throws<ReplayException>(() => Replay.Run(Utf8(lines[0] + "\n" + elsewhere), "day.jsonl")).Problems);
    }

    private static MemoryStream Utf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    private static System.Text.Json.Nodes.JsonArray Commands(string line) =>
        System.Text.Json.Nodes.JsonNode.Parse(line)!["decision"]!["commands"]!.AsArray();

    /// <summary>A recorded command as the replay says it: "16 A (Allocated)", "6 A + wake-up (Allocated)".</summary>
    private static string Said(System.Text.Json.Nodes.JsonNode command) =>
        $"{command["current"]} A{Wake(command)} ({command["reason"]})";

    private static string Wake(System.Text.Json.Nodes.JsonNode command) => command["wakeup"]!.GetValue<bool>() ? " + wake-up" : string.Empty;

    /// <summary>A random site run for <paramref name="count"/> cycles with scripted devices, recorded.</summary>
    private static (string Text, long Cycles) Record(int seed, int count)
    {
        var random = new Random(seed);
        var yaml = RandomSite(random);
        var site = ScenarioLoader.Parse(yaml, "random.yaml").Site;
        var network = site.Networks[0];
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(86_400)));
        var chargers = network.Stations[0].ChargePoints.Select(cp => new FakeCharger(cp.Id)).ToList();
        var points = network.Stations[0].ChargePoints.Select((cp, i) => new HilPoint(cp, network.Stations[0], chargers[i])).ToList();
        var meter = new FakeMeter(clock);
        var text = new StringWriter();
        var vehicles = new int[chargers.Count];
        var shortfall = new double[chargers.Count];
        var sessionSeconds = new int[chargers.Count];
        using (var recorder = new CycleRecorder(new NonClosing(text), new RecordHeader("header", "test", "random.yaml", yaml, true)))
        {
            var loop = new HilLoop(network, points, meter, new HilOptions { Write = true }, clock, recorder.Record, TextWriter.Null);
            for (var cycle = 0; cycle < count; cycle++)
            {
                meter.Failing = random.Next(20) == 0;
                meter.Currents = new PhaseCurrents(Amps.FromMilliamps(random.Next(0, 30_000)), Amps.FromMilliamps(random.Next(0, 30_000)), Amps.FromMilliamps(random.Next(0, 30_000)));
                for (var i = 0; i < chargers.Count; i++)
                {
                    if (random.Next(15) == 0)
                    {
                        vehicles[i] = vehicles[i] == 0 ? random.Next(1, 4) : 0;
                        shortfall[i] = random.Next(3) == 0 ? random.NextDouble() * 8 : 0;
                        sessionSeconds[i] = 0;
                    }
                    else if (vehicles[i] != 0 && random.Next(20) == 0)
                    {
                        // Another vehicle came between two reads: the point never showed state A, its session restarted.
                        vehicles[i] = random.Next(1, 4);
                        sessionSeconds[i] = 0;
                    }

                    sessionSeconds[i] += (int)network.Options.SampleRate.TotalSeconds;

                    chargers[i].Silent = random.Next(25) == 0;
                    var limit = chargers[i].Written.Count == 0 ? 0 : chargers[i].Written[^1];
                    var draw = limit < 6 ? 0 : Math.Max(0, limit - shortfall[i]);
                    chargers[i].Answer = vehicles[i] == 0
                        ? new EmsObservation(VehicleState.A, 0, [0, 0, 0], 0, 0)
                        : new EmsObservation(draw > 0 ? VehicleState.C : VehicleState.B, vehicles[i] == 1 ? 1 : 3, [.. Enumerable.Range(0, 3).Select(p => p < vehicles[i] ? draw : 0)], limit, 32) { SessionDuration = TimeSpan.FromSeconds(sessionSeconds[i]) };
                }

                loop.CycleAsync(CancellationToken.None).GetAwaiter().GetResult();
                clock.Advance(network.Options.SampleRate);
            }
        }

        return (text.ToString(), count);
    }

    private static string RandomSite(Random random)
    {
        var points = random.Next(1, 7);
        var imbalance = random.Next(2) == 0 ? $", currentImbalancePrevention: true, currentImbalanceLimit: {random.Next(0, 21)}" : string.Empty;
        var rotations = new[] { "[L1, L2, L3]", "[L2, L3, L1]", "[L3, L1, L2]" };
        var chargePoints = string.Join(", ", Enumerable.Range(1, points).Select(i => $"{{id: CP{i}, installationCurrentLimit: {new[] { 16, 20, 32 }[random.Next(3)]}, phaseRotation: {rotations[random.Next(3)]}}}"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            name: random
            start: 2026-06-01T00:00:00Z
            duration: 1d
            meter: {type: PAC2200, host: 127.0.0.1}
            networks:
              - id: 0
                sampleRate: {{random.Next(1, 31)}}s
                settings: {evseSubDistributionLimit: {{random.Next(20, 100)}}, externalMeter: {location: excluding, mainDistributionLimit: {{random.Next(30, 120)}}, externalLoadFallback: {{random.Next(0, 40)}}}{{imbalance}}}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 127.0.0.1}, chargePoints: [{{chargePoints}}]}
            """);
    }

    /// <summary>Keeps the text after the recorder is disposed.</summary>
    private sealed class NonClosing(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void WriteLine(string? value) => inner.WriteLine(value);
    }
}
