using Amtron.Site.Scenarios;
using Amtron.Site.Sweeps;

namespace Amtron.Site.Tests.Sweeps;

/// <summary>
/// A bad sweep file is reported like a bad scenario: every problem at once, each at its line and column of the sweep
/// file, including paths the scenario does not have and values its reader rejects.
/// </summary>
public sealed class SweepErrorTests
{
    [Fact]
    public void Every_problem_of_the_file_is_reported_at_its_line_and_column()
    {
        using var files = new SweepFiles("""
            base: base.yaml
            replicate: 3
            seedMode: fast
            replicates: 0
            grid:
              seed: [1, 2]
              networks[0].settings: [{evseSubDistributionLimit: 16}]
              networks[0].settings.evseSubDistributionLimit: [16, 16]
              networks[0].queueing: []
            zip:
              vehicles.generator.energyKWh.mean: [5, 10]
              vehicles.generator.dwellHours.mean: [2]
            """);

        var found = Assert.Throws<ScenarioException>(files.Read).Diagnostics.Select(d => (d.Line, d.Column, d.Problem)).ToList();

        Assert.Contains(found, d => d is (2, 1, var p) && p.StartsWith("unknown key 'replicate' in the sweep", StringComparison.Ordinal));
        Assert.Contains((3L, 11L, "seedMode must be common or independent, not 'fast'"), found);
        Assert.Contains(found, d => d is (4, 13, var p) && p.StartsWith("replicates must be", StringComparison.Ordinal));
        Assert.Contains((6L, 3L, "the sweep sets each variant's seed (seed:, seedMode:, replicates:); seed cannot be an axis"), found);
        Assert.Contains((8L, 3L, "'networks[0].settings.evseSubDistributionLimit' and 'networks[0].settings' (line 7) set the same value; one axis per value"), found);
        // [16, 16]: the second 16 starts at column 55 (the key is 46 characters from column 3, then ": [16, ").
        Assert.Contains((8L, 55L, "grid: networks[0].settings.evseSubDistributionLimit: the value 16 is listed twice"), found);
        Assert.Contains((9L, 25L, "grid: networks[0].queueing: the list of values is empty"), found);
        Assert.Contains((12L, 3L, "zip: vehicles.generator.dwellHours.mean has 1 values and vehicles.generator.energyKWh.mean 2; zipped lists go together, so they are of one length"), found);
        Assert.Equal(8, found.Count);
    }

    [Fact]
    public void A_base_that_cannot_be_read_is_an_error_at_base()
    {
        using var files = new SweepFiles("description: x\nbase: missing.yaml\n");

        var only = Assert.Single(Assert.Throws<ScenarioException>(files.Read).Diagnostics);

        Assert.Equal((2L, 7L), (only.Line, only.Column));
        Assert.StartsWith("base: cannot read the file", only.Problem, StringComparison.Ordinal);
        Assert.Contains("missing.yaml", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_without_a_base_is_an_error()
    {
        using var files = new SweepFiles("replicates: 2\n");

        Assert.Equal("the sweep needs 'base'", Assert.Single(Assert.Throws<ScenarioException>(files.Read).Diagnostics).Problem);
    }

    [Fact]
    public void A_path_the_scenario_lacks_and_a_value_it_rejects_are_errors_in_the_sweep_file_at_the_path_and_the_value()
    {
        using var files = new SweepFiles("""
            base: base.yaml
            grid:
              networks[0].settings.evseSubDistributionLimit: [16, -3, 32]
              networks[0].queueing: [fifo, fast]
              networks[0].stations[4].id: [X]
            """);

        var found = Assert.Throws<ScenarioException>(() => SweepPlanner.Validate(files.Plan(), null, jobs: 2)).Diagnostics.ToList();

        // Each problem once, whichever combinations show it: -3 at line 3, column 55 ("[16, " after the key's ": ");
        // fast at line 4, column 32 (the key from 3 to 22, then ": [fifo, "); stations[4] at the key's [4] (line 5, column 23).
        Assert.All(found, d => Assert.Equal(files.SweepPath, d.File));
        Assert.Contains(found, d => d is { Line: 3, Column: 55 });
        Assert.Contains(found, d => d is { Line: 4, Column: 32, Problem: "queueing must be fifo or roundRobin, not 'fast'" });
        Assert.Contains(found, d => d is { Line: 5, Column: 23, Problem: "[4] is past the end of a list of 1" });
        Assert.Equal(3, found.Count);
    }

    [Fact]
    public void A_sweep_of_more_variants_than_allowed_is_refused_before_any_is_expanded()
    {
        // 1,000 x 1,001 combinations = 1,001,000 > 1,000,000.
        var values = string.Join(", ", Enumerable.Range(1, 1000));
        using var files = new SweepFiles($"base: base.yaml\nreplicates: 1001\ngrid:\n  networks[0].settings.evseSubDistributionLimit: [{values}]\n");

        var only = Assert.Single(Assert.Throws<ScenarioException>(files.Read).Diagnostics);

        Assert.StartsWith("the sweep has 1001000 variants, more than the 1,000,000", only.Problem, StringComparison.Ordinal);
    }
}
