using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A session file's header names its columns: any order, any case; unknown, repeated or missing ones are errors.</summary>
public sealed class SessionCsvHeaderTests
{
    private const string Site = """
        name: sessions from a file
        start: 2026-06-01T00:00:00Z
        duration: 1d
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}, {id: Q, installationCurrentLimit: 32}]}]
        vehicles: {csv: sessions.csv}
        """;

    [Fact]
    public void Columns_are_found_by_name_in_any_order()
    {
        var vehicle = Assert.Single(Load("Phases,maxA,kWh,departure,arrival,chargePoint\n3,16,10,5h,1h,Q\n").Site.Vehicles);
        Assert.Equal(("Q", 1.0, 5.0, 10.0, 16.0, 3), (vehicle.ChargePointId, (vehicle.Arrival - vehicle.Arrival.Date).TotalHours, (vehicle.Departure - vehicle.Departure.Date).TotalHours, vehicle.EnergyWantedKWh, vehicle.MaxCurrent.Value, vehicle.Phases));
    }

    [Fact]
    public void A_header_without_a_charge_point_column_places_sessions_on_the_first_free_point()
    {
        var vehicle = Assert.Single(Load("arrival,departure,kWh,maxA,phases\n1h,5h,10,16,3\n").Site.Vehicles);
        Assert.Equal("P", vehicle.ChargePointId);
    }

    [Fact]
    public void A_session_without_a_point_avoids_one_that_a_later_row_names_during_its_stay()
    {
        // The first row (1h-5h) names no point; the second takes P from 2h: the first goes to Q, not to P.
        var vehicles = Load("arrival,departure,kWh,maxA,phases,chargePoint\n1h,5h,10,16,3\n2h,3h,5,16,3,P\n").Site.Vehicles;
        Assert.Equal([("S1", "Q"), ("S2", "P")], vehicles.Select(v => (v.Id, v.ChargePointId)));
    }

    [Fact]
    public void An_unknown_and_a_missing_column_are_both_named_at_the_header()
    {
        var error = Assert.Throws<ScenarioException>(() => Load("arrival,departure,kwhDelivered,maxA,phases\n1h,5h,10,16,3\n"));

        // "arrival,departure," is 18 characters: the unknown name starts at column 19; the missing one is the header's.
        Assert.Equal(
            [(1L, 1L, "the header has no column 'kWh'"), (1L, 19L, "unknown column 'kwhDelivered'")],
            error.Diagnostics.Select(d => (d.Line, d.Column, d.Problem[..d.Problem.IndexOf(" (", StringComparison.Ordinal)])));
    }

    [Fact]
    public void A_repeated_column_is_an_error_at_its_second_name()
    {
        var error = Assert.Throws<ScenarioException>(() => Load("arrival,departure,kWh,maxA,phases,ARRIVAL\n1h,5h,10,16,3,2h\n"));

        // "arrival,departure,kWh,maxA,phases," is 34 characters.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((1L, 35L, "column 'ARRIVAL' appears twice"), (only.Line, only.Column, only.Problem));
    }

    [Fact]
    public void With_a_header_a_row_must_have_exactly_its_columns()
    {
        var error = Assert.Throws<ScenarioException>(() => Load("arrival,departure,kWh,maxA,phases\n1h,5h,10,16,3,P\n"));

        // The sixth cell, "P", starts at column 15 of line 2 ("1h,5h,10,16,3," is 14 characters).
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((2L, 15L), (only.Line, only.Column));
        Assert.Contains("expected the columns arrival,departure,kWh,maxA,phases, found 6", only.Problem, StringComparison.Ordinal);
    }

    private static Scenario Load(string csv)
    {
        var directory = Directory.CreateTempSubdirectory("amtron-sessions-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "sessions.csv"), csv);
            var path = Path.Combine(directory.FullName, "site.yaml");
            File.WriteAllText(path, Site + "\n");
            return ScenarioLoader.Load(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
