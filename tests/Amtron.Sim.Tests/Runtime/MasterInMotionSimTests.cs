using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Issue 11 in the simulator, worked by hand: vehicles that react late (item 1), satellites that come back (item 4).
/// Energies are at 230 V: a 3-phase vehicle at I amps draws 3 x 230 x I watts.
/// </summary>
public sealed class MasterInMotionSimTests
{
    private const double WattsPerAmp = 3 * 230;

    private static SimulationResult Run(string yaml) => new SiteSimulation(ScenarioLoader.Parse(yaml, "motion.yaml").Site).Run();

    private static string TwoCars(int sampleSeconds, bool wakeup, string stations = "", string reaction = "5s") => $$"""
        name: two cars on a 32 A line
        start: 2026-06-01T00:00:00Z
        duration: 3h
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            sampleRate: {{sampleSeconds}}s
            allowEvWakeup: {{(wakeup ? "true" : "false")}}
            stations:
              - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
              - {id: S, role: slaveAutoDiscovery, {{stations}}chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
        vehicles:
          defaults: {batteryKWh: 100, initialSoc: 0, maxCurrent: 32, phases: 3, reactionDelay: {{reaction}}}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 2h, energyKWh: 90}
            - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h, energyKWh: 90}
        """;

    public static TheoryData<int, bool> RatesAndWakeup()
    {
        var data = new TheoryData<int, bool>();
        foreach (var rate in new[] { 1, 2, 3, 4, 5, 6, 10, 15, 30, 60, 120 })
        {
            data.Add(rate, true);
            data.Add(rate, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RatesAndWakeup))]
    public void Two_cars_share_16_16_and_the_survivor_gets_32_at_every_sample_rate(int sampleSeconds, bool wakeup)
    {
        // Both arrive at 0: the decision at 0 gives 32 / 2 = 16 A each, followed after the 5 s reaction delay.
        // B leaves at 1 h (a sample boundary for every rate here): A gets 32 A at once and follows 5 s later.
        //   B = 16 A from 5 s to 3600 s                       = 16 x 690 x 3595 / 3600 Wh = 11 024.667 Wh
        //   A = 16 A from 5 s to 3605 s, 32 A to 7200 s        = 16 x 690 x 3600 / 3600 + 32 x 690 x 3595 / 3600
        //                                                       = 11 040 + 22 049.333  = 33 089.333 Wh
        var result = Run(TwoCars(sampleSeconds, wakeup));
        var a = result.Sessions.Single(s => s.Id == "A");
        var b = result.Sessions.Single(s => s.Id == "B");
        Assert.Equal(16 * WattsPerAmp * 3595 / 3600 / 1000, b.EnergyDeliveredKWh, 6);
        Assert.Equal(((16 * WattsPerAmp * 3600) + (32 * WattsPerAmp * 3595)) / 3600 / 1000, a.EnergyDeliveredKWh, 6);
    }

    [Fact]
    public void A_satellite_that_reconnects_gets_its_equal_share_at_the_first_decision()
    {
        // 32 A, 30 s samples, 5 s reactions. S loses the master from 20 min to 40 min with a 10 A Disconnected Limit.
        //   0-20 min: 16/16 (from 5 s). At 20 min S falls to 10 A on its own (the satellite, followed 5 s later); the
        //   master reserves 10 A for it and gives A 32 - 10 = 22 A from its decision at 20 min (followed at +5 s).
        //   At 40 min S is back, drawing the 10 A it followed: the first decision (40 min) gives 16/16 again.
        //   B (on S) = 16 A x (1200 - 5) s + 16 A x 5 s + 10 A x (1200 - 5) s + 10 A x 5 s ... worked per phase:
        //     [5 s, 1205 s) 16 A, [1205 s, 2405 s) 10 A, [2405 s, 3600 s) 16 A
        //     = 690 x (16 x 1200 + 10 x 1200 + 16 x 1195) / 3600 Wh = 690 x 50 320 / 3600 Wh
        var result = Run(TwoCars(30, true, "outages: [{from: 20m, to: 40m}], disconnectedLimit: 10, "));
        var b = result.Sessions.Single(s => s.Id == "B");
        Assert.Equal(WattsPerAmp * ((16 * 1200) + (10 * 1200) + (16 * 1195)) / 3600 / 1000, b.EnergyDeliveredKWh, 6);

        //   A = [5 s, 1205 s) 16 A, [1205 s, 2405 s) 22 A, [2405 s, 3605 s) 16 A, [3605 s, 7200 s) 32 A
        var a = result.Sessions.Single(s => s.Id == "A");
        Assert.Equal(WattsPerAmp * ((16 * 1200) + (22 * 1200) + (16 * 1200) + (32 * 3595)) / 3600 / 1000, a.EnergyDeliveredKWh, 6);
    }

