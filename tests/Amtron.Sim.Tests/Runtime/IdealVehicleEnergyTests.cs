using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// <c>model: ideal</c> draws its limit from the first decision to the energy it wants: no reaction delay, no taper, no
/// battery. Energies worked by hand (phase voltage x current x phases x time), compared to 1e-9 relative.
/// </summary>
public sealed class IdealVehicleEnergyTests
{
    private const double Relative = 1e-9;

    [Fact]
    public void It_draws_from_the_first_decision_to_its_departure()
    {
        // Signalled 16 A at 0 s and followed at once: 16 A on 3 phases at 230 V from 0 to 2 700 s:
        // 230 x 16 x 3 x 2 700 / 3 600 = 8 280 Wh (a battery with a 3 s delay gets 2 697 s of it). 90 kWh wanted, more
        // than a battery of the defaults could take: an ideal vehicle has no battery.
        var session = Assert.Single(Run("departure: 45m, energyKWh: 90").Sessions);
        Assert.Equal(8.28, session.EnergyDeliveredKWh, 8.28 * Relative);
        Assert.Equal(TimeSpan.Zero, session.Waited);
        Assert.False(session.FullySatisfied);
    }

    [Fact]
    public void It_takes_its_last_kilowatt_hours_at_full_current_with_no_taper_and_no_battery()
    {
        // 55.2 kWh at 230 x 16 x 3 = 11 040 W is exactly 5 h: full at 5 h, all of it at 16 A. A battery of the defaults
        // (60 kWh at 20 %) could take 48 kWh and would taper above 80 % (from 36 kWh on). A second vehicle plugging in at
        // 4 h makes the master decide again: A's limit, read then, is still its 16 A (B's 16 A fits the 63 A line too).
        var result = Run("departure: 5h10m, energyKWh: 55.2", second: "{id: B, chargePoint: CP2, arrival: 4h, departure: 5h, maxCurrent: 16, model: ideal, energyKWh: 5.52}");
        var session = result.Sessions.Single(s => s.Id == "A");
        Assert.Equal(55.2, session.EnergyDeliveredKWh, 55.2 * Relative);
        Assert.True(session.FullySatisfied);
        // A's 16 A and, from 4 h, B's 16 A on every phase: 32 A at most.
        Assert.Equal([Amps.From(32), Amps.From(32), Amps.From(32)], result.MaxPhaseCurrent);

        // The same energy in a battery that holds it (55.2 kWh from empty): its taper leaves it short at 5 h 10 min.
        var battery = Assert.Single(Run("departure: 5h10m, energyKWh: 55.2, batteryKWh: 55.2, initialSoc: 0", model: "battery").Sessions);
        Assert.False(battery.FullySatisfied);
    }

    [Fact]
    public void Past_its_specs_taper_point_an_ideal_vehicle_still_takes_its_whole_limit()
    {
        // Built in code at 90 % with a taper from 80 %: a battery's limit is floor(16 x (1 - 0.9) / (1 - 0.8)) = 8 A; an
        // ideal vehicle's stays 16 A.
        var spec = new VehicleSpec("V", "CP1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), 5) { MaxCurrent = Amps.From(16), InitialStateOfCharge = 0.9, TaperAboveStateOfCharge = 0.8 };
        var battery = new VehicleRuntime(spec, PhaseSet.ThreePhase, 230, 0);
        var ideal = new VehicleRuntime(spec with { Model = VehicleModel.Ideal }, PhaseSet.ThreePhase, 230, 0);
        battery.Follow(16);
        ideal.Follow(16);

        Assert.Equal((Amps.From(8), Amps.From(8)), (battery.WantedDraw(), battery.Ceiling()));
        Assert.Equal((Amps.From(16), Amps.From(16)), (ideal.WantedDraw(), ideal.Ceiling()));
    }

    private static SimulationResult Run(string session, string model = "ideal", string? second = null)
    {
        var yaml = FormattableString.Invariant($$"""
            name: one ideal vehicle
            start: 2026-06-01T00:00:00Z
            duration: 6h
            voltage: 230
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, maxCurrent: 16, model: {{model}}, {{session}}}
                {{(second is null ? string.Empty : "- " + second)}}
            """);
        return new SiteSimulation(ScenarioLoader.Parse(yaml, "ideal.yaml").Site).Run();
    }
}
