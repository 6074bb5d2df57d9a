using System.Text;
using System.Text.Json;
using Amtron.Check;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Check;

/// <summary><c>amtron check SITE.yaml [--json]</c>: the installation plan against the manual's rules.</summary>
internal static class CheckCommand
{
    /// <summary>No errors (warnings allowed).</summary>
    public const int ExitOk = 0;

    /// <summary>At least one error finding.</summary>
    public const int ExitErrors = 1;

    /// <summary>The file itself cannot be read as a site.</summary>
    public const int ExitInvalid = 2;

    public static int Run(string path, bool json, TextWriter output, TextWriter error)
    {
        IReadOnlyList<Finding> findings;
        IReadOnlyList<RuleNotRun> notRun;
        try
        {
            var site = ScenarioLoader.LoadPlan(path).Site;
            findings = PlanChecker.Check(site);
            notRun = RuleCoverage.NotRun(new SitePlan(site));
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return ExitInvalid;
        }

        output.Write(json ? Json(findings, notRun) : Text(findings, notRun));
        return findings.Any(f => f.Severity == Severity.Error) ? ExitErrors : ExitOk;
    }

    /// <summary>{"findings":[{"severity","rule","station","message","fix"}],"rulesRun":N,"rulesNotRun":[{"rule","missing"}]}, one line.</summary>
    internal static string Json(IReadOnlyList<Finding> findings, IReadOnlyList<RuleNotRun> notRun)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("findings");
            foreach (var finding in findings)
            {
                writer.WriteStartObject();
                writer.WriteString("severity", SeverityName(finding.Severity));
                writer.WriteString("rule", finding.Rule);
                writer.WriteString("station", finding.Station);
                writer.WriteString("message", finding.Message);
                writer.WriteString("fix", finding.Fix);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("rulesRun", RuleCatalog.All.Count - notRun.Count);
            writer.WriteStartArray("rulesNotRun");
            foreach (var rule in notRun)
            {
                writer.WriteStartObject();
                writer.WriteString("rule", rule.Rule);
                writer.WriteString("missing", rule.Missing);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One block per finding: severity, rule, station, message, then the fix; the rules that could not run; a count at the end.</summary>
    internal static string Text(IReadOnlyList<Finding> findings, IReadOnlyList<RuleNotRun> notRun)
    {
        var text = new StringBuilder();
        var width = findings.Count == 0 ? 0 : findings.Max(f => f.Rule.Length);
        var stationWidth = findings.Count == 0 ? 0 : findings.Max(f => f.Station.Length);
        foreach (var finding in findings)
        {
            text.Append(SeverityName(finding.Severity).PadRight(8))
                .Append(finding.Rule.PadRight(width + 2))
                .Append(finding.Station.PadRight(stationWidth + 2))
                .Append(finding.Message)
                .Append('\n')
                .Append(' ', 8)
                .Append("fix: ")
                .Append(finding.Fix)
                .Append('\n');
        }

        var ran = RuleCatalog.All.Count - notRun.Count;
        if (notRun.Count > 0)
        {
            var idWidth = notRun.Max(r => r.Rule.Length);
            text.Append(FormattableString.Invariant($"not run for lack of data ({notRun.Count} of {RuleCatalog.All.Count} rules):\n"));
            foreach (var rule in notRun)
            {
                text.Append("  ").Append(rule.Rule.PadRight(idWidth + 2)).Append(rule.Missing).Append('\n');
            }
        }

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count - errors;
        var verdict = errors == 0 && warnings == 0
            ? notRun.Count == 0 ? "no findings: the plan follows every rule checked" : "no findings in the rules that ran"
            : $"{Count(errors, "error")}, {Count(warnings, "warning")}";
        text.Append(FormattableString.Invariant($"{verdict} ({ran} of {RuleCatalog.All.Count} rules ran)\n"));
        return text.ToString();
    }

    private static string Count(int count, string what) => FormattableString.Invariant($"{count} {what}{(count == 1 ? string.Empty : "s")}");

    private static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";
}
