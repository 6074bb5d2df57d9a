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

        // Which file and which tool a result came from.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Demo)));
        Assert.Equal(sha, summary.RootElement.GetProperty("scenarioSha256").GetString());
        Assert.StartsWith("0.13.0", summary.RootElement.GetProperty("toolVersion").GetString(), StringComparison.Ordinal);
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

    [Fact]
    public void An_unknown_option_anywhere_is_refused_before_any_scenario_runs()
    {
        var dir = Path.Combine(_work, "typo");
        foreach (var args in new[] { new[] { Demo, "--bogus" }, ["--quite", Demo], [Demo, Demo.Replace(".yaml", "-copy.yaml", StringComparison.Ordinal), "-q"] })
        {
            var (exit, output, error) = RunAll(args, dir, RunOutput.Table);
            var option = args.First(a => a.StartsWith('-'));
            Assert.Equal((2, string.Empty, $"amtron: unknown option '{option}' for run (see 'amtron --help')"), (exit, output, error.TrimEnd()));
            Assert.False(Directory.Exists(dir));
        }
    }

    [Fact]
    public void Two_scenarios_that_would_write_one_directory_are_refused_before_either_runs()
    {
        var a = Directory.CreateDirectory(Path.Combine(_work, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_work, "b")).FullName;
        File.Copy(Demo, Path.Combine(a, "site.yaml"));
        File.Copy(Demo, Path.Combine(b, "site.yaml"));
        var dir = Path.Combine(_work, "both");

        var (exit, _, error) = RunAll([Path.Combine(a, "site.yaml"), Path.Combine(b, "site.yaml")], dir, RunOutput.Quiet);

        Assert.Equal(2, exit);
        Assert.Equal($"amtron: {Path.Combine(a, "site.yaml")} and {Path.Combine(b, "site.yaml")} would both write their results to {Path.Combine(dir, "site")}; run them one at a time with different --out directories (nothing was run)", error.TrimEnd());
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Timeseries_off_writes_none_and_removes_the_previous_runs()
    {
        var directory = Path.Combine(_work, "series");
        Assert.Equal(0, RunAll([Demo], directory, RunOutput.Quiet).Exit);
        Assert.True(File.Exists(Path.Combine(directory, "timeseries.csv")));

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, RunCommand.Run(Demo, directory, output, error, new RunOptions(RunOutput.Quiet, TimeSeries: false)));
        Assert.False(File.Exists(Path.Combine(directory, "timeseries.csv")));
        Assert.True(File.Exists(Path.Combine(directory, "summary.json")));

        // A user's timeseries.csv is in the way of a run that writes one, not of one that does not.
        File.WriteAllText(Path.Combine(directory, "timeseries.csv"), "theirs");
        Assert.Equal(0, RunCommand.Run(Demo, directory, output, error, new RunOptions(RunOutput.Quiet, TimeSeries: false)));
        Assert.Equal(2, RunCommand.Run(Demo, directory, output, error, new RunOptions(RunOutput.Quiet)));
        Assert.Equal("theirs", File.ReadAllText(Path.Combine(directory, "timeseries.csv")));
    }

    [Fact]
    public void A_timeseries_interval_writes_rows_only_at_its_multiples()
    {
        var directory = Path.Combine(_work, "quarter");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, RunCommand.Run(Demo, directory, output, error, new RunOptions(RunOutput.Quiet, TimeSpan.FromMinutes(15))));
        var times = File.ReadAllLines(Path.Combine(directory, "timeseries.csv")).Skip(1).Select(l => DateTimeOffset.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Equal(0, t.Minute % 15 + t.Second));
    }

    [Theory]
    [InlineData("full", true, null)]
    [InlineData("off", false, null)]
    [InlineData("1m", true, 60)]
    [InlineData("15m", true, 900)]
    [InlineData("30s", true, 30)]
    [InlineData("1h", true, 3600)]
    public void Timeseries_options_read(string text, bool write, int? seconds)
    {
        Assert.True(RunCommand.TryParseTimeSeries(text, out var w, out var interval));
        Assert.Equal((write, seconds), (w, (int?)interval?.TotalSeconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("2x")]
    [InlineData("-1m")]
    public void Bad_timeseries_options_are_refused(string text) => Assert.False(RunCommand.TryParseTimeSeries(text, out _, out _));

    [Fact]
    public void A_limit_exceeded_without_an_assertion_about_it_is_said_and_fails_with_strict()
    {
        // The demo's 100 A supply line behind a 63 A main fuse, and only an energy assertion: the fuse is exceeded.
        var text = File.ReadAllText(Demo);
        var scenario = Path.Combine(_work, "fuse.yaml");
        File.WriteAllText(scenario, text[..text.IndexOf("assert:", StringComparison.Ordinal)].Replace("\nnetworks:", "\ngrid: {mainFuse: 63}\nnetworks:", StringComparison.Ordinal) + "assert:\n  - energyDeliveredKWh > 0\n");

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, RunCommand.Run(scenario, Path.Combine(_work, "lenient"), output, error, new RunOptions(RunOutput.Quiet)));
        Assert.Contains("WARNING: a current limit was exceeded for ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, RunCommand.Run(scenario, Path.Combine(_work, "strict"), output, error, new RunOptions(RunOutput.Quiet, Strict: true)));
        Assert.Contains("<p class=\"banner warn\">WARNING: a current limit was exceeded for ", File.ReadAllText(Path.Combine(_work, "lenient", "report.html")), StringComparison.Ordinal);
        Assert.Contains("<p class=\"banner fail\">FAIL (--strict): a current limit was exceeded for ", File.ReadAllText(Path.Combine(_work, "strict", "report.html")), StringComparison.Ordinal);

        using var quiet = new StringWriter();
        Assert.Equal(0, RunCommand.Run(Demo, Path.Combine(_work, "demo"), output, quiet, new RunOptions(RunOutput.Quiet, Strict: true)));
        Assert.Empty(quiet.ToString());
        Assert.Contains("<p class=\"banner pass\">PASS: every assertion holds and no limit was exceeded</p>", File.ReadAllText(Path.Combine(_work, "demo", "report.html")), StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) RunAll(string[] scenarios, string? outDirectory, RunOutput mode)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = RunCommand.RunAll(scenarios, outDirectory, output, error, new RunOptions(mode));
        return (exit, output.ToString(), error.ToString());
    }
}
