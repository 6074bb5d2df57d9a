using System.Globalization;
using System.Net;
using System.Text;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results;

/// <summary>report.html: the KPIs, the assertions and the plots (embedded, so the file stands alone).</summary>
public static class HtmlReport
{
    /// <summary>Writes report.html into <paramref name="directory"/>, embedding the PNGs already rendered there.</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assertions);
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(scenario.Name))
            .Append("</title><style>body{font-family:sans-serif;max-width:1250px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}.ok{color:#060}.failed{color:#b00;font-weight:bold}img{max-width:100%}</style></head><body>\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(scenario.Name)).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(scenario.Description)).Append("</p>\n<h2>Key figures</h2>\n<table>\n");
        var max = result.MaxPhaseCurrent;
        Row(html, "Simulated", string.Create(c, $"{TimeSpan.FromSeconds(result.SimulatedSeconds)} from {scenario.Site.Start:u}, seed {scenario.Site.Seed}"));
        Row(html, "Energy delivered / wanted", string.Create(c, $"{result.EnergyDeliveredKWh:F2} / {result.EnergyRequestedKWh:F2} kWh"));
        Row(html, "Sessions", string.Create(c, $"{result.Sessions.Count}, {result.SessionsFullySatisfied} fully satisfied, {result.Sessions.Count(s => s.Rejected)} rejected"));
        Row(html, "Peak supply current", string.Create(c, $"L1 {max[0].Value:F1} A, L2 {max[1].Value:F1} A, L3 {max[2].Value:F1} A"));
        Row(html, "Peak imbalance", string.Create(c, $"{result.MaxImbalance.Value:F1} A"));
        Row(html, "Time above a limit", string.Create(c, $"{result.LimitViolationSeconds:F1} s (peak overshoot {result.PeakOvershoot.Value:F1} A)"));
        Row(html, "Time above an imbalance limit", string.Create(c, $"{result.ImbalanceViolationSeconds:F1} s"));
        foreach (var (limit, seconds) in result.LimitViolationSecondsByLimit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Row(html, $"&nbsp;&nbsp;{WebUtility.HtmlEncode(limit)}", string.Create(c, $"{seconds:F1} s"));
        }

        Row(html, "Contactor cycles", result.ContactorCycles.ToString(c));
        Row(html, "Events / DLM decisions", string.Create(c, $"{result.Events} / {result.Decisions}"));
        html.Append("</table>\n");
        if (assertions.Count > 0)
        {
            html.Append("<h2>Assertions</h2>\n<table>\n");
            foreach (var outcome in assertions)
            {
                var status = outcome.Passed ? "<span class=\"ok\">ok</span>" : "<span class=\"failed\">FAILED</span>";
                Row(html, status, string.Create(c, $"{WebUtility.HtmlEncode(outcome.Assertion.Text)} (actual {outcome.Actual:0.###})"));
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Plots</h2>\n");
        foreach (var file in PlotRenderer.Files)
        {
            var png = Path.Combine(directory, file);
            if (File.Exists(png))
            {
                html.Append("<p><img alt=\"").Append(file).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(File.ReadAllBytes(png))).Append("\"></p>\n");
            }
        }

        html.Append("</body></html>\n");
        File.WriteAllText(Path.Combine(directory, "report.html"), html.ToString(), new UTF8Encoding(false));
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(name).Append("</th><td>").Append(value).Append("</td></tr>\n");
}
