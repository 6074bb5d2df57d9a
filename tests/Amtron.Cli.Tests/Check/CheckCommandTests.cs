using System.Diagnostics;
using System.Text.Json;
using Amtron.Cli.Check;

namespace Amtron.Cli.Tests.Check;

/// <summary><c>amtron check</c>: output formats and exit codes 0 (no errors), 1 (errors), 2 (invalid file).</summary>
public sealed class CheckCommandTests : IDisposable
{
    private static readonly string Sites = Path.Combine(AppContext.BaseDirectory, "scenarios", "sites");
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-check-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static (int Exit, string Output, string Error) Check(string path, bool json = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CheckCommand.Run(path, json, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_valid_site_exits_0_and_says_so()
    {
        var (exit, output, error) = Check(Path.Combine(Sites, "4-sim-gateway-valid.yaml"));
        Assert.Equal(0, exit);
        Assert.Contains("no findings", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Errors_exit_1_and_each_finding_names_severity_rule_station_and_fix()
    {
        var (exit, output, _) = Check(Path.Combine(Sites, "5-router-faulty.yaml"));
        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("error", StringComparison.Ordinal) && l.Contains("router.connection-type", StringComparison.Ordinal) && l.Contains("CS1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warning", StringComparison.Ordinal) && l.Contains("router.insecure-url", StringComparison.Ordinal) && l.Contains("CS2", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.TrimStart().StartsWith("fix: ", StringComparison.Ordinal)));
        Assert.Equal("2 errors, 1 warning (35 of 41 rules ran)", lines[^1]);
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        var path = Path.Combine(_work, "warn.yaml");
        File.WriteAllText(path, "name: w\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks:\n  - id: 0\n    settings: {evseSubDistributionLimit: 63}\n    stations:\n" +
            "      - {id: CS1, role: masterWithInternalSlave, network: {modeForEthernetConfiguration: Static, staticIp: 192.168.0.2, staticNetmask: 255.255.255.0}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}\n" +
            "      - {id: CS2, role: slaveAutoDiscovery, network: {modeForEthernetConfiguration: Static, staticIp: 192.168.0.9, staticNetmask: 255.255.255.0}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}\n");
        var (exit, output, _) = Check(path);
        Assert.Equal(0, exit);
        Assert.Contains("static.not-consecutive", output, StringComparison.Ordinal);
        var (jsonExit, json, _) = Check(path, json: true);
        Assert.Equal(0, jsonExit);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("warning", document.RootElement.GetProperty("findings")[0].GetProperty("severity").GetString());
    }

    [Fact]
    public void Json_lists_every_finding_with_exactly_the_documented_fields()
    {
        var (exit, output, _) = Check(Path.Combine(Sites, "6-dlm-faulty.yaml"), json: true);
        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(["findings", "rulesRun", "rulesNotRun"], document.RootElement.EnumerateObject().Select(p => p.Name));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(6, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.Equal(["severity", "rule", "station", "message", "fix"], f.EnumerateObject().Select(p => p.Name));
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "error", "warning" });
            Assert.All(f.EnumerateObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetString())));
        });
        Assert.Contains(findings, f => f.GetProperty("rule").GetString() == "dlm.one-master" && f.GetProperty("station").GetString() == "CS2");
    }

    [Fact]
    public void Json_of_a_clean_site_is_an_empty_list()
    {
        var (exit, output, _) = Check(Path.Combine(Sites, "3.2-static-valid.yaml"), json: true);
        Assert.Equal(0, exit);
        Assert.Equal(
            "{\"findings\":[],\"rulesRun\":36,\"rulesNotRun\":[{\"rule\":\"dlm.supply-line\",\"missing\":\"no network gives its supply line capacity (supplyLineCapacity)\"},"
            + "{\"rule\":\"dlm.main-fuse\",\"missing\":\"the site gives no main fuse (grid: {mainFuse: ...})\"},"
            + "{\"rule\":\"grid.14a-minimum\",\"missing\":\"the site gives no grid operator's dimming (gridOperator: {signal, dimming, ...})\"},{\"rule\":\"ethernet.star\",\"missing\":\"no station gives its uplink (switch, router or another station)\"},"
            + "{\"rule\":\"ethernet.cable-length\",\"missing\":\"no station gives its cable length\"}]}\n",
            output);
    }

    [Theory]
    [InlineData("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks: [{id: 0, settings: {evseSubDistributionLimit: 63}, stations: [{id: CS1, role: masterWithInternalSlave, network: {wanRouter: perhaps}, chargePoints: []}]}]\n", "invalid.yaml:4:")]
    [InlineData("name: x\n  bad: [\n", "invalid.yaml:")]
    public void An_invalid_file_exits_2_with_one_located_line_and_no_output(string text, string expected)
    {
        var path = Path.Combine(_work, "invalid.yaml");
        File.WriteAllText(path, text);
        foreach (var json in new[] { false, true })
        {
            var (exit, output, error) = Check(path, json);
            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void Every_mistake_in_a_site_file_is_printed_one_per_line_sorted()
    {
        var path = Path.Combine(_work, "invalid.yaml");
        File.WriteAllText(path, "name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetwork: []\nnetworks: [{id: 0, settings: {evseSubDistributionLimit: 63}, stations: [{id: CS1, role: masterWithInternalSlave, network: {wanRouter: perhaps}, chargePoints: []}]}]\n");
        foreach (var json in new[] { false, true })
        {
            var (exit, output, error) = Check(path, json);
            Assert.Equal(2, exit);
            Assert.Empty(output);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"{path}:4:1: unknown key 'network'", lines[0], StringComparison.Ordinal);
            Assert.StartsWith($"{path}:5:", lines[1], StringComparison.Ordinal);
            Assert.Contains("wanRouter must be true or false, not 'perhaps'", lines[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Household_loads_over_the_cap_together_are_refused_as_amtron_run_refuses_them()
    {
        // 30,000 households × 20 appliances a day (the default) × 1 day = 600,000 uses each, 1,200,000 together; line 6
        // "  - {name: b, household: {count: 30000}}" has its mapping's "{" at column 26.
        var path = Path.Combine(_work, "households.yaml");
        File.WriteAllText(path, "name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nexternalLoads:\n  - {name: a, household: {count: 30000}}\n  - {name: b, household: {count: 30000}}\n"
            + "networks: [{id: 0, settings: {evseSubDistributionLimit: 63}, stations: [{id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}]\n");
        var (exit, output, error) = Check(path);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal($"{path}:6:26: household loads 'a' (600,000), 'b' (600,000): count × appliancesPerDay over 1 day is about 1,200,000 appliance uses in all; at most 1,000,000 are generated per file (about 150 MB): fewer households or appliances, or a shorter period", error.TrimEnd());
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var (exit, output, error) = Check(Path.Combine(_work, "nope.yaml"));
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("cannot read the file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_amtron_process_exits_1_on_a_faulty_site_and_prints_json()
    {
        var amtron = Path.Combine(AppContext.BaseDirectory, "amtron.dll");
        var start = new ProcessStartInfo("dotnet", [amtron, "check", Path.Combine(Sites, "7-imbalance-faulty.yaml"), "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(1, process.ExitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("findings").GetArrayLength());
    }
}
