using Amtron.Site.Model;

namespace Amtron.Site.Tests.Scenarios.AcnData;

/// <summary>
/// <c>vehicles.acnData</c>: ACN-Data exports as published (the API's document, a plain list, CSV), mapped to charge
/// points by id, by <c>map:</c>, or to the first free one. The sessions are written for these tests in ACN-Data's format.
/// </summary>
public sealed class AcnDataReaderTests
{
    /// <summary>
    /// a1: spaceID CA-303 is a charge point. b1: stationID 2-39-139-28 is one (its spaceID is not); its times in Pacific
    /// daylight time. c1: neither is; the map sends its stationID X-1 to P9. d1: nothing matches: first free point.
    /// </summary>
    private const string Items = """
        {"sessionID": "a1", "spaceID": "CA-303", "stationID": "2-39-1", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 12:30:00 GMT", "doneChargingTime": null, "kWhDelivered": 10.5, "userInputs": [{"kWhRequested": 30, "minutesAvailable": 60}, {"kWhRequested": 20, "minutesAvailable": 120, "WhPerMile": 286}]},
        {"sessionID": "b1", "spaceID": "CA-999", "stationID": "2-39-139-28", "connectionTime": "Sat, 01 May 2021 02:00:00 PDT", "disconnectTime": "Sat, 01 May 2021 06:00:00 -0700", "doneChargingTime": "Sat, 01 May 2021 05:00:00 -0700", "kWhDelivered": 7.25, "userInputs": null, "timezone": "America/Los_Angeles"},
        {"sessionID": "c1", "spaceID": "X1", "stationID": "X-1", "connectionTime": "Sat, 01 May 2021 09:15:00 GMT", "disconnectTime": "Sat, 01 May 2021 11:00:00 GMT", "kWhDelivered": 3, "_id": "60a30a8cf9af8b5f076a3919"},
        {"sessionID": "d1", "spaceID": "Y1", "stationID": "Y-1", "connectionTime": "Sun, 02 May 2021 14:00:00 GMT", "disconnectTime": "Sun, 02 May 2021 15:00:00 GMT", "kWhDelivered": 4.5}
        """;

    private const string Mapped = "  acnData:\n    file: sessions.json\n    map: {X-1: P9}\n";

