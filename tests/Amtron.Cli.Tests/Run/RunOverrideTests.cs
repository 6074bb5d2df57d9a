namespace Amtron.Cli.Tests.Run;

/// <summary>`amtron run --set PATH=VALUE --seed N` through the real command line.</summary>
public sealed class RunOverrideTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-set-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_smaller_supply_line_set_on_the_command_line_holds_and_the_summary_names_the_overrides()
    {
        // The 6.1 car park on a 63 A line instead of 100 A: its four 32 A points could draw 128 A, so the DLM holds the
        // grid at 63 A; the scenario's own assertion of 100 A fails (exit 1), which shows the value was used.
        var out1 = Path.Combine(_work, "a");
        using var run = AmtronProcess.Start("run", Scenario("6.1-car-park.yaml"), "--out", out1, "--quiet", "--set", "networks[0].settings.evseSubDistributionLimit=[63, 63, 63]", "--set", "networks[0].settings.operatorEvseSubDistributionLimit=[63, 63, 63]", "--seed", "7");

        Assert.Equal(1, await run.ExitAsync(Guard));
        Assert.Contains("assertion failed: maxPhaseCurrentA == 100 (actual 63)", run.Error, StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(out1, "summary.json"));
        Assert.Contains("\"seed\": 7,", summary, StringComparison.Ordinal);
        Assert.Contains("\"--set networks[0].settings.evseSubDistributionLimit=[63, 63, 63]\"", summary, StringComparison.Ordinal);
        Assert.Contains("\"--seed 7\"", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_override_is_a_located_error_exit_2_and_nothing_is_written()
    {
        var out2 = Path.Combine(_work, "b");
        using var run = AmtronProcess.Start("run", Scenario("6.1-car-park.yaml"), "--out", out2, "--set", "networks[0].queueing=fast");

        Assert.Equal(2, await run.ExitAsync(Guard));
        // "--set networks[0].queueing=" is 27 characters: the value at column 28.
        Assert.Equal("--set networks[0].queueing=fast:1:28: queueing must be fifo or roundRobin, not 'fast'", run.Error.Trim());
        Assert.False(Directory.Exists(out2));

        using var malformed = AmtronProcess.Start("run", Scenario("6.1-car-park.yaml"), "--out", out2, "--set", "queueing");
        Assert.Equal(2, await malformed.ExitAsync(Guard));
        Assert.StartsWith("amtron: --set 'queueing': expected PATH=VALUE", malformed.Error.Trim(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(out2));
    }

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);
}
