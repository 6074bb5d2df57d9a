using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A paused vehicle that falls asleep asks for nothing: from then on it is short of nothing, and a signal another
/// vehicle does not use is withheld from nobody. Worked by hand: 230 V, a three-phase vehicle draws 690 W per amp.
/// </summary>
public sealed class AsleepVehicleWithheldTests
{
    [Fact]
    public void A_paused_vehicle_stops_counting_as_short_when_it_falls_asleep()
    {
        // A 6 A line. A (97 % of 100 kWh, taper above 80 %) arrives at 0 s and gets the whole 6 A, followed at 3 s:
        // floor(32 x 0.03 / 0.2) = 4 A drawn, 2 A unused. C (32 A charger) arrives at 1 s and waits at 0 A until the
        // next decision (30 s, after the end at 25 s): 32 A short. It falls asleep 10 s after its arrival, at 11 s,
        // and asks for nothing more. Withheld on each of the three phases: min(2, 32) = 2 A over [3, 11):
        // 230 V x 3 x 2 A x 8 s = 11 040 W s.
        var result = new SiteSimulation(ScenarioLoader.Parse("""
            name: paused vehicle asleep
            start: 2026-06-01T00:00:00Z
            duration: 25s
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 6}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, reactionDelay: 3s, maxCurrent: 32}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, initialSoc: 0.97, taperAboveSoc: 0.8, energyKWh: 2}
                - {id: C, chargePoint: CP2, arrival: 1s, departure: 1h, initialSoc: 0, energyKWh: 50, sleepAfter: 10s}
            """, "asleep.yaml").Site).Run();
        Assert.Equal(11040.0 / 3600 / 1000, result.EnergyWithheldKWh, 1e-12);
        Assert.Equal(690.0 * 4 * 22 / 3600 / 1000, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh, 1e-12);
    }
}
