using Amtron.Dlm.Control;
using Amtron.Dlm.Units;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>
/// <c>--set PATH=VALUE</c> and <c>--seed N</c>: a value of the scenario changed before it is read, checked by the same
/// reader, and every error located in the override itself (file = what the user wrote, line 1, its column).
/// </summary>
public sealed class ScenarioOverrideTests
{
    private const string Site = TwoPointSite.Header + "\n  sessions: [{chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 10}]\n";

    [Fact]
    public void A_value_is_replaced_a_default_set_and_the_seed_changed_and_the_overrides_are_kept()
    {
        var scenario = Load(
            Set("networks[0].settings.evseSubDistributionLimit=[63, 50, 40]"),
            Set("networks[0].queueing=roundRobin"),
            Set("networks[0].stations[0].chargePoints[1].installationCurrentLimit=16"),
            ScenarioOverride.Seed("42"));

        var network = Assert.Single(scenario.Site.Networks);
        Assert.Equal(new PhaseCurrents(Amps.From(63), Amps.From(50), Amps.From(40)), network.Settings.EvseSubDistributionLimit);
        Assert.Equal(QueueingPolicy.FairTradeRoundRobin, network.Options.Queueing);
        Assert.Equal(Amps.From(16), network.Stations[0].ChargePoints[1].InstallationCurrentLimit);
        Assert.Equal(42UL, scenario.Site.Seed);
        Assert.Equal(
            ["--set networks[0].settings.evseSubDistributionLimit=[63, 50, 40]", "--set networks[0].queueing=roundRobin", "--set networks[0].stations[0].chargePoints[1].installationCurrentLimit=16", "--seed 42"],
            scenario.Overrides);
    }

    [Fact]
    public void Every_bad_path_and_value_is_an_error_at_its_column_in_the_override()
    {
        var error = Assert.Throws<ScenarioException>(() => Load(
            Set("nets[0].x=1"),
            Set("networks[3].id=2"),
            Set("networks[0].foo=1"),
            Set("networks[0].queueing=fast"),
            Set("networks[x].id=1"),
            Set("networks[0].settings.evseSubDistributionLimit=[63, x, 63]"),
            Set("networks[0].id="),
            ScenarioOverride.Seed("-1")));

        // "--set " is 6 characters, so a path starts at column 7: "networks" is 7-14, "[3]" at 15, ".foo" puts foo at 19.
        // "networks[0].queueing=" is 21 characters: the value at 28. "networks[0].settings.evseSubDistributionLimit=" is
        // 46: the list at 53, and "[63, " is 5 characters, so its "x" is at 58.
        // "networks[0].id=" is 15: the missing value at 22. "--seed " is 7: the value at 8.
        var found = error.Diagnostics.Select(d => (d.File, d.Line, d.Column, d.Problem)).ToList();
        Assert.Contains(("--set nets[0].x=1", 1L, 7L, "the scenario has no 'nets' here (it has name, start, duration, networks, vehicles)"), found);
        Assert.Contains(("--set networks[3].id=2", 1L, 15L, "[3] is past the end of a list of 1"), found);
        Assert.Contains(found, d => d is ("--set networks[0].foo=1", 1L, 19L, var p) && p.StartsWith("unknown key 'foo' in a network", StringComparison.Ordinal));
        Assert.Contains(("--set networks[0].queueing=fast", 1L, 28L, "queueing must be fifo or roundRobin, not 'fast'"), found);
        Assert.Contains(("--set networks[x].id=1", 1L, 15L, "an index is a whole number in brackets, e.g. networks[0]"), found);
        Assert.Contains(found, d => d is ("--set networks[0].settings.evseSubDistributionLimit=[63, x, 63]", 1L, 58L, _));
        Assert.Contains(("--set networks[0].id=", 1L, 22L, "the value is missing"), found);
        Assert.Contains(found, d => d is ("--seed -1", 1L, 8L, var p) && p.StartsWith("seed must be", StringComparison.Ordinal));
        Assert.Equal(8, found.Count);
    }

    [Theory]
    [InlineData("networks[0]..id=1", 19, "a key is missing here")]
    [InlineData("networks[0].=1", 19, "a key is missing after the dot")]
    [InlineData("name.first=x", 12, "'first' names a key of a mapping, and this is not one")]
    [InlineData("networks.id=1", 16, "'id' names a key of a mapping, and this is not one")]
    public void A_path_that_cannot_be_followed_says_where(string assignment, int column, string problem)
    {
        // "--set " + the path: "networks[0]." is 12 characters (a second dot at 19); "name." puts "first" at 12;
        // "networks." puts "id" at 16 (networks is a list, not a mapping).
        var only = Assert.Single(Assert.Throws<ScenarioException>(() => Load(Set(assignment))).Diagnostics);
        Assert.Equal(((long)column, true), (only.Column, only.Problem.StartsWith(problem, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("9007199254740993")] // 2^53 + 1: through a double it would read as 2^53
    [InlineData("9223372036854775807")] // the largest seed
    public void A_seed_is_read_to_its_last_digit(string seed) =>
        Assert.Equal(ulong.Parse(seed, System.Globalization.CultureInfo.InvariantCulture), Load(ScenarioOverride.Seed(seed)).Site.Seed);

    [Fact]
    public void A_seed_past_the_largest_is_refused_with_the_range()
    {
        var only = Assert.Single(Assert.Throws<ScenarioException>(() => Load(ScenarioOverride.Seed("9223372036854775808"))).Diagnostics);

        Assert.StartsWith("seed must be", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_needs_a_path_and_an_equals_sign()
    {
        Assert.Null(ScenarioOverride.FromAssignment("seed", out var problem));
        Assert.StartsWith("--set 'seed': expected PATH=VALUE", problem, StringComparison.Ordinal);
        Assert.Null(ScenarioOverride.FromAssignment("=1", out _));
        // Split at the first '=': a value may hold one.
        Assert.Equal(("name", "a=b"), (ScenarioOverride.FromAssignment("name=a=b", out _)!.Path, ScenarioOverride.FromAssignment("name=a=b", out _)!.Value));
    }

    private static ScenarioOverride Set(string assignment) => ScenarioOverride.FromAssignment(assignment, out _)!;

    private static Scenario Load(params ScenarioOverride[] overrides)
    {
        var directory = Directory.CreateTempSubdirectory("amtron-override-");
        try
        {
            var path = Path.Combine(directory.FullName, "site.yaml");
            File.WriteAllText(path, Site);
            return ScenarioLoader.Load(path, overrides);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
