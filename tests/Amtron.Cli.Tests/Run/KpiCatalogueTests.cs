using System.Net;
using System.Text.Json;
using Amtron.Cli.Run;
using Amtron.Sim.Results;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Tests.Run;

/// <summary>The KPI catalogue is the one list: every entry reaches summary.json, the terminal, the report and the assertions.</summary>
public sealed class KpiCatalogueTests : IDisposable
{
    /// <summary>
    /// An hour on a 63 A main fuse: the house draws 60 A, 68 A from 00:10 to 00:20 — one excursion of 600 s, 5 A over,
    /// 5 A x 600 s = 3000 A·s. The main fuse is a named device and the operator dims, so that every metric exists. Every
    /// metric is asserted (all are at least 0, so all hold).
    /// </summary>
    private static readonly string Scenario = $"""
        name: fuse excursion
        start: 2026-06-01T00:00:00Z
        duration: 1h
        grid: {"{mainFuse: {rating: 63, type: gG}}"}
        gridOperator: {"{signal: ems, dimming: [{from: 30m, to: 40m}]}"}
        externalLoads:
          - {"{name: house, daily: [{at: \"00:00\", currents: 60}, {at: \"00:10\", currents: 68}, {at: \"00:20\", currents: 60}]}"}
        networks:
          - id: 0
            settings: {"{evseSubDistributionLimit: 32}"}
            stations: [{"{id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}"}]
        assert:
        {string.Join("\n", KpiCatalogue.MetricNames.Select(m => $"  - {m} >= 0"))}
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("amtron-kpi-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Every_kpi_is_in_summary_json_the_terminal_table_the_report_and_the_assertions()
    {
        var path = Path.Combine(_work, "fuse.yaml");
        File.WriteAllText(path, Scenario);
        var outDirectory = Path.Combine(_work, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = RunCommand.Run(path, outDirectory, output, error);
        Assert.True(exit == 0, output.ToString() + error);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "summary.json")));
        var report = File.ReadAllText(Path.Combine(outDirectory, "report.html"));
        var terminal = output.ToString().Split('\n');
        var asserted = summary.RootElement.GetProperty("assertions").EnumerateArray().Select(a => a.GetProperty("assert").GetString()).ToList();
        Assert.All(KpiCatalogue.All, kpi =>
        {
            Assert.True(summary.RootElement.TryGetProperty(kpi.Name, out _), kpi.Name);
            Assert.Contains(terminal, line => line == $"  {kpi.Label}" || line.StartsWith($"  {kpi.Label} ", StringComparison.Ordinal));
            Assert.Contains($"<tr><th>{WebUtility.HtmlEncode(kpi.Label)}</th>", report, StringComparison.Ordinal);
            Assert.All(kpi.MetricNames, metric => Assert.Contains($"{metric} >= 0", asserted));
        });

        // Only the breakdown by limit (whose names depend on the site) is named by no assertion.
        Assert.Equal(["limitViolationSecondsByLimit"], KpiCatalogue.All.Where(k => k.MetricNames.Count == 0).Select(k => k.Name));
        Assert.Equal(KpiCatalogue.MetricNames.Count, asserted.Count);
    }

    [Fact]
    public void The_excursion_is_in_summary_json_and_its_kpis_count_it()
    {
        var path = Path.Combine(_work, "fuse.yaml");
        File.WriteAllText(path, Scenario);
        var outDirectory = Path.Combine(_work, "out");
        Assert.Equal(0, RunCommand.Run(path, outDirectory, TextWriter.Null, TextWriter.Null));
        var summary = File.ReadAllText(Path.Combine(outDirectory, "summary.json"));
        Assert.Contains(
            """
              "excursions": [
                {"limit":"mainFuse","name":"grid main fuse","start":"2026-06-01T00:10:00Z","seconds":600,"peakA":5,"ampereSeconds":3000}
              ],
              "excursionsNotListed": 0,
            """.Replace("\r", string.Empty, StringComparison.Ordinal),
            summary,
            StringComparison.Ordinal);
        using var json = JsonDocument.Parse(summary);
        Assert.Equal(1, json.RootElement.GetProperty("limitExcursions").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("imbalanceExcursions").GetInt32());
        Assert.Equal(600, json.RootElement.GetProperty("limitViolationSeconds").GetDouble());

        // Stable ids as keys, the words beside them.
        Assert.Equal(600, json.RootElement.GetProperty("limitViolationSecondsByLimit").GetProperty("mainFuse").GetDouble());
        Assert.Equal("grid main fuse", json.RootElement.GetProperty("limitViolationSecondsByLimitNames").GetProperty("mainFuse").GetString());
    }

    [Fact]
    public void A_misspelt_metric_is_a_located_error_before_anything_runs()
    {
        var path = Path.Combine(_work, "typo.yaml");
        File.WriteAllText(path, Scenario.Replace("  - sessions >= 0", "  - sesions >= 0", StringComparison.Ordinal));
        var outDirectory = Path.Combine(_work, "typo");
        using var error = new StringWriter();
        Assert.Equal(RunCommand.ExitInvalid, RunCommand.Run(path, outDirectory, TextWriter.Null, error));
        var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("sesions", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"{path}:{line}:5: 'sesions >= 0' names no metric; metrics: energyDeliveredKWh, ", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDirectory));
    }

    [Fact]
    public void Asserting_the_trip_risk_of_a_device_the_site_does_not_name_is_a_located_error()
    {
        var text = Scenario.Replace("{mainFuse: {rating: 63, type: gG}}", "{mainFuse: 63}", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "plain.yaml", KpiCatalogue.MetricNames));

        var lines = text.Split('\n').ToList();
        Assert.Equal(
            [
                (lines.FindIndex(l => l.Contains("- tripRiskWorst >=", StringComparison.Ordinal)) + 1L, "tripRiskWorst: the site names no protective device; write grid.mainFuse or a network's supplyLineCapacity as {rating: 63, type: gG}"),
                (lines.FindIndex(l => l.Contains("- tripRiskWorst.mainFuse", StringComparison.Ordinal)) + 1L, "tripRiskWorst.mainFuse: the main fuse is not a named device; write grid.mainFuse as {rating: 63, type: gG}"),
                (lines.FindIndex(l => l.Contains("- tripRiskTypical >=", StringComparison.Ordinal)) + 1L, "tripRiskTypical: the site names no protective device; write grid.mainFuse or a network's supplyLineCapacity as {rating: 63, type: gG}"),
                (lines.FindIndex(l => l.Contains("- tripRiskTypical.mainFuse", StringComparison.Ordinal)) + 1L, "tripRiskTypical.mainFuse: the main fuse is not a named device; write grid.mainFuse as {rating: 63, type: gG}"),
            ],
            error.Diagnostics.Select(d => (d.Line, d.Problem)));
    }

    [Fact]
    public void Every_metric_name_is_accepted_by_the_loader_given_the_catalogue()
    {
        var scenario = ScenarioLoader.Parse(Scenario, "fuse.yaml", KpiCatalogue.MetricNames);
        Assert.Equal(KpiCatalogue.MetricNames, scenario.Assertions.Select(a => a.Metric));
    }
}
