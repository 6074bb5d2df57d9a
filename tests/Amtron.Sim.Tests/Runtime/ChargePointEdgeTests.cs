using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Contactor cycles and withheld energy at their edges, worked by hand: a pause shorter than the vehicle's reaction,
/// a vehicle whose charger takes more than its point allows, a signal of exactly 6 A. A three-phase vehicle draws
/// 690 W per amp at 230 V.
/// </summary>
public sealed class ChargePointEdgeTests
{
    private const double Relative = 1e-9;

    private static SimulationResult Run(string yaml) => new SiteSimulation(ScenarioLoader.Parse(yaml, "point.yaml").Site).Run();

    private static void AssertKWh(double expected, double actual) => Assert.Equal(expected, actual, Math.Abs(expected) * Relative);

    [Theory]
    [InlineData(6, 1)]
    [InlineData(5, 2)]
    public void A_signal_of_exactly_6_A_keeps_charging_and_below_it_the_contactor_opens(int lowered, int cycles)
    {
        // One vehicle (3 s reaction) on a 32 A line; the Operator limit drops to LOWERED from 600 s to 1 200 s. At 6 A
        // (IEC 61851's minimum) it keeps charging: the contactor stays closed, 1 cycle, and it draws 32 A over
        // [3 s, 603 s), 6 A over [603 s, 1 203 s), 32 A over [1 203 s, 1 800 s): 690 W/A × (32·600 + 6·600 + 32·597) s
        // = 8 031.6 Wh. At 5 A the master pauses it (below 6 A nothing may be signalled): the contactor opens and
        // closes again at 1 200 s, 2 cycles, and it draws nothing over [603 s, 1 203 s).
        var result = Run($$"""
            name: six amps
            start: 2026-06-01T00:00:00Z
            duration: 30m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                operatorLimitChanges: [{at: 600s, limit: {{lowered}}}, {at: 1200s, limit: 32}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        Assert.Equal(cycles, result.ContactorCycles);
        AssertKWh(690.0 * ((32 * 600) + (lowered == 6 ? 6 * 600 : 0) + (32 * 597)) / 3600 / 1000, result.EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_never_given_6_A_never_closes_the_contactor()
    {
        // The Operator limit is 0 A all along: the vehicle waits in state B, the contactor never closes, nothing flows.
        var result = Run("""
            name: paused
            start: 2026-06-01T00:00:00Z
            duration: 30m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32, operatorEvseSubDistributionLimit: 0}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 60s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32}
            """);
        Assert.Equal(0, result.ContactorCycles);
        Assert.Equal(0, result.EnergyDeliveredKWh);
    }

    [Fact]
    public void Current_unused_on_one_phase_is_not_withheld_from_a_vehicle_short_on_another()
    {
        // A 16 A line. A (1-phase on L1, a 10 A charger) is given 16 A and draws 10: 6 A unused on L1. B (1-phase on L2
        // through the point's phase rotation, a 32 A charger) gets 16 A, the line's limit on L2, and is short. What A
        // leaves unused on L1 could never have gone to B on L2: nothing is withheld.
        var result = Run("""
            name: other phase
            start: 2026-06-01T00:00:00Z
            duration: 10m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 16}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32, phaseRotation: [L2, L3, L1]}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 10, phases: 1}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, phases: 1}
            """);
        Assert.Equal(0, result.EnergyWithheldKWh);
        Assert.True(result.EnergyDeliveredKWh > 0);
    }

    [Fact]
    public void The_contactor_follows_the_signal_at_once_even_when_the_vehicle_follows_later()
    {
        // 10 s samples; A follows a signal 45 s after it (the master judges a draw only 60 s after a new signal).
        // The Operator limit is 0 A from 600 s to 620 s: the decisions at 600 s and 620 s signal 0 and 32 A. The
        // contactor opens at the 0 A signal and closes again at the 32 A one: 2 cycles (0 s and 620 s), though A only
        // follows 0 A at 645 s and 32 A at 665 s. A draws 32 A over [45 s, 645 s) and [665 s, 3 600 s).
        var result = Run("""
            name: short pause
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                sampleRate: 10s
                reactionAllowance: 60s
                settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 32}
                operatorLimitChanges: [{at: 600s, limit: 0}, {at: 620s, limit: 32}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 45s}
            """);
        Assert.Equal(2, result.ContactorCycles);
        AssertKWh(690.0 * 32 * (600 + 2935) / 3600 / 1000, result.EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_at_its_points_limit_is_held_back_by_nobody_so_nothing_is_withheld()
    {
        // A 63 A line. A (10 A charger) at a 32 A point gets 32 A and draws 10: 22 A unused from 3 s until it is capped
        // at 30 s. B (32 A charger) at a 16 A point gets its point's 16 A: it could take no more there, so it is short
        // of nothing and nothing is withheld. B draws 16 A over [3 s, 300 s).
        var result = Run("""
            name: nobody held back
            start: 2026-06-01T00:00:00Z
            duration: 10m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 16}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, energyKWh: 50, reactionDelay: 3s}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 300s, maxCurrent: 10}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 300s, maxCurrent: 32}
            """);
        Assert.Equal(0, result.EnergyWithheldKWh);
        AssertKWh(690.0 * 16 * 297 / 3600 / 1000, result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh);
    }

    [Fact]
    public void A_followed_signal_of_exactly_6_A_that_is_not_drawn_is_withheld()
    {
        // A 12 A line shared by two: 6 A each from 0 s, followed at 3 s. A is at 97 % of 100 kWh with taper above 80 %:
        // floor(32 x 0.03 / 0.2) = 4 A of its 6 A (2 A unused); B would take 32 A (26 A short). Withheld on each of the
        // three phases: min(2, 26) = 2 A from 3 s until the run ends at 25 s (before any judgement of A at 30 s):
        // 230 V x 3 x 2 A x 22 s = 30 360 W s. (A's taper limit stays 4 A: 4 A x 690 W x 22 s is far below the
        // 0.5 kWh that would take it to 97.5 %.)
        var result = Run("""
            name: withheld at 6 A
            start: 2026-06-01T00:00:00Z
            duration: 25s
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 12}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, reactionDelay: 3s, maxCurrent: 32}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, initialSoc: 0.97, taperAboveSoc: 0.8, energyKWh: 2}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h, initialSoc: 0, energyKWh: 50}
            """);
        AssertKWh(30360.0 / 3600 / 1000, result.EnergyWithheldKWh);
        AssertKWh(690.0 * 4 * 22 / 3600 / 1000, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_that_leaves_withholds_nothing_from_then_on()
    {
        // As above, but A leaves at 15 s: 2 A unused on each phase from 3 s to 15 s, B short all along. After A has gone
        // nothing is unused (B draws its whole 6 A signal, which stays until the decision at 30 s, after the end at
        // 25 s): 230 V x 3 x 2 A x 12 s = 16 560 W s withheld (A's 2 A until the end would make it 30 360 W s).
        // A: 4 A x 690 W x 12 s.
        var result = Run("""
            name: withheld until a departure
            start: 2026-06-01T00:00:00Z
            duration: 25s
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 12}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, reactionDelay: 3s, maxCurrent: 32}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 15s, initialSoc: 0.97, taperAboveSoc: 0.8, energyKWh: 2}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h, initialSoc: 0, energyKWh: 50}
            """);
        AssertKWh(16560.0 / 3600 / 1000, result.EnergyWithheldKWh);
        AssertKWh(690.0 * 4 * 12 / 3600 / 1000, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh);
    }

    [Fact]
    public void A_meter_whose_reading_never_changes_adds_no_decision()
    {
        // One 16 A vehicle from 0 s to 1 h of a 2 h run, an excluding meter polled every 60 s and no external load:
        // decisions at 0 s (16 A), 30 s (it has followed: judged, nothing changes) and 3 600 s (its departure), as
        // without a meter: no decision waits for a poll, since no reading changes.
        var result = Run("""
            name: quiet meter
            start: 2026-06-01T00:00:00Z
            duration: 2h
            meter: {pollInterval: 60s}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 16, reactionDelay: 3s}
            """);
        Assert.Equal(3, result.Decisions);
    }

    [Fact]
    public void A_full_vehicle_withholds_nothing_though_its_signal_stays_until_the_next_decision()
    {
        // A 32 A line, 16 A each. A wants 1.38 kWh: 11 040 W from 3 s, full at 453 s; its 16 A signal stays until the
        // decision at 480 s, which gives B (32 A charger, 16 A short all along) the whole line, followed at 483 s. A full
        // vehicle asks for nothing, so its unused signal is no one's loss: nothing withheld. B: 16 A over [3, 483),
        // 32 A over [483, 600).
        var result = Run("""
            name: full vehicle
            start: 2026-06-01T00:00:00Z
            duration: 10m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, reactionDelay: 3s}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, maxCurrent: 16, energyKWh: 1.38}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h, maxCurrent: 32, energyKWh: 50}
            """);
        Assert.Equal(0, result.EnergyWithheldKWh);
        AssertKWh(690.0 * ((16 * 480) + (32 * 117)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_arriving_exactly_at_its_taper_point_draws_its_full_current_for_that_instant()
    {
        // 10.5 A charger, 80 % on arrival, taper above 80 %: at exactly 80 % its limit is the full 10.5 A (at the
        // instant it follows its 16 A signal); just above, floor(10.5 x (1 - soc) / 0.2) = 10 A.
        var result = Run("""
            name: on the taper point
            start: 2026-06-01T00:00:00Z
            duration: 10m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0.8, taperAboveSoc: 0.8, maxCurrent: 10.5, energyKWh: 5, reactionDelay: 3s}
            """);
        Assert.Equal(10.5, result.MaxPhaseCurrent.Max(a => a.Value));
    }

    [Fact]
    public void A_vehicle_that_leaves_before_following_any_signal_leaves_no_event_behind()
    {
        // It arrives (0 s), the master decides (0 s: 16 A), it leaves (2 s), its 16 A would be followed at 3 s (a no-op
        // event: it is gone), the master decides again at 30 s. Its sleep timer, started at its arrival (no current
        // yet), is withdrawn when it leaves: 5 events, 2 decisions.
        var result = OneVehicleLine.Run("2h", 230, "departure: 2s, batteryKWh: 100, initialSoc: 0, energyKWh: 10");
        Assert.Equal(5, result.Events);
        Assert.Equal(2, result.Decisions);
    }

    [Fact]
    public void A_vehicle_at_its_trickle_current_changes_its_draw_only_when_full()
    {
        // A standalone master's point (no decisions): 16 A from arrival. A 10 kWh battery at 98 %, taper above 80 %:
        // floor(16 x 0.02 / 0.2) = 1 A, the trickle, which no higher charge lowers. Events: arrival (0 s), following
        // (3 s), full (0.1 kWh at 690 W, 521.7 s later), departure (1 h): 4; no taper step while trickling.
        var result = Run("""
            name: trickle
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: C, role: masterStandalone, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 10, initialSoc: 0.98, taperAboveSoc: 0.8, maxCurrent: 16, energyKWh: 0.1, reactionDelay: 3s}
            """);
        Assert.Equal(4, result.Events);
        AssertKWh(0.1, result.EnergyDeliveredKWh);
    }
}
