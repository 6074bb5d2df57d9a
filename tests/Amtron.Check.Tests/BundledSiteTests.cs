using System.Text.RegularExpressions;
using Amtron.Site.Scenarios;

namespace Amtron.Check.Tests;

/// <summary>
/// scenarios/sites: every chapter has a valid and a faulty example. A faulty one lists its expected findings in its top
/// comment; the checker must find exactly those (severity, rule, station), no more and no fewer.
/// </summary>
public sealed partial class BundledSiteTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "scenarios", "sites");

    public static TheoryData<string> Files() => [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_site_produces_exactly_the_findings_listed_in_its_top_comment(string file)
    {
        var path = Path.Combine(Directory, file);
        var expected = Expected(File.ReadAllLines(path));
        var actual = PlanChecker.Check(ScenarioLoader.LoadPlan(path).Site)
            .Select(f => $"{(f.Severity == Severity.Error ? "error" : "warning")} {f.Rule} {f.Station}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_chapter_from_3_to_7_has_a_valid_and_a_faulty_example()
    {
        var names = System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).ToList();
        foreach (var chapter in new[] { "3", "4", "5", "6", "7" })
        {
            Assert.Contains(names, n => n!.StartsWith(chapter, StringComparison.Ordinal) && n.EndsWith("-valid.yaml", StringComparison.Ordinal));
            Assert.Contains(names, n => n!.StartsWith(chapter, StringComparison.Ordinal) && n.EndsWith("-faulty.yaml", StringComparison.Ordinal));
        }

        foreach (var faulty in names.Where(n => n!.EndsWith("-faulty.yaml", StringComparison.Ordinal)))
        {
            Assert.Contains(Expected(File.ReadAllLines(Path.Combine(Directory, faulty!))), e => e.StartsWith("error", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Valid_sites_are_also_scenarios_the_simulator_accepts(string file)
    {
        if (!file.EndsWith("-valid.yaml", StringComparison.Ordinal))
        {
            return;
        }

        var scenario = ScenarioLoader.Load(Path.Combine(Directory, file));
        Assert.NotEmpty(scenario.Site.Networks);
    }

    /// <summary>"#   error  rule.id  CS2" lines of the top comment, sorted; "Expected findings: none" gives none.</summary>
    private static List<string> Expected(string[] lines)
    {
        var comment = lines.TakeWhile(l => l.StartsWith('#')).ToList();
        Assert.Contains(comment, l => l.Contains("Expected findings", StringComparison.Ordinal));
        return [.. comment.Select(l => ExpectedLine().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}")
            .Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^#\s+(error|warning)\s+([a-z0-9.-]+)\s+(\S+)\s*$")]
    private static partial Regex ExpectedLine();
}
