using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>IEC 61851: a vehicle charges with at least 6 A, so an on-board limit below that is a mistake in the file.</summary>
public sealed class VehicleLimitTests
{
    private const string Site = """
        name: small charger
        start: 2026-06-01T00:00:00Z
        duration: 1d
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}]}]
        vehicles:
        """;

    [Fact]
    public void A_listed_vehicle_below_6_A_is_refused_at_its_max_current()
    {
        var text = Site + "\n  sessions:\n    - {id: v, chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 5, maxCurrent: 5.5}\n";
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "ev.yaml"));

        // Line 10; "    - {id: v, chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 5, maxCurrent: " is 84 characters.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((10, 85), (only.Line, only.Column));
        Assert.StartsWith("maxCurrent 5.5 A is below 6 A", only.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(32)]
    public void Six_amps_and_more_are_accepted(int amps)
    {
        var text = Site + $"\n  sessions:\n    - {{id: v, chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 5, maxCurrent: {amps}}}\n";
        Assert.Equal(amps, ScenarioLoader.Parse(text, "ev.yaml").Site.Vehicles[0].MaxCurrent.Value);
    }

    [Fact]
    public void A_csv_session_below_6_A_is_refused_at_its_cell()
    {
        var directory = Directory.CreateTempSubdirectory("amtron-ev-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "sessions.csv"), "1h,5h,5,4,3\n");
            var path = Path.Combine(directory.FullName, "site.yaml");
            File.WriteAllText(path, Site + " {csv: sessions.csv}\n");
            var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

            // Row 1: "1h,5h,5," is 8 characters, so maxA starts at column 9.
            var only = Assert.Single(error.Diagnostics);
            Assert.Equal((1, 9), (only.Line, only.Column));
            Assert.EndsWith("sessions.csv", only.File, StringComparison.Ordinal);
            Assert.Contains("maxA must be a number from 6 to 1000, not '4'", only.Problem, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
