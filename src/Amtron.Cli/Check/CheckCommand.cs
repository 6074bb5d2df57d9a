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
        try
        {
            findings = PlanChecker.Check(ScenarioLoader.LoadPlan(path).Site);
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return ExitInvalid;
        }

        output.Write(json ? Json(findings) : Text(findings));
        return findings.Any(f => f.Severity == Severity.Error) ? ExitErrors : ExitOk;
    }

    /// <summary>{"findings":[{"severity","rule","station","message","fix"}]}, one line.</summary>
    internal static string Json(IReadOnlyList<Finding> findings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
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
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One block per finding: severity, rule, station, message, then the fix; a count at the end.</summary>
    internal static string Text(IReadOnlyList<Finding> findings)
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

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count - errors;
        text.Append(errors == 0 && warnings == 0 ? "no findings: the plan follows every rule checked\n" : $"{Count(errors, "error")}, {Count(warnings, "warning")}\n");
        return text.ToString();
    }

    private static string Count(int count, string what) => FormattableString.Invariant($"{count} {what}{(count == 1 ? string.Empty : "s")}");

    private static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";
}
