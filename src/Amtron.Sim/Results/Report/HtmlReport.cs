using System.Globalization;
using System.Net;
using System.Text;
using Amtron.Sim.Results.Plots;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results.Report;

/// <summary>
/// report.html, a document to hand on: PASS/FAIL with each reason, the key figures, the assertions, each limit exceeded
/// and its largest excursions, the site and its settings, the sessions, and the plots (embedded, so the file stands
/// alone).
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes report.html into <paramref name="directory"/>, embedding the PNGs already rendered there.</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, IReadOnlyList<string> plots, string toolVersion = "", bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(plots);
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(scenario.Name))
            .Append("</title><style>body{font-family:sans-serif;max-width:1250px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left;vertical-align:top}h2{margin-top:1.6em}.ok{color:#060}.failed{color:#b00;font-weight:bold}.banner{padding:.6em 1em;font-size:1.3em;font-weight:bold;color:#fff}.pass{background:#2a7d2a}.warn{background:#b36b00}.fail{background:#b00}img{max-width:100%}</style></head><body>\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(scenario.Name)).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(scenario.Description)).Append("</p>\n");
        Banner(html, scenario, result, assertions, strict);
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

        if (scenario.Notes.Count > 0)
        {
            // What reading changed in the data (e.g. ACN-Data sessions left out): part of what the results describe.
            html.Append("<h2>Notes on the data</h2>\n<ul>\n");
            foreach (var note in scenario.Notes)
            {
                html.Append("<li>").Append(WebUtility.HtmlEncode(note)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        ViolationsSection.Write(html, result);
        Excursions(html, result);
        GridSection.Write(html, scenario.Site, result);
        SiteSection.Write(html, scenario.Site);
        SessionsSection.Write(html, result);
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

    /// <summary>
    /// FAIL (red) when an assertion failed; WARNING (amber) when a limit was exceeded and no assertion looks at it (FAIL
    /// under --strict, which makes such a run exit 1); PASS with the limits exceeded said (amber) when the assertions
    /// allow them; PASS (green) when nothing was exceeded.
    /// </summary>
    private static void Banner(StringBuilder html, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, bool strict)
    {
        var exceeded = new List<string>();
        if (result.LimitViolationSeconds > 0)
        {
            exceeded.Add($"a current limit was exceeded for {Split(result.LimitViolationSeconds, result.LimitViolationSteadySeconds)}");
        }

        if (result.ImbalanceViolationSeconds > 0)
        {
            exceeded.Add($"an imbalance limit was exceeded for {Split(result.ImbalanceViolationSeconds, result.ImbalanceViolationSteadySeconds)}");
        }

        var failed = assertions.Count(a => !a.Passed);
        var (kind, text) = (failed, exceeded.Count) switch
        {
            ( > 0, _) => ("fail", $"FAIL: {string.Create(CultureInfo.InvariantCulture, $"{failed} of {assertions.Count}")} assertions failed" + string.Concat(exceeded.Select(e => "; " + e))),
            (_, > 0) when !LimitChecks.Asserted(scenario, result) => strict
                ? ("fail", $"FAIL (--strict): {string.Join("; ", exceeded)}, and no assertion checks it")
                : ("warn", $"WARNING: {string.Join("; ", exceeded)}, and no assertion checks it"),
            (_, > 0) => ("warn", $"PASS, with limits exceeded as the assertions allow: {string.Join("; ", exceeded)}"),
            _ => ("pass", "PASS: every assertion holds and no limit was exceeded"),
        };
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"banner {kind}\">{WebUtility.HtmlEncode(text + Trips(result))}</p>\n");
    }

    /// <summary>"; the grid main fuse (63 A gG) may have tripped: damage 1.146 ..." for each device that may have opened.</summary>
    private static string Trips(SimulationResult result) => string.Concat(result.Devices.Where(d => d.Damage.TripPossible).Select(d =>
        $"; the {LimitIds.Describe(d.Id)} ({d.Damage.Device}) {(d.Damage.TripExpected ? "would have tripped" : "may have tripped")}: damage {KpiUnit.Damage.Shown(d.Damage.MaxWorst)} against the fastest device the standard allows, {KpiUnit.Damage.Shown(d.Damage.MaxTypical)} typical"));

    /// <summary>"3 s (all of it transient, inside reaction windows)" or "2 h (10 min steady, outside reaction windows)".</summary>
    private static string Split(double seconds, double steadySeconds) =>
        HumanDuration.Of(TimeSpan.FromSeconds(seconds)) + (steadySeconds <= 0
            ? " (all of it transient, inside reaction windows)"
            : $" ({HumanDuration.Of(TimeSpan.FromSeconds(steadySeconds))} of it steady, outside reaction windows)");

    /// <summary>The excursions summary.json lists (<see cref="ExcursionReport"/>), as a table.</summary>
    private static void Excursions(StringBuilder html, SimulationResult result)
    {
        var (listed, notListed) = ExcursionReport.Of(result);
        if (listed.Count == 0)
        {
            return;
        }

        html.Append("<h3>Largest excursions</h3>\n");
        if (notListed > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Per limit the {ExcursionReport.PerLimit} largest (by excess integral); {notListed} more are not listed.</p>\n");
        }

        var table = new HtmlTable(html).Head("limit", "start", "duration", "peak excess", "excess integral");
        foreach (var e in listed)
        {
            table.Row(
                LimitIds.Describe(e.Limit),
                e.Start.ToString("u", CultureInfo.InvariantCulture),
                HumanDuration.Of(e.Duration),
                KpiUnit.Amperes.Shown(e.PeakExcess.Value),
                KpiUnit.AmpereSeconds.Shown(e.ExcessAmpereSeconds));
        }

        table.Close();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(name).Append("</th><td>").Append(value).Append("</td></tr>\n");
}
