using System.Globalization;
using System.Net;
using System.Text;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results;

/// <summary>report.html: the KPIs, the assertions, the limit excursions and the plots (embedded, so the file stands alone).</summary>
public static class HtmlReport
{
    /// <summary>Writes report.html into <paramref name="directory"/>, embedding the PNGs already rendered there.</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, IReadOnlyList<string> plots, string toolVersion = "")
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(plots);
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(scenario.Name))
            .Append("</title><style>body{font-family:sans-serif;max-width:1250px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}.ok{color:#060}.failed{color:#b00;font-weight:bold}.banner{padding:.6em 1em;font-size:1.3em;font-weight:bold;color:#fff}.pass{background:#2a7d2a}.fail{background:#b00}img{max-width:100%}</style></head><body>\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(scenario.Name)).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(scenario.Description)).Append("</p>\n");
        Banner(html, result, assertions);
        html.Append("<h2>Key figures</h2>\n<table>\n");
        Row(html, "Run", string.Create(c, $"{HumanDuration.Of(TimeSpan.FromSeconds(result.SimulatedSeconds))} from {scenario.Site.Start:yyyy-MM-dd HH:mm} UTC, seed {scenario.Site.Seed}"));
        Row(html, "Source", WebUtility.HtmlEncode($"scenario sha256 {scenario.Sha256}; amtron {toolVersion}"));
        foreach (var row in KpiCatalogue.All.SelectMany(k => k.Rows(result)))
        {
            Row(html, (row.Detail ? "&nbsp;&nbsp;" : string.Empty) + WebUtility.HtmlEncode(row.Label), WebUtility.HtmlEncode(row.Value));
        }

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

        Excursions(html, result);
        html.Append("<h2>Plots</h2>\n");
        foreach (var file in plots)
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

    /// <summary>PASS when every assertion holds and no limit was exceeded; else FAIL, with each reason.</summary>
    private static void Banner(StringBuilder html, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions)
    {
        var reasons = new List<string>();
        var failed = assertions.Count(a => !a.Passed);
        if (failed > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{failed} of {assertions.Count} assertions failed"));
        }

        if (result.LimitViolationSeconds > 0)
        {
            reasons.Add($"a current limit was exceeded for {HumanDuration.Of(TimeSpan.FromSeconds(result.LimitViolationSeconds))}");
        }

        if (result.ImbalanceViolationSeconds > 0)
        {
            reasons.Add($"an imbalance limit was exceeded for {HumanDuration.Of(TimeSpan.FromSeconds(result.ImbalanceViolationSeconds))}");
        }

        html.Append(reasons.Count == 0
            ? "<p class=\"banner pass\">PASS: every assertion holds and no limit was exceeded</p>\n"
            : $"<p class=\"banner fail\">FAIL: {WebUtility.HtmlEncode(string.Join("; ", reasons))}</p>\n");
    }

    /// <summary>The excursions summary.json lists (<see cref="ExcursionReport"/>), as a table.</summary>
    private static void Excursions(StringBuilder html, SimulationResult result)
    {
        var (listed, notListed) = ExcursionReport.Of(result);
        if (listed.Count == 0)
        {
            return;
        }

        html.Append("<h2>Limit excursions</h2>\n");
        if (notListed > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Per limit the {ExcursionReport.PerLimit} largest (by excess integral); {notListed} more are not listed.</p>\n");
        }

        html.Append("<table>\n<tr><th>limit</th><th>start</th><th>duration</th><th>peak excess</th><th>excess integral</th></tr>\n");
        foreach (var e in listed)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(e.Limit)).Append("</td><td>")
                .Append(e.Start.ToString("u", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(HumanDuration.Of(e.Duration)).Append("</td><td>")
                .Append(KpiUnit.Amperes.Shown(e.PeakExcess.Value)).Append("</td><td>")
                .Append(WebUtility.HtmlEncode(KpiUnit.AmpereSeconds.Shown(e.ExcessAmpereSeconds))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(name).Append("</th><td>").Append(value).Append("</td></tr>\n");
}
