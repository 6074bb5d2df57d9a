using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// New setpoints that change no draw (each vehicle held by its own on-board charger: a cap set at its draw, a probe it
/// cannot take) still open the network's transient window and still ask for the decision one period later; a draw
/// change, which would do both by itself, never comes. Worked by hand: 230 V, 30 s samples, 5 s reaction allowance,
/// reactions of 3 s, so a network's window is 30 + 5 + 3 = 38 s.
/// </summary>
public sealed class SetpointsWithoutDrawChangeTests
{
    private static SimulationResult Run(string yaml) => new SiteSimulation(ScenarioLoader.Parse(yaml, "setpoints.yaml").Site).Run();

    [Fact]
    public void Caps_set_at_the_draws_during_a_steady_excursion_open_a_transient_window()
    {
        // A 16 A main fuse the master does not know of; its line is 63 A. Y1 and Y2 (10 A chargers at 25 A points)
        // arrive at 0 s:
        //   0 s: 25 A each (window to 38 s); followed at 3 s, 10 A each: 20 A on each phase, 4 A above the fuse from
        //   3 s to the end (200 s); the draw changes keep the window open to 3 + 38 = 41 s.
        //   30 s: both judged (10 A drawn of 25 A): capped at their draws, 10 A each. Two new setpoints, no draw
        //   changes: the window runs to 30 + 38 = 68 s. Settled; the next probe is at 330 s, after the end.
        // Transient: [3, 68); steady: [68, 200) = 132 s.
        var result = Run("""
            name: caps during a steady excursion
            start: 2026-06-01T00:00:00Z
            duration: 200s
            grid: {mainFuse: 16}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 25}, {id: CP2, installationCurrentLimit: 25}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, energyKWh: 50, maxCurrent: 10, reactionDelay: 3s}
              sessions:
                - {id: Y1, chargePoint: CP1, arrival: 0s, departure: 1h}
                - {id: Y2, chargePoint: CP2, arrival: 0s, departure: 1h}
            """);
        Assert.Equal(
            new LimitExcursion("mainFuse", false, new DateTimeOffset(2026, 6, 1, 0, 0, 3, TimeSpan.Zero), TimeSpan.FromSeconds(197), Amps.From(4), 4 * 197),
            Assert.Single(result.LimitExcursions));
        Assert.Equal(132, result.LimitViolationSteadySeconds, 9);
    }

    [Fact]
    public void A_probe_the_vehicle_cannot_take_is_judged_one_period_later_not_at_the_next_meter_poll()
    {
        // Y (10 A charger) at a 32 A point; an excluding meter polled every 300 s, no house load; the Operator limit
        // drops from 63 to 40 A at 320 s (the master sees its meter's reading again only at the next poll). Decisions:
        //   0 s: 32 A; not settled, so look again at 30 s (its draw of 10 A from 3 s asks for 30 s too).
        //   30 s: 10 A drawn of 32 A: capped at 10 A, next probe at 30 + 300 = 330 s. Settled, but a new signal is
        //   judged once the 5 s reaction allowance has passed: at the boundary after 35 s, 60 s.
        //   60 s: 10 A drawn of 10 A: nothing changes. Next at the probe.
        //   330 s (the limit change at 320 s asks for it too): the probe, 10 + 4 = 14 A (of 40), which Y cannot
        //   take: no draw changes. Not settled: look again at 360 s. The poll of 300 s predates the change: the
        //   next poll, 600 s, is due a decision too; the earlier one stays.
        //   360 s: the probe not taken: capped at 10 A again, the next probe 600 s later (960 s); judged at 390 s.
        //   390 s: nothing changes. 600 s: the poll after the change; nothing changes. Nothing more by the end (900 s).
        // Decisions at 0, 30, 60, 330, 360, 390 and 600 s.
        var result = Run("""
            name: probe not taken
            start: 2026-06-01T00:00:00Z
            duration: 15m
            meter: {pollInterval: 300s}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}
                operatorLimitChanges: [{at: 320s, limit: 40}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: Y, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 50, maxCurrent: 10, reactionDelay: 3s}
            """);
        Assert.Equal(7, result.Decisions);
    }
}
