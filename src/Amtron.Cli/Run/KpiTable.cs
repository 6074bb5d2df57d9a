using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Run;

/// <summary>The one-screen summary printed after a run: the KPIs of <see cref="KpiCatalogue"/>, the wall time, the assertions.</summary>
internal static class KpiTable
{
    public static void Print(TextWriter output, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds, string directory)
    {
        var c = CultureInfo.InvariantCulture;
        KpiRow[] rows = [.. KpiCatalogue.All.SelectMany(k => k.Rows(result)), new("wall time", string.Create(c, $"{wallSeconds:F3} s"))];
        var width = rows.Where(r => !r.Detail).Max(r => r.Label.Length) + 1;
        output.WriteLine(scenario.Name);
        output.WriteLine($"  amtron {ToolVersion.Text}, scenario sha256 {scenario.Sha256[..Math.Min(12, scenario.Sha256.Length)]}");
        foreach (var row in rows)
        {
            output.WriteLine(row.Detail ? $"    {row.Label}: {row.Value}" : $"  {row.Label.PadRight(width)}{row.Value}".TrimEnd());
        }

        foreach (var outcome in assertions)
        {
            output.WriteLine(string.Create(c, $"  {(outcome.Passed ? "ok    " : "FAILED")} {outcome.Assertion.Text} (actual {outcome.Actual:0.###})"));
        }

        output.WriteLine($"  results in {directory}");
    }
}
