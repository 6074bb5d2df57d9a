using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A charge point whose timeseries.csv column would have the name of another column is refused before the run.</summary>
public sealed class TimeSeriesColumnTests
{
    /// <summary>Network 0 with charge points <paramref name="first"/> on line 11 and <paramref name="second"/> on line 12.</summary>
    private static string Site(string first, string second) => $$"""
        name: x
        start: 2026-06-01T00:00:00Z
        duration: 1d
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations:
              - id: S
                role: masterWithInternalSlave
                chargePoints:
                  - {id: {{first}}, installationCurrentLimit: 16}
                  - {id: {{second}}, installationCurrentLimit: 16}

        """;

    // Line 12 "          - {id: ...": 10 spaces, "- {", "id: ", so the id at column 18.
    [Theory]
    [InlineData("CP1", "supplyL1", "bad.yaml:12:18: charge point 'supplyL1' and the supply on L1 at the grid connection would both be the timeseries.csv column 'supplyL1A': rename the charge point")]
    [InlineData("CP1", "network0AvailableL2", "bad.yaml:12:18: charge point 'network0AvailableL2' and network 0's available current on L2 would both be the timeseries.csv column 'network0AvailableL2A': rename the charge point")]
    // A comma, the CSV separator, is written as '_'.
    [InlineData("\"CP,1\"", "CP_1", "bad.yaml:12:18: charge point 'CP_1' and charge point 'CP,1' (line 11) would both be the timeseries.csv column 'CP_1A': rename one")]
    // A quote or a line break would need quoting in the header: each is '_' too.
    [InlineData("'CP\"1'", "CP_1", "bad.yaml:12:18: charge point 'CP_1' and charge point 'CP\"1' (line 11) would both be the timeseries.csv column 'CP_1A': rename one")]
    [InlineData("\"CP\\n1\"", "CP_1", "bad.yaml:12:18: charge point 'CP_1' and charge point 'CP\n1' (line 11) would both be the timeseries.csv column 'CP_1A': rename one")]
    public void Two_things_with_one_column_name_are_refused_at_the_later_charge_point(string first, string second, string expected)
    {
        var text = Site(first, second);
        Assert.Equal(expected, Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml")).Message);
        // `amtron check` reads the file with the same reader, so it refuses the same file.
        Assert.Equal(expected, Assert.Throws<ScenarioException>(() => ScenarioLoader.ParsePlan(text, "bad.yaml")).Message);
    }

    [Fact]
    public void Ids_that_differ_only_in_case_or_name_another_network_are_distinct_columns()
    {
        // Columns "cp1A", "CP1A"; and "network1AvailableL1A" only if network 1 existed.
        Assert.Equal(2, ScenarioLoader.Parse(Site("cp1", "CP1"), "site.yaml").Site.Networks[0].Stations[0].ChargePoints.Count);
        Assert.Equal(2, ScenarioLoader.Parse(Site("CP1", "network1AvailableL1"), "site.yaml").Site.Networks[0].Stations[0].ChargePoints.Count);
    }
}
