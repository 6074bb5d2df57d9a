using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>Every mistake in a scenario and its CSV files is reported in one run, once, sorted.</summary>
public sealed class ScenarioDiagnosticsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-diagnostics-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Five_independent_mistakes_in_five_sections_give_exactly_five_sorted_lines()
    {
        // Written out of order on purpose: the report is sorted by line, then column.
        var text = ScenarioLoaderTests.Valid
            .Replace("- limitViolationSeconds == 0", "- limitViolationSeconds = 0", StringComparison.Ordinal)
            .Replace("departure: 5h, energyKWh: 10}", "departure: 5h, energyKWh: lots}", StringComparison.Ordinal)
            .Replace("role: slaveFixedIp", "role: boss", StringComparison.Ordinal)
            .Replace("{name: base, constant: [3, 2, 1]}", "{name: base, constant: [3, 2]}", StringComparison.Ordinal)
            .Replace("duration: 1d", "duration: 1 day", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));

        var lines = error.Message.Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal(5, error.Diagnostics.Count);
        // Line 4 "duration: 1 day": the value after "duration: " (10 characters), column 11.
        Assert.Equal("bad.yaml:4:11: duration must be a positive duration such as 30s, 15m, 2h, 1d or 1h30m, not '1 day'", lines[0]);
        // Line 7 "  - {name: base, constant: [3, 2]}": 2 spaces, "- ", "{" (5), "name: base, " (6-17), "constant: " (18-27), "[" at 28.
        Assert.Equal("bad.yaml:7:28: external load 'base' constant must have 3 values [L1, L2, L3], not 2", lines[1]);
        // Line 31 "        role: boss": 8 spaces and "role: " (6), column 15. CS2's outage and the master count are not
        // checked against a role that could not be read.
        Assert.Equal("bad.yaml:31:15: role must be masterWithInternalSlave, masterStandalone, slaveAutoDiscovery or slaveFixedIp, not 'boss'", lines[2]);
        // Line 38 "    - {chargePoint: CP1, arrival: 1h, departure: 5h, energyKWh: lots}": "{" at 7, then 18 + 13 + 15 + 11
        // characters of the other fields and "energyKWh: ", so the value at 7 + 1 + 57 = 65.
        Assert.Equal("bad.yaml:38:65: energyKWh must be a number, not 'lots'", lines[3]);
        // Line 41 "  - limitViolationSeconds = 0": the item after "  - ", column 5.
        Assert.StartsWith("bad.yaml:41:5: 'limitViolationSeconds = 0' is not 'metric op number'", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void A_charge_point_whose_id_cannot_be_read_does_not_make_its_sessions_errors_too()
    {
        var text = ScenarioLoaderTests.Valid.Replace("{id: CP3, installationCurrentLimit: 16", "{id: \"\", installationCurrentLimit: 16", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Equal("charge point id must be a non-empty text", Assert.Single(error.Diagnostics).Problem);
    }

    [Theory]
    [InlineData("9999", null)]
    [InlineData("10000", "installationCurrentLimit must be between 0 and 9999, not 10000")]
    [InlineData("20000", "installationCurrentLimit must be between 0 and 9999, not 20000")]
    public void An_installation_current_limit_has_the_range_of_every_setting_as_allocate_has_it(string amps, string? problem)
    {
        var text = ScenarioLoaderTests.Valid.Replace("{id: CP1, installationCurrentLimit: 32}", $"{{id: CP1, installationCurrentLimit: {amps}}}", StringComparison.Ordinal);
        if (problem is null)
        {
            Assert.Equal(9999, ScenarioLoader.Parse(text, "ok.yaml").Site.Networks[0].Stations.SelectMany(s => s.ChargePoints).First(c => c.Id == "CP1").InstallationCurrentLimit.FloorWholeAmps);
            return;
        }

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Equal(problem, Assert.Single(error.Diagnostics).Problem);
    }

    [Fact]
    public void A_range_is_written_in_digits_never_in_exponent_form()
    {
        var text = ScenarioLoaderTests.Valid.Replace("seed: 5", "seed: -5", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        var problem = Assert.Single(error.Diagnostics).Problem;
        Assert.StartsWith("seed must be between 0 and 92233720368547", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("E+", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_external_loads_of_one_name_are_refused_at_the_second()
    {
        // The results name a load by its name, and two households named alike would draw one random stream.
        var text = ScenarioLoaderTests.Valid.Replace("  - name: cooking", "  - name: base", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Equal("external load name 'base' is used twice", Assert.Single(error.Diagnostics).Problem);
        // Line 8 of the scenario, "  - name: base": the name at column 11.
        Assert.Equal((8L, 11L), (error.Line, error.Column));
    }

    [Fact]
    public void Several_missing_keys_of_one_mapping_are_each_reported_at_it()
    {
        var text = ScenarioLoaderTests.Valid.Replace("{id: CP1, installationCurrentLimit: 32}", "{phaseRotation: [L1]}", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Equal(["a charge point needs 'id'", "a charge point needs 'installationCurrentLimit'"], error.Diagnostics.Select(d => d.Problem).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_session_csv_reports_every_bad_row_at_its_own_cell()
    {
        File.WriteAllText(Path.Combine(_work, "sessions.csv"), string.Join('\n',
            "arrival,departure,kWh,maxA,phases,chargePoint",
            "1h,4h,40,16,3,CP1",
            "1h,4h,40,16,4",
            "# a comment line, then a blank one",
            string.Empty,
            "5h,2h,10,16,3,CP1",
            "6h,7h,ten,16,3 # a trailing comment",
            "1h,4h,40",
            "8h,9h,10,16,3,CP9"));
        var path = Path.Combine(_work, "scenario.yaml");
        File.WriteAllText(path, Site("vehicles: {csv: sessions.csv}"));
        var csv = Path.Combine(_work, "sessions.csv");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal(
            [
                // "1h,4h,40,16,4": the phase count is the 5th cell, after "1h,4h,40,16," (12 characters): column 13,
                // although a '4' already stands in column 4.
                $"{csv}:3:13: phases must be a number from 1 to 3, not '4'",
                // "5h,2h,...": departure, the 2nd cell, after "5h," (3 characters).
                $"{csv}:6:4: departure must be after arrival",
                // "6h,7h,ten,...": kWh after "6h,7h," (6 characters).
                $"{csv}:7:7: kWh must be a number from 0 to 10000, not 'ten'",
                // "1h,4h,40": 3 cells; the missing 4th would start after "1h,4h,40" (8 characters).
                $"{csv}:8:9: expected the columns arrival,departure,kWh,maxA,phases[,chargePoint], found 3",
                // "8h,9h,10,16,3,": the charge point after 14 characters, column 15.
                $"{csv}:9:15: session 'S6': there is no charge point 'CP9'",
            ],
            error.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_load_csv_reports_the_cell_even_when_its_text_came_earlier_in_the_row()
    {
        File.WriteAllText(Path.Combine(_work, "load.csv"), "time,I1,I2,I3\n0h,1,2,3\n1h,1,1h,1\n2h,4,4,-4\n0h,5,5,5\n");
        var path = Path.Combine(_work, "scenario.yaml");
        File.WriteAllText(path, Site("externalLoads: [{name: house, csv: load.csv}]"));
        var csv = Path.Combine(_work, "load.csv");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal(
            [
                // "1h,1,1h,1": I2 is the 3rd cell, after "1h,1," (5 characters); "1h" also starts the row.
                $"{csv}:3:6: I2 must be a number from 0 to 1000000, not '1h'",
                // "2h,4,4,-4": I3 after "2h,4,4," (7 characters).
                $"{csv}:4:8: I3 must be a number from 0 to 1000000, not '-4'",
                $"{csv}:5:1: time 2026-06-01 00:00:00Z is not after the previous row's (2026-06-01 00:00:00Z, line 2)",
            ],
            error.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Load_csv_rows_out_of_time_order_are_an_error_as_for_meter_serve_profiles()
    {
        File.WriteAllText(Path.Combine(_work, "load.csv"), "0s,1,1,1\n60s,2,2,2\n30s,3,3,3\n");
        var path = Path.Combine(_work, "scenario.yaml");
        File.WriteAllText(path, Site("externalLoads: [{name: house, csv: load.csv}]"));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal(
            $"{Path.Combine(_work, "load.csv")}:3:1: time 2026-06-01 00:00:30Z is not after the previous row's (2026-06-01 00:01:00Z, line 2)",
            Assert.Single(error.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("externalLoads: [{name: house, csv: DATA}]")]
    [InlineData("vehicles: {csv: DATA}")]
    public void A_device_a_directory_or_a_file_without_lines_is_refused_in_one_line_not_read_forever(string key)
    {
        // /dev/zero never ends and has no line break: refused once a line passes 64 KB (not after filling memory).
        File.WriteAllBytes(Path.Combine(_work, "blob.csv"), new byte[(64 << 10) + 1]);
        Directory.CreateDirectory(Path.Combine(_work, "folder.csv"));
        var cases = new[] { ("/dev/zero", "a line is longer than 64 KB: not a file of data rows"), ("blob.csv", "a line is longer than 64 KB: not a file of data rows"), ("folder.csv", "it is a directory, not a data file") };
        foreach (var (data, why) in cases)
        {
            if (data.StartsWith('/') && !File.Exists(data))
            {
                continue;
            }

            var path = Path.Combine(_work, "scenario.yaml");
            File.WriteAllText(path, Site(key.Replace("DATA", data, StringComparison.Ordinal)));
            var only = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)).Diagnostics);
            Assert.Equal($"cannot read '{data}': {why}", only.Problem);
        }
    }

    [Fact]
    public void A_data_file_that_cannot_be_read_is_one_line_at_the_key_that_names_it()
    {
        var path = Path.Combine(_work, "scenario.yaml");
        File.WriteAllText(path, Site("vehicles: {csv: missing.csv}"));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((path, 5L, 17L), (only.File, only.Line, only.Column));
        Assert.StartsWith("cannot read 'missing.csv'", only.Problem, StringComparison.Ordinal);
    }

    /// <summary>A day from 2026-06-01 with CP1 (3 phases) and CP2; <paramref name="extra"/> is line 5.</summary>
    internal static string Site(string extra) =>
        "name: csv\nstart: 2026-06-01T00:00:00Z\nduration: 1d\n" +
        "networks: [{id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: S, role: masterStandalone, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}]}]}]\n" +
        extra + "\n";
}
