using System.Text.Json;
using Amtron.Cli.Run;

namespace Amtron.Cli.Tests.Run;

/// <summary>`amtron run` for CI: several scenarios or a pattern in one call, --quiet and --json.</summary>
public sealed class RunManyTests : IDisposable
{
    private static readonly string Demo = Path.Combine(AppContext.BaseDirectory, "scenarios", RunCommand.DemoScenario);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-many-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_pattern_runs_every_file_it_matches_each_into_its_own_directory()
    {
        File.Copy(Demo, Path.Combine(_work, "a.yaml"));
        File.Copy(Demo, Path.Combine(_work, "b.yaml"));
        var results = Path.Combine(_work, "results");

        var (exit, output, _) = RunAll([Path.Combine(_work, "*.yaml")], results, RunOutput.Table);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(results, "a", "summary.json")));
        Assert.True(File.Exists(Path.Combine(results, "b", "summary.json")));
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("6.1 Car park", StringComparison.Ordinal)));
    }

    [Fact]
    public void Quiet_prints_nothing_when_all_holds_and_each_failed_assertion_on_standard_error()
    {
        var failing = Path.Combine(_work, "failing.yaml");
        File.WriteAllText(failing, File.ReadAllText(Demo).Replace("energyDeliveredKWh == 190", "energyDeliveredKWh == 191", StringComparison.Ordinal));

        var (ok, okOutput, okError) = RunAll([Demo], Path.Combine(_work, "ok"), RunOutput.Quiet);
        var (failed, output, error) = RunAll([failing], Path.Combine(_work, "failed"), RunOutput.Quiet);

        Assert.Equal((0, string.Empty, string.Empty), (ok, okOutput, okError));
        Assert.Equal(1, failed);
        Assert.Empty(output);
        Assert.Equal("amtron: 6.1 Car park with several charging points: assertion failed: energyDeliveredKWh == 191 (actual 190)", error.TrimEnd());
    }

    [Fact]
    public void Json_prints_the_summary_as_written()
    {
        var directory = Path.Combine(_work, "json");
        var (exit, output, _) = RunAll([Demo], directory, RunOutput.Json);
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(Path.Combine(directory, "summary.json")).TrimEnd(), output.TrimEnd());
        using var summary = JsonDocument.Parse(output);
        Assert.Equal(190, summary.RootElement.GetProperty("energyDeliveredKWh").GetDouble());
    }

    [Fact]
    public void An_invalid_scenario_among_failing_ones_makes_exit_2_and_a_pattern_matching_nothing_is_an_error()
    {
        var failing = Path.Combine(_work, "failing.yaml");
        File.WriteAllText(failing, File.ReadAllText(Demo).Replace("energyDeliveredKWh == 190", "energyDeliveredKWh == 191", StringComparison.Ordinal));
        var invalid = Path.Combine(_work, "invalid.yaml");
        File.WriteAllText(invalid, "name: [\n");

        Assert.Equal(2, RunAll([failing, invalid], Path.Combine(_work, "mixed"), RunOutput.Quiet).Exit);
        var (exit, _, error) = RunAll([Path.Combine(_work, "none*.yaml")], null, RunOutput.Table);
        Assert.Equal((2, $"amtron: {Path.Combine(_work, "none*.yaml")}: no file matches"), (exit, error.TrimEnd()));
    }

    private static (int Exit, string Output, string Error) RunAll(string[] scenarios, string? outDirectory, RunOutput mode)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = RunCommand.RunAll(scenarios, outDirectory, output, error, mode);
        return (exit, output.ToString(), error.ToString());
    }
}