    [Fact]
    public void A_car_taking_10_A_of_a_32_A_line_leaves_22_A_and_probing_costs_little()
    {
        // A's on-board charger takes 10 A; B takes 32 A; 30 s samples, 5 s reactions, 4 h.
        //   0 s: 16/16, followed at 5 s: A draws 10 of its 16 -> 6 A withheld (B wants 32 - 16 = 16 more) until 30 s.
        //   30 s: A capped at 10 A, B 32 - 10 = 22 A (not 21).
        //   Probes (+4 A) at 330 s, then 10, 20 and 40 min (at most) after each untaken probe is judged, 30 s after it:
        //   330, 960, 2190, 4620, 7050, 9480, 11910, 14340 s. Each: A follows 14 A at P + 5 s but draws 10, so 4 A are
        //   withheld until A's signal is back to 10 A at P + 30 s (25 s); B is at 18 A from P + 5 s to P + 35 s.
        //   withheld = 3 phases x 230 V x (6 A x 25 s + 8 x 4 A x 25 s) = 690 x 950 / 3600 Wh = 182.083 Wh
        //   A = 10 A from 5 s to 14 400 s                    = 690 x 10 x 14 395 / 3600 Wh
        //   B = 16 A x 30 s + 22 A x 14 365 s - 8 x 4 A x 30 s = 690 x 315 550 / 3600 Wh
        var result = Run($$"""
            name: one car takes 10 A
            start: 2026-06-01T00:00:00Z
            duration: 4h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 200, initialSoc: 0, phases: 3, reactionDelay: 5s, energyKWh: 150}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 4h, maxCurrent: 10}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 4h, maxCurrent: 32}
            """);
        Assert.Equal(WattsPerAmp * 10 * 14395 / 3600 / 1000, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh, 6);
        Assert.Equal(WattsPerAmp * 315550 / 3600 / 1000, result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh, 6);
        Assert.Equal(WattsPerAmp * 950 / 3600 / 1000, result.EnergyWithheldKWh, 6);

        // Of the energy delivered: 100 x 950 / (10 x 14 395 + 315 550) = 95 000 / 459 500 = 0.206 746 %.
        Assert.Equal(100.0 * 950 / ((10 * 14395) + 315550), result.EnergyWithheldPercent, 1e-9);
    }

