using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A session's checks against the site point at the value they judge, in the YAML file or in the CSV row.</summary>
public sealed class SessionPlaceTests : IDisposable
{
    /// <summary>A day from 2026-06-01; P has 3 phases, ONE is wired to one. Eight lines: appended text starts on line 9.</summary>
    private const string Site = """
        name: session places
        start: 2026-06-01T00:00:00Z
        duration: 1d
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}, {id: ONE, installationCurrentLimit: 32, phaseRotation: [L1]}]}]
        vehicles:
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("amtron-session-place-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_csv_row_is_reported_at_the_cell_its_check_judges_whatever_the_column_order()
    {
        File.WriteAllText(Path.Combine(_work, "sessions.csv"), string.Join('\n',
            "kWh,maxA,phases,departure,arrival,chargePoint",
            "10,16,3,5h,1h,CP9",
            "10,16,3,26h,25h,P",
            "10,16,3,5h,1h,ONE",
            "10,16,3,9h,6h,P",
            "10,16,3,10h,7h,P",
            "10,16,3,12h,11h,"));
        var path = Path.Combine(_work, "site.yaml");
        File.WriteAllText(path, Site + " {csv: sessions.csv}\n");
        var csv = Path.Combine(_work, "sessions.csv");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal(
            [
                // "10,16,3,5h,1h,": the charge point after 14 characters, column 15.
                $"{csv}:2:15: session 'S1': there is no charge point 'CP9'",
                // "10,16,3,26h,": arrival after 12 characters, column 13; 25 h after the start is past the one-day period.
                $"{csv}:3:13: session 'S2': arrival is outside the simulated period",
                // "10,16,": phases after 6 characters, column 7.
                $"{csv}:4:7: session 'S3': a 3-phase vehicle cannot charge on ONE, which is wired to 1 phase(s)",
                // An overlap is the row's, not one cell's: column 1.
                $"{csv}:6:1: session 'S5' arrives at P before 'S4' has left",
                // "10,16,3,12h,11h,": the empty charge point cell after 16 characters, column 17.
                $"{csv}:7:17: session 'S6' needs a chargePoint",
            ],
            error.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_listed_session_is_reported_at_its_value_or_at_itself_when_it_inherits_the_value()
    {
        var text = Site + """

              defaults: {phases: 3}
              sessions:
                - {chargePoint: CP9, arrival: 1h, departure: 5h}
                - {chargePoint: P, arrival: 25h, departure: 26h}
                - {chargePoint: ONE, arrival: 1h, departure: 5h, phases: 2}
                - {chargePoint: ONE, arrival: 6h, departure: 9h}
                - {chargePoint: P, arrival: 9h, departure: 8h}
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "s.yaml"));

        Assert.Equal(
            [
                // Line 11 "    - {chargePoint: CP9": "    - {" (7) and "chargePoint: " (13), the value at column 21.
                "s.yaml:11:21: session 'S1': there is no charge point 'CP9'",
                // Line 12: "    - {" (7) "chargePoint: P, " (16) "arrival: " (9) are 32 characters, column 33.
                "s.yaml:12:33: session 'S2': arrival is outside the simulated period",
                // Line 13: 7 + "chargePoint: ONE, " (18) + "arrival: 1h, " (13) + "departure: 5h, " (15) + "phases: " (8) = 61.
                "s.yaml:13:62: session 'S3': a 2-phase vehicle cannot charge on ONE, which is wired to 1 phase(s)",
                // Line 14 takes its 3 phases from the defaults: the session's mapping, at "{" in column 7.
                "s.yaml:14:7: session 'S4': a 3-phase vehicle cannot charge on ONE, which is wired to 1 phase(s)",
                // Line 15: 7 + 16 + "arrival: 9h, " (13) + "departure: " (11) = 47, the departure at column 48.
                "s.yaml:15:48: session 'S5': departure must be after arrival",
            ],
            error.Diagnostics.Select(d => d.ToString()));
    }
}
