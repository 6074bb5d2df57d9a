using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>The cap on generated appliance uses holds for all household loads of a file together, not for each.</summary>
public sealed class HouseholdCapTests
{
    /// <summary>A day from 2026-06-01 whose household loads are lines 5, 6, ...; each load's household mapping is at column 26.</summary>
    internal static string Site(params string[] counts) =>
        "name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nexternalLoads:\n"
        + string.Concat(counts.Select((count, i) => $"  - {{name: {(char)('a' + i)}, household: {{count: {count}}}}}\n"))
        + "networks: [{id: 0, settings: {evseSubDistributionLimit: 16}, stations: [{id: S, role: masterStandalone, chargePoints: [{id: P, installationCurrentLimit: 16}]}]}]\n";

    [Fact]
    public void Two_loads_each_under_the_cap_are_refused_when_together_they_are_over_it()
    {
        // 30,000 households × 20 appliances a day (the default) × 1 day = 600,000 uses each, 1,200,000 together: the
        // second load goes over. Line 6 "  - {name: b, household: {count: 30000}}": its mapping's "{" at column 26.
        var text = Site("30000", "30000");
        const string Expected = "bad.yaml:6:26: household loads 'a' (600,000), 'b' (600,000): count × appliancesPerDay over 1 day is about 1,200,000 appliance uses in all; at most 1,000,000 are generated per file (about 150 MB): fewer households or appliances, or a shorter period";
        Assert.Equal(Expected, Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml")).Message);
        // `amtron check` reads the file with the same reader.
        Assert.Equal(Expected, Assert.Throws<ScenarioException>(() => ScenarioLoader.ParsePlan(text, "bad.yaml")).Message);
    }

    [Fact]
    public void One_load_over_the_cap_is_named_alone_and_one_day_is_singular()
    {
        // 50,001 × 20 × 1 = 1,000,020 uses.
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Site("50001"), "bad.yaml"));
        Assert.Equal("bad.yaml:5:26: external load 'a' household: count × appliancesPerDay over 1 day is about 1,000,020 appliance uses; at most 1,000,000 are generated per file (about 150 MB): fewer households or appliances, or a shorter period", error.Message);
    }

    [Fact]
    public void Loads_under_the_cap_together_keep_their_places_among_the_other_loads()
    {
        var text = Site("2", "3").Replace("externalLoads:\n", "externalLoads:\n  - {name: first, constant: 1}\n", StringComparison.Ordinal);
        Assert.Equal(["first", "a", "b"], ScenarioLoader.Parse(text, "site.yaml").Site.ExternalLoads.Select(l => l.Name));
    }
}