    [Fact]
    public void Four_single_phase_cars_of_unknown_phase_never_take_L1_above_the_imbalance_limit()
    {
        // Four single-phase cars plug into 3-phase points (L1 first) within one sample; 63 A, limit 20 A. Each might be
        // single-phase on L1, so they are let in only as far as that worst case keeps the limit, and never by pausing
        // one that charges: L1 is never more than 20 A above the others.
        var result = Run("""
            name: four single-phase cars
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 20}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
                  - {id: S, role: slaveAutoDiscovery, chargePoints: [{id: CP3, installationCurrentLimit: 32}, {id: CP4, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, phases: 1, maxCurrent: 32, reactionDelay: 3s, energyKWh: 50}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 1m, departure: 2h}
                - {id: B, chargePoint: CP2, arrival: 1m5s, departure: 2h}
                - {id: C, chargePoint: CP3, arrival: 1m10s, departure: 2h}
                - {id: D, chargePoint: CP4, arrival: 1m20s, departure: 2h}
            """);
        Assert.Equal(0, result.ImbalanceViolationSeconds, 9);

        // All four are single-phase on L1, so L2 and L3 carry nothing and the spread is L1: 6 A from 63 s, then
        // 8 + 6 + 6 = 20 A from 93 s and 7 + 7 + 6 = 20 A from 123 s (worked below): exactly the limit, never more.
        Assert.Equal(Dlm.Units.Amps.From(20), result.MaxImbalance);
        Assert.Equal(0, result.Sessions.Single(s => s.Id == "D").EnergyDeliveredKWh, 9);

        // 30 s samples, 3 s reactions; a point's leading phases are L1, L2 (a 1- or 2-phase vehicle draws there).
        //   60 s: A alone, unknown: 6 A (followed at 63 s, on L1).
        //   90 s: A known on L1; B, C, D unknown. Three let in would keep 3 x 6 = 18 A free on L1: L1 = 6 + 18 (the
        //         three at 6 A on all phases) + 18 reserved = 42 against L3 = 18: no. Two: L1 = A + 12, reserve 12,
        //         L3 = 12, so A + 12 + 12 - 12 <= 20: A = 8 A, B = C = 6 A, D waits (followed at 93 s).
        //   120 s: B, C known on L1. Letting D in would need A + B + C <= 14: one of them paused, so D waits;
        //         A, B, C share the 20 A L1 may carry above L2/L3: 7, 7, 6 (followed at 123 s) to 2 h.
        //   A = 6 A x 30 s + 8 A x 30 s + 7 A x 7077 s; C = 6 A x 7107 s (single-phase, 230 V).
        const double W = 230;
        Assert.Equal(W * ((6 * 30) + (8 * 30) + (7 * 7077)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh, 6);
        Assert.Equal(W * 6 * 7107 / 3600 / 1000, result.Sessions.Single(s => s.Id == "C").EnergyDeliveredKWh, 6);
    }
    [Fact]
    public void Single_phase_cars_on_rotated_points_all_charge_once_their_phases_show()
    {
        // Limit 10 A, 63 A. Three single-phase cars plug in at 60 s at points wired L1-, L2- and L3-first; each draws
        // on its point's first phase. Modelled at 6 A on all phases, a newcomer may make its point's first phase 6 A
        // heavier than the other two and its second 6 A heavier than its third, never a later phase heavier than an
        // earlier one. 30 s samples, 3 s reactions (decisions at 60, 90, 120, 150 s are followed 3 s later):
        //   60 s: two newcomers would keep 12 A of one pair free (A's L2 over L3 and B's): 12 > 10, so A alone, 6 A.
        //   90 s: A known on L1. B alone at 6 A on all phases: L1 = a + 6, L2 = L3 = 6; L1 - L3 = a <= 10: A 10, B 6.
        //  120 s: B known on L2. C at 6 A: L1 = a + 6, L2 = b + 6, L3 = 6 with 6 A kept of L3 over L1 and L2 and of
        //         L1 over L2: a <= b + 4, a <= 10, b <= 10: A 10, B 10, C 6 (nobody paused).
        //  150 s: C known on L3: one car per phase, balanced, 32 A each to the departure at 600 s.
        var result = Run("""
            name: rotated single-phase cars
            start: 2026-06-01T00:00:00Z
            duration: 10m
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 10}
                stations:
                  - id: M
                    role: masterWithInternalSlave
                    chargePoints:
                      - {id: CP1, installationCurrentLimit: 32, phaseRotation: [L1, L2, L3]}
                      - {id: CP2, installationCurrentLimit: 32, phaseRotation: [L2, L3, L1]}
                  - {id: S, role: slaveAutoDiscovery, chargePoints: [{id: CP3, installationCurrentLimit: 32, phaseRotation: [L3, L1, L2]}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, phases: 1, maxCurrent: 32, reactionDelay: 3s, energyKWh: 50, departure: 10m}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 1m}
                - {id: B, chargePoint: CP2, arrival: 1m}
                - {id: C, chargePoint: CP3, arrival: 1m}
            """);

        // The spread: 6 A (63-93 s), 10 A (93-123 s: 10, 6, 0), 4 A, then 0: the limit at most.
        Assert.Equal(Dlm.Units.Amps.From(10), result.MaxImbalance);
        Assert.Equal(0, result.ImbalanceViolationSeconds, 9);

        // Single-phase at 230 V: A 6 A x 30 s + 10 A x 60 s + 32 A x 447 s; B 6 A x 30 s + 10 A x 30 s + 32 A x 447 s;
        // C 6 A x 30 s + 32 A x 447 s.
        const double W = 230;
        Assert.Equal(W * ((6 * 30) + (10 * 60) + (32 * 447)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh, 6);
        Assert.Equal(W * ((6 * 30) + (10 * 30) + (32 * 447)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh, 6);
        Assert.Equal(W * ((6 * 30) + (32 * 447)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "C").EnergyDeliveredKWh, 6);
    }
}
