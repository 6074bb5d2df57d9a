using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A session wanting more than its battery can take, batteryKWh × (1 − initialSoc), is refused where it is written.</summary>
public sealed class BatteryRoomTests : IDisposable
{
    private const string Site = TwoPointSite.Header;

    private readonly string _work = Directory.CreateTempSubdirectory("amtron-battery-room-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_listed_session_above_the_room_is_refused_at_its_energy()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("  sessions:\n    - {id: v, chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 80}\n"));

        // Line 10; "    - {" (7) "id: v, " (7) "chargePoint: P, " (16) "arrival: 1h, " (13) "departure: 5h, " (15)
        // "energyKWh: " (11) is 69 characters, so the value is at column 70. Room: 60 × (1 − 0.2) = 48 kWh.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((10L, 70L), (only.Line, only.Column));
        Assert.Equal("energyKWh 80 is more than the battery can take: batteryKWh 60 x (1 - initialSoc 0.2) = 48 kWh", only.Problem);
    }

    [Theory]
    // 60 × (1 − 0.2) = 48.
    [InlineData(60, 0.2, 48)]
    // 60 × (1 − 0.9) = 6, which binary floating point makes 5.999999999999998: the tolerance lets it pass.
    [InlineData(60, 0.9, 6)]
    // 77 × (1 − 0.4) = 46.2, in binary 46.199999999999996.
    [InlineData(77, 0.4, 46.2)]
    public void Exactly_the_room_is_accepted(double battery, double soc, double energy)
    {
        var text = FormattableString.Invariant($"  sessions:\n    - {{chargePoint: P, arrival: 1h, departure: 5h, batteryKWh: {battery}, initialSoc: {soc}, energyKWh: {energy}}}\n");
        Assert.Equal(energy, Assert.Single(Parse(text).Site.Vehicles).EnergyWantedKWh);
    }

    [Fact]
    public void A_target_state_of_charge_never_wants_more_than_the_room()
    {
        var vehicles = Parse("  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, initialSoc: 0.5, targetSoc: 1}\n    - {chargePoint: Q, arrival: 1h, departure: 5h, initialSoc: 0.5, targetSoc: 0.3}\n").Site.Vehicles;

        // (1 − 0.5) × 60 = 30, the whole room; a target below the state of charge at arrival wants nothing.
        Assert.Equal([30.0, 0.0], vehicles.Select(v => v.EnergyWantedKWh));
    }

    [Fact]
    public void A_session_that_shrinks_the_battery_under_the_defaults_energy_is_refused_at_its_battery()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("  defaults: {energyKWh: 40}\n  sessions:\n    - {id: v, chargePoint: P, arrival: 1h, departure: 5h, batteryKWh: 40}\n"));

        // Line 11; 7 + 7 + 16 + 13 + 15 characters as above and "batteryKWh: " (12) are 70: the value at column 71.
        // Room: 40 × (1 − 0.2) = 32 kWh, below the defaults' 40.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((11L, 71L), (only.Line, only.Column));
        Assert.Equal("energyKWh 40 of the vehicle defaults is more than the battery can take: batteryKWh 40 x (1 - initialSoc 0.2) = 32 kWh", only.Problem);
    }

    [Fact]
    public void Defaults_above_the_room_are_one_error_at_the_defaults_not_one_per_session()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("  defaults: {energyKWh: 50}\n  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h}\n    - {chargePoint: Q, arrival: 1h, departure: 5h, initialSoc: 0.5}\n"));

        // Line 9 "  defaults: {energyKWh: 50}": "  defaults: {" (13) and "energyKWh: " (11), the value at column 25.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((9L, 25L), (only.Line, only.Column));
        Assert.StartsWith("energyKWh 50 is more than the battery can take", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_that_cannot_be_read_give_no_second_error_about_the_room()
    {
        // The unreadable battery stands in as 1 kWh: checked, the session's 80 kWh and the row's 40 would be too much.
        var yaml = "\n  defaults: {batteryKWh: big}\n  csv: sessions.csv\n  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 80, initialSoc: 0.5}\n";
        var error = Assert.Throws<ScenarioException>(() => Load(yaml, "1h,5h,40,16,3,Q\n"));
        Assert.Equal("batteryKWh must be a number, not 'big'", Assert.Single(error.Diagnostics).Problem);
    }

    [Fact]
    public void A_state_of_charge_that_cannot_be_read_gives_no_second_error_about_the_room()
    {
        // The unreadable initialSoc stands in as 0: checked, 80 kWh would be too much for 60 × (1 − 0) = 60 kWh.
        var error = Assert.Throws<ScenarioException>(() => Parse("  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 80, initialSoc: none}\n"));
        Assert.Equal("initialSoc must be a number, not 'none'", Assert.Single(error.Diagnostics).Problem);
    }

    [Fact]
    public void A_csv_row_above_the_room_is_refused_at_its_kwh_cell()
    {
        var error = Assert.Throws<ScenarioException>(() => Load(" {csv: sessions.csv}\n", "arrival,departure,kWh,maxA,phases\n1h,5h,48,16,3\n6h,9h,48.5,16,3\n"));

        // Line 3 "6h,9h,48.5,16,3": kWh after "6h,9h," (6 characters), column 7; the row on line 2 is exactly the room.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((Path.Combine(_work, "sessions.csv"), 3L, 7L), (only.File, only.Line, only.Column));
        Assert.Equal("kWh 48.5 is more than the battery can take: batteryKWh 60 x (1 - initialSoc 0.2) = 48 kWh (batteryKWh and initialSoc of the vehicle defaults)", only.Problem);
    }

    [Fact]
    public void Every_session_above_the_room_is_reported_in_one_run()
    {
        var yaml = "\n  defaults: {batteryKWh: 50}\n  csv: sessions.csv\n  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 45}\n    - {chargePoint: P, arrival: 6h, departure: 9h, energyKWh: 40}\n";
        var csv = "arrival,departure,kWh,maxA,phases,chargePoint\n1h,5h,41,16,3,Q\n9h,7h,50,16,3,Q\n6h,8h,40,16,3,Q\n";
        var error = Assert.Throws<ScenarioException>(() => Load(yaml, csv));

        // Room: 50 × (1 − 0.2) = 40 kWh, so 45, 41 and 50 are too much and the two 40s fit.
        var file = Path.Combine(_work, "sessions.csv");
        Assert.Equal(
            [
                // Line 12 (defaults on 9, csv on 10, sessions on 11); "    - {" (7) "chargePoint: P, " (16)
                // "arrival: 1h, " (13) "departure: 5h, " (15) "energyKWh: " (11) are 62 characters.
                (Path.Combine(_work, "site.yaml"), 12L, 63L, "energyKWh 45"),
                // "1h,5h," is 6 characters: kWh at column 7.
                (file, 2L, 7L, "kWh 41"),
                // One row, two problems: departure after "9h," (column 4), kWh at column 7.
                (file, 3L, 4L, "departure must be after arrival"),
                (file, 3L, 7L, "kWh 50"),
            ],
            error.Diagnostics.Select(d => (d.File, d.Line, d.Column, d.Problem.Split(" is more", 2)[0])));
    }

    private static Scenario Parse(string vehicles) => ScenarioLoader.Parse(Site + "\n" + vehicles, "room.yaml");

    private Scenario Load(string vehicles, string csv)
    {
        File.WriteAllText(Path.Combine(_work, "sessions.csv"), csv);
        var path = Path.Combine(_work, "site.yaml");
        File.WriteAllText(path, Site + vehicles);
        return ScenarioLoader.Load(path);
    }
}
