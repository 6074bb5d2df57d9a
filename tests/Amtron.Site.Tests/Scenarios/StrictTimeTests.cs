using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>
/// A time of day alone is not a time in a scenario or its CSV files: read leniently, "07:00" was 07:00 on the day the
/// tool ran, so a result depended on the machine's clock.
/// </summary>
public sealed class StrictTimeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-time-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_scenario_start_of_07_00_is_refused_at_its_value()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(ScenarioDiagnosticsTests.Site(string.Empty).Replace("2026-06-01T00:00:00Z", "\"07:00\"", StringComparison.Ordinal), "bad.yaml"));
        // Line 2 "start: "07:00"": the value after "start: " (7 characters).
        Assert.Equal("bad.yaml:2:8: start must be a UTC time such as 2026-06-01T08:00:00Z, not '07:00'", error.Message);
    }

    [Fact]
    public void A_session_csv_arrival_of_07_00_is_refused_at_its_cell()
    {
        File.WriteAllText(Path.Combine(_work, "sessions.csv"), "arrival,departure,kWh,maxA,phases,chargePoint\n07:00,2026-06-01T12:00:00Z,10,16,3,CP1\n");
        var path = Path.Combine(_work, "scenario.yaml");
        File.WriteAllText(path, ScenarioDiagnosticsTests.Site("vehicles: {csv: sessions.csv}"));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal($"{Path.Combine(_work, "sessions.csv")}:2:1: '07:00' is not a UTC time or a duration after the start", error.Message);
    }

    [Fact]
    public void A_date_time_with_an_offset_is_read_in_utc()
    {
        // 09:30 at UTC+02:00 is 07:30 UTC, 7.5 h after the start.
        var text = ScenarioDiagnosticsTests.Site("vehicles: {sessions: [{chargePoint: CP1, arrival: 2026-06-01T09:30:00+02:00, departure: 2026-06-01 12:00}]}");
        var session = Assert.Single(ScenarioLoader.Parse(text, "site.yaml").Site.Vehicles);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 7, 30, 0, TimeSpan.Zero), session.Arrival);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), session.Departure);
    }
}
