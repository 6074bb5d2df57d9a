using System.Text.Json;
using Amtron.Cli.Run;

namespace Amtron.Cli.Tests.Run;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-run-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static (int Exit, string Output, string Error) RunScenario(string? scenario, string outDirectory)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = RunCommand.Run(scenario, outDirectory, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Scenario(string text)
    {
        var path = Path.Combine(_work, "scenario.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_bundled_demo_runs_with_every_assertion_true()
    {
        var outDirectory = Path.Combine(_work, "demo");
        var (exit, output, error) = RunScenario(null, outDirectory);
        Assert.True(exit == 0, output + error);
        Assert.True(File.Exists(Path.Combine(outDirectory, "summary.json")));
        foreach (var file in new[] { "sessions.csv", "timeseries.csv", "report.html", "supply.png", "charge-point-currents.png", "session-energy.png" })
        {
            Assert.True(new FileInfo(Path.Combine(outDirectory, file)).Length > 0, file);
        }
        Assert.Contains("6.1 Car park", output, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "summary.json")));
        Assert.Equal(0, summary.RootElement.GetProperty("limitViolationSeconds").GetDouble());
        Assert.All(summary.RootElement.GetProperty("assertions").EnumerateArray(), a => Assert.True(a.GetProperty("passed").GetBoolean()));
    }

    public static TheoryData<string> BundledScenarios()
    {
        var data = new TheoryData<string>();
        var scenarios = Path.Combine(AppContext.BaseDirectory, "scenarios");
        // The manual's scenarios at the top, the grid-compliance ones (docs/grid.md) in grid/.
        foreach (var file in Directory.GetFiles(scenarios, "*.yaml").Concat(Directory.GetFiles(Path.Combine(scenarios, "grid"), "*.yaml")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(scenarios, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Every_bundled_scenario_holds_what_the_manual_promises(string file)
    {
        var (exit, output, error) = RunScenario(Path.Combine(AppContext.BaseDirectory, "scenarios", file), Path.Combine(_work, file.Replace('/', '-')));
        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public void A_broken_scenario_gets_every_located_error_one_per_line_and_no_output()
    {
        // Three mistakes: "network" for "networks" (so 'networks' is also missing), a bad voltage, a bad assertion.
        var path = Scenario("name: broken\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetwork: []\nvoltage: high\nassert: [nonsense]\n");
        var outDirectory = Path.Combine(_work, "broken");
        var (exit, output, error) = RunScenario(path, outDirectory);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        var lines = error.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal($"{path}:1:1: the scenario needs 'networks'", lines[0]);
        Assert.Equal($"{path}:4:1: unknown key 'network' in the scenario", lines[1].Split(" (expected")[0]);
        // "voltage: high": the value after "voltage: " (9 characters); "assert: [" puts the item at 10.
        Assert.Equal($"{path}:5:10: voltage must be a number, not 'high'", lines[2]);
        Assert.StartsWith($"{path}:6:10: 'nonsense' is not 'metric op number'", lines[3], StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDirectory));
    }

    [Fact]
    public void A_failed_assertion_exits_1_and_still_writes_the_results()
    {
        var demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", RunCommand.DemoScenario));
        var path = Scenario(demo.Replace("energyDeliveredKWh == 190", "energyDeliveredKWh == 1000", StringComparison.Ordinal));
        var outDirectory = Path.Combine(_work, "failing");
        var (exit, output, _) = RunScenario(path, outDirectory);
        Assert.Equal(1, exit);
        Assert.Contains("FAILED energyDeliveredKWh == 1000", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDirectory, "summary.json")));
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_results()
    {
        var first = Path.Combine(_work, "first");
        var second = Path.Combine(_work, "second");
        RunScenario(null, first);
        RunScenario(null, second);
        // The demo takes well under a second, so even wallSeconds (whole seconds) is the same.
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "summary.json")), File.ReadAllBytes(Path.Combine(second, "summary.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "sessions.csv")), File.ReadAllBytes(Path.Combine(second, "sessions.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "timeseries.csv")), File.ReadAllBytes(Path.Combine(second, "timeseries.csv")));
    }
}