    private static readonly DateTimeOffset May1 = new(2021, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>By hand: b1 02:00 and 06:00 PDT (UTC-7) are 09:00 and 13:00 UTC; d1 at 14:00 on May 2 finds CA-303 free (a1 left at 12:30 on May 1).</summary>
    private static readonly (string, string, DateTimeOffset, DateTimeOffset, double)[] Delivered =
    [
        ("a1", "CA-303", May1.AddHours(8), May1.AddHours(12.5), 10.5),
        ("b1", "2-39-139-28", May1.AddHours(9), May1.AddHours(13), 7.25),
        ("c1", "P9", May1.AddHours(9.25), May1.AddHours(11), 3),
        ("d1", "CA-303", May1.AddHours(24 + 14), May1.AddHours(24 + 15), 4.5),
    ];

    [Fact]
    public void The_APIs_document_is_read_with_sessions_mapped_by_id_by_map_and_to_the_first_free_point()
    {
        var scenario = AcnSite.Load(Mapped, "sessions.json", "{\"_meta\": {\"max_results\": 4, \"total\": 4},\n\"_items\": [\n" + Items + "\n], \"_links\": {\"self\": {\"href\": \"sessions\"}}}");

        Assert.Equal(Delivered, Sessions(scenario));
        Assert.All(scenario.Site.Vehicles, v => Assert.Equal((VehicleModel.Ideal, 32.0, 1), (v.Model, v.MaxCurrent.Value, v.Phases)));
        Assert.Empty(scenario.Notes);
    }

    [Fact]
    public void A_plain_list_of_sessions_is_read_as_the_APIs_document()
    {
        Assert.Equal(Delivered, Sessions(AcnSite.Load(Mapped, "sessions.json", "[\n" + Items + "\n]")));
    }

    [Fact]
    public void A_CSV_export_of_the_same_fields_with_quoted_times_reads_as_the_JSON()
    {
        const string Csv = """
            _id,sessionID,spaceID,stationID,connectionTime,disconnectTime,doneChargingTime,kWhDelivered,kWhRequested,minutesAvailable,userID
            60a3,a1,CA-303,2-39-1,"Sat, 01 May 2021 08:00:00 GMT","Sat, 01 May 2021 12:30:00 GMT",,10.5,20,120,000000915
            60a4,b1,CA-999,2-39-139-28,"Sat, 01 May 2021 02:00:00 PDT","Sat, 01 May 2021 06:00:00 -0700","Sat, 01 May 2021 05:00:00 -0700",7.25,,,
            60a5,c1,X1,X-1,"Sat, 01 May 2021 09:15:00 GMT","Sat, 01 May 2021 11:00:00 GMT",,3,,,
            60a6,d1,Y1,Y-1,2021-05-02T14:00:00Z,2021-05-02T15:00:00Z,,4.5,,,
            """;

        Assert.Equal(Delivered, Sessions(AcnSite.Load(Mapped.Replace("sessions.json", "sessions.csv", StringComparison.Ordinal), "sessions.csv", Csv)));
    }

    [Fact]
    public void The_requested_energy_and_announced_stay_are_options_and_the_last_user_input_stands()
    {
        var scenario = AcnSite.Load(Mapped + "    energy: kWhRequested\n    departure: minutesAvailable\n", "sessions.json", "[\n" + Items + "\n]");

        // a1: its last input asks 20 kWh for 120 min: 08:00 + 2 h = 10:00. The others gave no input: delivered, unplugged.
        Assert.Equal(
            [
                ("a1", "CA-303", May1.AddHours(8), May1.AddHours(10), 20.0),
                Delivered[1],
                Delivered[2],
                Delivered[3],
            ],
            Sessions(scenario));
    }

    [Fact]
    public void The_file_alone_may_be_given_and_the_original_ids_are_the_session_ids()
    {
        const string One = """[{"sessionID": "2_39_81_4550_2021-05-01 20:42:39.133163", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 20:42:47 GMT", "disconnectTime": "Sat, 01 May 2021 21:32:12 GMT", "kWhDelivered": 30.936}]""";

        var vehicle = Assert.Single(AcnSite.Load("  acnData: s.json\n", "s.json", One).Site.Vehicles);

        Assert.Equal(("2_39_81_4550_2021-05-01 20:42:39.133163", "CA-303", 30.936), (vehicle.Id, vehicle.ChargePointId, vehicle.EnergyWantedKWh));
    }

    [Fact]
    public void A_session_logged_as_still_plugged_in_when_the_next_arrives_ends_at_that_arrival_and_a_note_says_so()
    {
        // e1 unplugs at 10:00:23, e2 plugs in at 10:00:00 on the same space: 23 s of overlap.
        const string Json = """
            [{"sessionID": "e1", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 10:00:23 GMT", "kWhDelivered": 5},
             {"sessionID": "e2", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 10:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 11:00:00 GMT", "kWhDelivered": 5}]
            """;

        var scenario = AcnSite.Load("  acnData: s.json\n", "s.json", Json);

        Assert.Equal([May1.AddHours(10), May1.AddHours(11)], scenario.Site.Vehicles.Select(v => v.Departure));
        var note = Assert.Single(scenario.Notes);
        Assert.EndsWith("s.json: a session still at its charge point when the next one arrived there ends at that arrival (a hand-over logged late): 1 of 2, the longest overlap 23 s (session 'e1')", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sessions_arriving_at_once_on_one_point_are_an_error_at_the_second()
    {
        const string Json = """
            [{"sessionID": "e1", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 10:00:00 GMT", "kWhDelivered": 5},
            {"sessionID": "e2", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 11:00:00 GMT", "kWhDelivered": 5}]
            """;

        // Line 2: '{"sessionID": "e2", "spaceID": "CA-303", ' is 41 characters, '"connectionTime": ' 18 more: the value at 60.
        Assert.Equal([("s.json", 2L, 60L, "session 'e2' arrives at CA-303 at the same time as 'e1'")], AcnSite.Errors("  acnData: s.json\n", "s.json", Json));
    }

    [Fact]
    public void Sessions_arriving_outside_the_period_are_left_out_and_counted_in_a_note()
    {
        // The period is May 1 to May 4 (3 days): April 30 and May 4 00:00 are outside, May 3 23:59 is inside.
        const string Json = """
            [{"sessionID": "early", "spaceID": "CA-303", "connectionTime": "Fri, 30 Apr 2021 23:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 02:00:00 GMT", "kWhDelivered": 5},
             {"sessionID": "last", "spaceID": "CA-303", "connectionTime": "Mon, 03 May 2021 23:59:00 GMT", "disconnectTime": "Tue, 04 May 2021 02:00:00 GMT", "kWhDelivered": 5},
             {"sessionID": "late", "spaceID": "P9", "connectionTime": "Tue, 04 May 2021 00:00:00 GMT", "disconnectTime": "Tue, 04 May 2021 02:00:00 GMT", "kWhDelivered": 5}]
            """;

        var scenario = AcnSite.Load("  acnData: s.json\n", "s.json", Json);

        Assert.Equal(["last"], scenario.Site.Vehicles.Select(v => v.Id));
        Assert.EndsWith("s.json: sessions arriving outside the simulated period are left out: 2 of 3", Assert.Single(scenario.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_no_point_can_take_is_an_error()
    {
        // Three points, four unmatched sessions over the same hour: the fourth finds none free.
        var sessions = string.Join(",\n", Enumerable.Range(1, 4).Select(i => $$"""{"sessionID": "u{{i}}", "stationID": "Z", "connectionTime": "Sat, 01 May 2021 08:0{{i}}:00 GMT", "disconnectTime": "Sat, 01 May 2021 09:00:00 GMT", "kWhDelivered": 1}"""));

        var only = Assert.Single(AcnSite.Errors("  acnData: s.json\n", "s.json", "[\n" + sessions + "\n]"));
        Assert.Equal(("s.json", 5L, 1L), (only.File, only.Line, only.Column));
        Assert.StartsWith("session 'u4': no charge point is free at 2021-05-01 08:04:00Z", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmatched_session_avoids_a_point_a_later_matched_session_takes_during_its_stay()
    {
        // u1 (08:00-12:00) matches nothing; a1 takes CA-303 from 09:00: u1 goes to the next point, 2-39-139-28.
        const string Json = """
            [{"sessionID": "u1", "stationID": "Z", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 12:00:00 GMT", "kWhDelivered": 1},
             {"sessionID": "a1", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 09:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 10:00:00 GMT", "kWhDelivered": 1}]
            """;

        Assert.Equal([("u1", "2-39-139-28"), ("a1", "CA-303")], AcnSite.Load("  acnData: s.json\n", "s.json", Json).Site.Vehicles.Select(v => (v.Id, v.ChargePointId)));
    }

    [Fact]
    public void Every_bad_value_is_an_error_where_it_is_written()
    {
        const string Json = """
            [
            {"sessionID": "a", "connectionTime": "Sat, 01 May 2021 08:00:00 XYZ", "disconnectTime": "Sat, 01 May 2021 09:00:00 GMT", "kWhDelivered": 1},
            {"sessionID": "b", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 09:00:00 GMT"},
            {"sessionID": "c", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 09:00:00 GMT", "kWhDelivered": -1},
            {"sessionID": "d", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 07:00:00 GMT", "kWhDelivered": 1},
            {"sessionID": "e", "connectionTime": ["Sat"], "disconnectTime": "Sat, 01 May 2021 09:00:00 GMT", "kWhDelivered": 1}
            ]
            """;

        // '{"sessionID": "a", ' is 19 characters and '"connectionTime": ' 18: the time at 38. Line 4 adds the two times'
        // '"...": "<29>", ' (18 + 31 + 2 = 51 each) and '"kWhDelivered": ' (16): 19 + 51 + 51 + 16 = 137, the value at 138.
        // Line 5: the disconnect time at 19 + 51 + 18 + 1 = 89.
        Assert.Equal(
            [
                ("s.json", 2L, 38L, "connectionTime: 'Sat, 01 May 2021 08:00:00 XYZ': unknown time zone 'XYZ' (GMT, UTC, ±hhmm, or EST/EDT/CST/CDT/MST/MDT/PST/PDT)"),
                ("s.json", 3L, 1L, "the session has no kWhDelivered"),
                ("s.json", 4L, 138L, "kWhDelivered must be a number from 0 to 10000, not '-1'"),
                ("s.json", 5L, 89L, "disconnectTime must be after connectionTime"),
                ("s.json", 6L, 38L, "connectionTime must be a text or a number"),
            ],
            AcnSite.Errors("  acnData: s.json\n", "s.json", Json));
    }

    [Fact]
    public void Broken_JSON_is_an_error_at_the_place_it_breaks()
    {
        // '[{"connectionTime": ' is 20 characters: the '}' that cannot start a value is at column 21.
        var only = Assert.Single(AcnSite.Errors("  acnData: s.json\n", "s.json", "[{\"connectionTime\": }]"));
        Assert.Equal(("s.json", 1L, 21L), (only.File, only.Line, only.Column));
        Assert.StartsWith("not valid JSON: ", only.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"_meta\": {}}", "an object without a list \"_items\"")]
    [InlineData("42", "expected a list of ACN-Data sessions")]
    [InlineData("", "the file holds no JSON")]
    public void A_document_that_holds_no_sessions_is_an_error(string json, string problem)
    {
        var only = Assert.Single(AcnSite.Errors("  acnData: s.json\n", "s.json", json));
        Assert.StartsWith(problem, only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSV_export_needs_a_header_with_the_required_fields()
    {
        var errors = AcnSite.Errors("  acnData: s.csv\n", "s.csv", "sessionID,connectionTime,kWhDelivered,KWHDELIVERED\n");

        // "sessionID,connectionTime,kWhDelivered," is 38 characters: the repeated name (any case) at 39.
        Assert.Equal(
            [
                ("s.csv", 1L, 1L, "the header has no column 'disconnectTime' (an ACN-Data session needs connectionTime, disconnectTime, kWhDelivered)"),
                ("s.csv", 1L, 39L, "column 'kWhDelivered' appears twice"),
            ],
            errors);
    }

    [Fact]
    public void A_battery_that_cannot_hold_the_energy_is_an_error_and_the_options_are_checked()
    {
        const string Json = """[{"sessionID": "big", "spaceID": "CA-303", "connectionTime": "Sat, 01 May 2021 08:00:00 GMT", "disconnectTime": "Sat, 01 May 2021 18:00:00 GMT", "kWhDelivered": 50}]""";

        // A 60 kWh battery at 0.2 has room for 60 x 0.8 = 48 kWh.
        var battery = Assert.Single(AcnSite.Errors("  acnData: s.json\n", "s.json", Json, AcnSite.Header.Replace("model: ideal", "model: battery", StringComparison.Ordinal)));
        Assert.Equal(("s.json", 1L, 2L), (battery.File, battery.Line, battery.Column));
        Assert.StartsWith("session 'big': kWhDelivered 50 is more than the battery can take: batteryKWh 60 x (1 - initialSoc 0.2) = 48 kWh", battery.Problem, StringComparison.Ordinal);

        // Line 13 "  acnData:", 14 "    file: s.json", 15 "    energy: all" (value at 13), 16 "    map: {X-1: Q}" (value at 16).
        Assert.Equal(
            [
                ("site.yaml", 15L, 13L, "vehicles acnData energy must be kWhDelivered or kWhRequested, not 'all'"),
                ("site.yaml", 16L, 16L, "vehicles acnData map: there is no charge point 'Q'"),
            ],
            AcnSite.Errors("  acnData:\n    file: s.json\n    energy: all\n    map: {X-1: Q}\n", "s.json", Json));
    }

    private static (string, string, DateTimeOffset, DateTimeOffset, double)[] Sessions(Amtron.Site.Scenarios.Scenario scenario) =>
        [.. scenario.Site.Vehicles.Select(v => (v.Id, v.ChargePointId, v.Arrival, v.Departure, v.EnergyWantedKWh))];
}
