using System.Globalization;
using System.Text.Json;
using Amtron.Dlm.Control;
using Amtron.Site.JsonLines;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Hil.Recording;

/// <summary>What a replay found: how many cycles it decided again, and the commands that came out differently.</summary>
/// <param name="Cycles">Cycles replayed.</param>
/// <param name="DifferentCycles">Cycles whose decision differs.</param>
/// <param name="Differences">One line per such cycle, the first <see cref="Replay.MaximumListed"/>: which points, recorded and replayed.</param>
public sealed record ReplayReport(long Cycles, long DifferentCycles, IReadOnlyList<string> Differences);

/// <summary>
/// Runs a recording's inputs through a fresh controller per network, as the loop did, and compares each decision with
/// the one recorded: a field problem reproduced on a desk, or a changed allocator checked against a recorded day. The
/// recording is read one line at a time, each at most <see cref="MaximumLineBytes"/>, and what is kept is bounded
/// (<see cref="MaximumProblems"/>, <see cref="MaximumListed"/>), so memory stays bounded whatever the file.
/// </summary>
public static class Replay
{
    /// <summary>The longest line read (docs/hil.md): a cycle of 1,000 points is about 0.5 MB; the header holds the site file.</summary>
    public const int MaximumLineBytes = 16 << 20;

    /// <summary>Bad lines reported before reading stops: enough to see what is wrong, few for a file of garbage.</summary>
    public const int MaximumProblems = 100;

    /// <summary>Differing cycles listed; those after are counted only.</summary>
    public const int MaximumListed = 10_000;

    /// <summary>Replays <paramref name="recording"/> (named <paramref name="file"/> in errors); throws <see cref="ReplayException"/> with every bad line.</summary>
    public static ReplayReport Run(Stream recording, string file)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var lines = new JsonLineReader(recording, MaximumLineBytes);
        var problems = new List<string>();
        const string NotHeader = "not a recording of amtron hil (the first line is not its header)";
        var header = lines.TryRead(out var first, out var tooLong) ? RecordLines.Parse<RecordHeader>(first, tooLong, file, 1, problems, NotHeader) : null;
        if (header is null || header.Type != "header")
        {
            throw new ReplayException(problems.Count > 0 ? problems : [$"{file}:1: {NotHeader}"]);
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
        long different = 0;
        while (!tooLong && problems.Count < MaximumProblems && lines.TryRead(out var line, out tooLong))
        {
            // A line over the cap is its problem, and the last read: its rest may never end (/dev/zero).
            var number = lines.LineNumber;
            if (!tooLong && line.IsEmpty)
            {
                continue;
            }

            if (RecordLines.Parse<CycleRecord>(line, tooLong, file, number, problems) is not { } cycle)
            {
                continue;
            }

            if (!controllers.TryGetValue(cycle.Network, out var network))
            {
                problems.Add($"{file}:{number}: network {cycle.Network} is not in the recorded site");
                continue;
            }

            cycles++;
            if (Compare(network.Spec, network.Controller, cycle) is { } difference && ++different <= MaximumListed)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{number}: network {cycle.Network} cycle {cycle.Cycle} at {cycle.Time:O}: {difference}"));
            }
        }

        if (problems.Count >= MaximumProblems && !tooLong)
        {
            problems.Add($"{file}: the replay stops after {MaximumProblems} bad lines; the lines after line {lines.LineNumber} are not read");
        }

        return problems.Count > 0 ? throw new ReplayException(problems) : new ReplayReport(cycles, different, differences);
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
}

/// <summary>A recording that cannot be replayed: every problem, one located line each.</summary>
public sealed class ReplayException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>The problems, one line each.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
