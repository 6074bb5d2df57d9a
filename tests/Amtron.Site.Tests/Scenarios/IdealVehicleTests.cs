using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary><c>model: ideal</c>: no battery, no taper, follows at once, never sleeps; what a battery has is refused beside it.</summary>
public sealed class IdealVehicleTests
{
    private const string Site = TwoPointSite.Header;

    [Fact]
    public void An_ideal_vehicle_follows_at_once_never_sleeps_and_takes_more_than_a_default_battery_holds()
    {
        // 80 kWh: more than the default battery's room (48 kWh), refused for a battery, taken by an ideal vehicle.
        var vehicle = Assert.Single(Parse("  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 80, model: ideal}\n").Site.Vehicles);

        Assert.Equal((VehicleModel.Ideal, TimeSpan.Zero, (TimeSpan?)null), (vehicle.Model, vehicle.ReactionDelay, vehicle.SleepAfter));
        Assert.Equal(80, vehicle.EnergyWantedKWh);
        Assert.Equal(double.PositiveInfinity, vehicle.BatteryRoomKWh);
    }

    [Fact]
    public void Sessions_take_the_model_of_the_defaults_and_may_go_back_to_a_battery_with_its_own_defaults()
    {
        var vehicles = Parse("  defaults: {model: ideal}\n  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, energyKWh: 10}\n    - {chargePoint: Q, arrival: 1h, departure: 5h, energyKWh: 10, model: battery}\n").Site.Vehicles;

        Assert.Equal(VehicleModel.Ideal, vehicles[0].Model);
        // Back to a battery: its reaction delay (3 s) and sleep (30 min) as a session without a model has them.
        Assert.Equal((VehicleModel.Battery, TimeSpan.FromSeconds(3), (TimeSpan?)TimeSpan.FromMinutes(30)), (vehicles[1].Model, vehicles[1].ReactionDelay, vehicles[1].SleepAfter));
    }

    [Fact]
    public void What_only_a_battery_has_is_refused_beside_an_ideal_model_each_where_it_is_written()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("  defaults: {model: ideal}\n  sessions:\n    - {chargePoint: P, arrival: 1h, departure: 5h, taperAboveSoc: 0.8, sleepAfter: 10m}\n    - {chargePoint: Q, arrival: 1h, departure: 5h, model: fast}\n"));

        // Line 11: "    - {" (7) "chargePoint: P, " (16) "arrival: 1h, " (13) "departure: 5h, " (15) "taperAboveSoc: " (15)
        // is 66 characters (value at 67); then "0.8, " (5) "sleepAfter: " (12): value at 84. Line 12: "model: " ends at 58.
        Assert.Equal(
            [
                (11L, 67L, "session 1: taperAboveSoc does not apply to model: ideal (no battery, no taper, follows at once, never sleeps)"),
                (11L, 84L, "session 1: sleepAfter does not apply to model: ideal (no battery, no taper, follows at once, never sleeps)"),
                (12L, 59L, "model must be battery or ideal, not 'fast'"),
            ],
            error.Diagnostics.Select(d => (d.Line, d.Column, d.Problem)));
    }

    private static Scenario Parse(string vehicles) => ScenarioLoader.Parse(Site + "\n" + vehicles, "ideal.yaml");
}
