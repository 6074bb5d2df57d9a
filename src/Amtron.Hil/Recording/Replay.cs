using System.Globalization;
using System.Text.Json;
using Amtron.Dlm.Control;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Hil.Recording;

/// <summary>What a replay found: how many cycles it decided again, and every command that came out differently.</summary>
/// <param name="Cycles">Cycles replayed.</param>
/// <param name="Differences">One line per cycle whose decision differs: which points, recorded and replayed.</param>
public sealed record ReplayReport(long Cycles, IReadOnlyList<string> Differences);

/// <summary>
/// Runs a recording's inputs through a fresh controller per network, as the loop did, and compares each decision with
/// the one recorded: a field problem reproduced on a desk, or a changed allocator checked against a recorded day.
/// </summary>
public static class Replay
{
    /// <summary>Replays <paramref name="reader"/> (named <paramref name="file"/> in errors); throws <see cref="ReplayException"/> with every bad line.</summary>
    public static ReplayReport Run(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<string>();
        var headerLine = reader.ReadLine();
        var header = Parse<RecordHeader>(headerLine, file, 1, problems);
        if (header is null || header.Type != "header")
        {
            throw new ReplayException(problems.Count > 0 ? problems : [$"{file}:1: not a recording of amtron hil (the first line is not its header)"]);
        }

        SiteSpec site;
        try
        {
            site = ScenarioLoader.Parse(header.SiteYaml, header.SiteFile).Site;
        }
        catch (ScenarioException e)
        {
            throw new ReplayException([$"{file}:1: the site file in the header does not load: {e.Message.ReplaceLineEndings(" ")}"]);
        }

        var controllers = site.Networks.ToDictionary(n => n.Id, n => (Spec: n, Controller: new DlmController(n.Settings, n.Options)));
        var differences = new List<string>();
        long cycles = 0;
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var cycle = Parse<CycleRecord>(line, file, number, problems);
            if (cycle is null)
            {
                continue;
            }

            if (!controllers.TryGetValue(cycle.Network, out var network))
            {
                problems.Add($"{file}:{number}: network {cycle.Network} is not in the recorded site");
                continue;
            }

            cycles++;
            if (Compare(network.Spec, network.Controller, cycle) is { } difference)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{number}: network {cycle.Network} cycle {cycle.Cycle} at {cycle.Time:O}: {difference}"));
            }
        }

        return problems.Count > 0 ? throw new ReplayException(problems) : new ReplayReport(cycles, differences);
    }

    /// <summary>The recorded commands against the replayed ones; null when they agree.</summary>
    private static string? Compare(NetworkSpec spec, DlmController controller, CycleRecord cycle)
    {
        controller.Settings = spec.SettingsAt(cycle.Time);
        var observations = cycle.Observations.Select(o => o.ToObservation()).ToList();
        var decision = controller.Decide(cycle.Input.ToInput(cycle.Time), observations);
        var replayed = decision.Commands.Select(c => RecordedCommand.From(c)).ToList();
        if (replayed.SequenceEqual(cycle.Decision.Commands))
        {
            return null;
        }

        var recorded = cycle.Decision.Commands.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var changes = replayed
            .Where(r => !recorded.TryGetValue(r.Id, out var c) || c != r)
            .Select(r => recorded.TryGetValue(r.Id, out var c)
                ? $"{r.Id} recorded {Describe(c)}, replayed {Describe(r)}"
                : $"{r.Id} not recorded, replayed {Describe(r)}");
        return string.Join("; ", changes.DefaultIfEmpty("the commands differ in order or number"));
    }

    private static string Describe(RecordedCommand c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Current} A{(c.Wakeup ? " + wake-up" : string.Empty)} ({c.Reason})");

    private static T? Parse<T>(string? line, string file, int number, List<string> problems)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line ?? string.Empty, CycleRecorder.Json)
                ?? throw new JsonException("the line is null");
        }
        catch (JsonException e)
        {
            problems.Add($"{file}:{number}: {e.Message.ReplaceLineEndings(" ")}");
            return null;
        }
    }
}

/// <summary>A recording that cannot be replayed: every problem, one located line each.</summary>
public sealed class ReplayException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>The problems, one line each.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
