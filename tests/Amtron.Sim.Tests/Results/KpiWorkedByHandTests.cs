using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Results;

/// <summary>
/// Every KPI of the catalogue (the names summary.json and the assertions use) with its value worked by hand. Sites are
/// small and every current is constant between whole seconds, so times and currents are exact and energies exact up to
/// floating-point rounding (compared to 1e-9 relative). Unless a test says otherwise: 230 V, 30 s samples, vehicles
/// that follow a new signal in 3 s, a 5 s reaction allowance; a three-phase vehicle draws 690 W per amp.
/// </summary>
public sealed class KpiWorkedByHandTests
{
    private const double Relative = 1e-9;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The KPIs each test below works out by hand (the catalogue must have no other).</summary>
    private static readonly string[] Worked =
    [
        "energyDeliveredKWh", "energyRequestedKWh", "energyWithheldKWh", "energyWithheldPercent",
        "sessions", "sessionsFullySatisfied", "sessionsRejected",
        "maxPhaseCurrentA", "maxPhaseCurrentA.L1", "maxPhaseCurrentA.L2", "maxPhaseCurrentA.L3",
        "limitViolationSeconds", "limitViolationTransientSeconds", "limitViolationSteadySeconds",
        "imbalanceViolationSeconds", "imbalanceViolationTransientSeconds", "imbalanceViolationSteadySeconds",
        "limitViolationSecondsByLimit", "peakOvershootA", "maxImbalanceA", "contactorCycles",
        "simulatedSeconds", "events", "decisions", "limitExcursions", "imbalanceExcursions",
        "connectionUnbalanceSeconds", "connectionUnbalanceChargingSeconds", "connectionUnbalanceExternalSeconds",
        "tripRiskWorst", "tripRiskWorst.mainFuse", "tripRiskTypical", "tripRiskTypical.mainFuse",
        "dimmedSeconds", "dimmingNotDimmedSeconds", "dimmingEnergyAboveRequestKWh", "dimmingLatencySeconds",
        "dimmingBelowMinimumSeconds", "dimmingMaxShortfallKW",
    ];

    private static (SimulationResult Result, IReadOnlyDictionary<string, double> Kpi) Run(string yaml)
    {
        var result = new SiteSimulation(ScenarioLoader.Parse(yaml, "kpi.yaml").Site).Run();
        return (result, KpiCatalogue.Metrics(result));
    }

    private static void AssertKWh(double expected, double actual) => Assert.Equal(expected, actual, Math.Abs(expected) * Relative);

    [Fact]
    public void The_catalogue_has_no_kpi_without_a_worked_example_here()
    {
        var catalogue = KpiCatalogue.All.SelectMany(k => k.MetricNames.Count == 0 ? [k.Name] : k.MetricNames);
        Assert.Equal(Worked.Order(StringComparer.Ordinal), catalogue.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sessions_are_counted_fully_satisfied_and_rejected_and_their_energies_added_up()
    {
        // Two 16 A points on a 63 A line; three-phase vehicles with a 16 A charger: 16 x 690 = 11 040 W from 3 s after
        // their signal. Batteries of 100 kWh from empty, so no taper.
        //   S1 at CP1, 0 s to 2 h, wants 11.04 kWh: full after 1 h of charging, at 3 603 s        -> 11.04 kWh, satisfied
        //   S2 at CP2, 0 s to 30 min, wants 20 kWh: leaves after 1 797 s, 11 040 x 1 797 / 3 600 -> 5.5108 kWh, not
        //   S3 at CP9 (no such point), 10 min, wants 5 kWh                                        -> rejected, 0 kWh
        //   S4 at CP1 at 1 h, while S1 is still there (until 3 603 s), wants 7 kWh                -> rejected, 0 kWh
        //   S5 at CP2 at 1 h (S2 left at 30 min), wants 2.76 kWh: 2 760 / 11 040 h = 900 s        -> 2.76 kWh, satisfied
        var points = new[] { new ChargePointSpec("CP1", "CS1", Amps.From(16), ChargePointSpec.NoRotation), new ChargePointSpec("CP2", "CS1", Amps.From(16), ChargePointSpec.NoRotation) };
        VehicleSpec Vehicle(string id, string cp, int arrivalMinutes, int departureMinutes, double kWh) =>
            new(id, cp, Start.AddMinutes(arrivalMinutes), Start.AddMinutes(departureMinutes), kWh) { MaxCurrent = Amps.From(16), BatteryKWh = 100, InitialStateOfCharge = 0 };
        var site = new SiteSpec(Start, TimeSpan.FromHours(3), 1)
        {
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(63)), new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)])],
            Vehicles = [Vehicle("S1", "CP1", 0, 120, 11.04), Vehicle("S2", "CP2", 0, 30, 20), Vehicle("S3", "CP9", 10, 40, 5), Vehicle("S4", "CP1", 60, 90, 7), Vehicle("S5", "CP2", 60, 120, 2.76)],
        };
        var result = new SiteSimulation(site).Run();
        var kpi = KpiCatalogue.Metrics(result);

        Assert.Equal(5, kpi["sessions"]);
        Assert.Equal(2, kpi["sessionsFullySatisfied"]);
        Assert.Equal(2, kpi["sessionsRejected"]);
        Assert.Equal(["S1", "S2", "S3", "S4", "S5"], result.Sessions.Select(s => s.Id));
        Assert.Equal([false, false, true, true, false], result.Sessions.Select(s => s.Rejected));
        Assert.Equal([true, false, false, false, true], result.Sessions.Select(s => s.FullySatisfied));

        // Wanted, every session (rejected ones too): 11.04 + 20 + 5 + 7 + 2.76 = 45.8 kWh.
        AssertKWh(45.8, kpi["energyRequestedKWh"]);

        // Delivered: 11.04 + 5.5108 + 2.76 = 19.3108 kWh (a satisfied session gets exactly what it wanted).
        var s2 = 11040.0 * 1797 / 3600 / 1000;
        Assert.Equal([11.04, s2, 0, 0, 2.76], result.Sessions.Select(s => s.EnergyDeliveredKWh), (e, a) => Math.Abs(e - a) <= Math.Abs(e) * Relative);
        AssertKWh(11.04 + s2 + 2.76, kpi["energyDeliveredKWh"]);
    }

    [Fact]
    public void Energy_withheld_is_the_signal_a_vehicle_followed_but_did_not_draw_while_another_on_its_phases_was_held_back()
    {
        // 400 V, a 32 A line, two 32 A points, reactions of 5 s. A's on-board charger takes 10 A, B's 32 A.
        //   0 s: 32 / 2 = 16 A each, followed at 5 s: A draws 10 of its 16 A (6 A unused), B draws 16 A and would take
        //        32 (16 A short): on each of the 3 phases min(6, 16) = 6 A is withheld,
        //   30 s: A is judged and capped at its 10 A draw, B gets 32 - 10 = 22 A: A's signal no longer is what it
        //        follows, so nothing is withheld from then on (the first probe would come at 330 s; they leave at 300 s).
        //   withheld  = 400 V x 3 x 6 A x 25 s = 180 000 W s = 50 Wh
        //   A = 400 x 3 x 10 A x 295 s                  = 983.333 Wh
        //   B = 400 x 3 x (16 A x 30 s + 22 A x 265 s) = 400 x 3 x 6 310 A s = 2 103.333 Wh
        //   withheld / delivered = 50 / 3 086.667 = 1.619870 %
        var (result, kpi) = Run("""
            name: withheld
            start: 2026-06-01T00:00:00Z
            duration: 10m
            voltage: 400
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, phases: 3, reactionDelay: 5s, energyKWh: 50}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 300s, maxCurrent: 10}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 300s, maxCurrent: 32}
            """);
        const double A = 1200.0 * 10 * 295 / 3600 / 1000;
        const double B = 1200.0 * 6310 / 3600 / 1000;
        AssertKWh(A, result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh);
        AssertKWh(B, result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh);
        AssertKWh(0.05, kpi["energyWithheldKWh"]);
        Assert.Equal(100 * 0.05 / (A + B), kpi["energyWithheldPercent"], 100 * 0.05 / (A + B) * Relative);
    }

    [Fact]
    public void Max_phase_current_and_max_imbalance_are_taken_at_the_grid_with_the_external_load()
    {
        // No meter: the masters do not see the house, but the grid carries it. House [2.5, 1.8, 2.2] A always, plus
        // [6, 0, 0] A from 00:10 to 00:20. A one-phase vehicle at CP1 draws 16 A on L1; a two-phase vehicle with a 10 A
        // charger at CP2, wired [L2, L3, L1], draws 10 A on L2 and L3; both from 3 s to 30 min.
        //   [3 s, 600 s):    L1 2.5 + 16 = 18.5, L2 1.8 + 10 = 11.8, L3 2.2 + 10 = 12.2 A, spread 6.7 A
        //   [600 s, 1 200 s): L1 18.5 + 6 = 24.5 A, spread 24.5 - 11.8 = 12.7 A
        var (result, kpi) = Run("""
            name: grid currents
            start: 2026-06-01T00:00:00Z
            duration: 1h
            externalLoads:
              - {name: base, constant: [2.5, 1.8, 2.2]}
              - {name: kettle, daily: [{at: "00:10", currents: [6, 0, 0]}, {at: "00:20", currents: 0}]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16, phaseRotation: [L2, L3, L1]}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, energyKWh: 50, reactionDelay: 3s}
              sessions:
                - {id: One, chargePoint: CP1, arrival: 0s, departure: 30m, phases: 1, maxCurrent: 16}
                - {id: Two, chargePoint: CP2, arrival: 0s, departure: 30m, phases: 2, maxCurrent: 10}
            """);
        Assert.Equal(24.5, kpi["maxPhaseCurrentA"]);
        Assert.Equal(24.5, kpi["maxPhaseCurrentA.L1"]);
        Assert.Equal(11.8, kpi["maxPhaseCurrentA.L2"]);
        Assert.Equal(12.2, kpi["maxPhaseCurrentA.L3"]);
        Assert.Equal(12.7, kpi["maxImbalanceA"]);

        // One: 230 V x 16 A x 1 phase x 1 797 s; Two: 230 V x 10 A x 2 phases x 1 797 s.
        AssertKWh(230.0 * 16 * 1797 / 3600 / 1000, result.Sessions.Single(s => s.Id == "One").EnergyDeliveredKWh);
        AssertKWh(230.0 * 10 * 2 * 1797 / 3600 / 1000, result.Sessions.Single(s => s.Id == "Two").EnergyDeliveredKWh);
    }

    [Fact]
    public void Time_above_current_limits_is_split_into_transient_and_steady_per_limit_with_its_peak_and_excursions()
    {
        // One three-phase 32 A vehicle (32 A point, 63 A line, Operator limit 32 A), a 40 A main fuse, a house of 25 A
        // per phase from 00:20 to 00:22 that no meter shows. A network's reaction window: 30 s sample + 5 s allowance
        // + 3 s (the slowest vehicle) = 38 s; the site's (main fuse): the longest network's + no poll = 38 s.
        //   00:10 the EMS lowers the Operator limit to 20 A: the decision at 600 s gives 20 A, followed at 603 s.
        //         [600 s, 603 s): 32 A against the 20 A DLM limit, 12 A over, 3 s, all within the window of the change.
        //   00:20 the house steps to 25 A: 25 + 20 = 45 A on the 40 A fuse, 5 A over, until 00:22: 120 s. The window
        //         of the load step ends at 1 238 s: 38 s transient, 1 320 - 1 238 = 82 s steady (no meter, no master
        //         could see it).
        //   above a limit 3 + 120 = 123 s; transient 3 + 38 = 41 s; steady 82 s; peak 12 A; 2 excursions
        var (result, kpi) = Run("""
            name: limits
            start: 2026-06-01T00:00:00Z
            duration: 1h
            grid: {mainFuse: 40}
            externalLoads:
              - {name: house, daily: [{at: "00:00", currents: 0}, {at: "00:20", currents: 25}, {at: "00:22", currents: 0}]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 32}
                operatorLimitChanges: [{at: 10m, limit: 20}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        Assert.Equal(123, kpi["limitViolationSeconds"]);
        Assert.Equal(41, kpi["limitViolationTransientSeconds"]);
        Assert.Equal(82, kpi["limitViolationSteadySeconds"]);
        Assert.Equal(
            new Dictionary<string, double>(StringComparer.Ordinal) { ["network0.dlmLimit"] = 3, ["mainFuse"] = 120 },
            result.LimitViolationSecondsByLimit);
        Assert.Equal(12, kpi["peakOvershootA"]);
        Assert.Equal(2, kpi["limitExcursions"]);
        Assert.Equal(0, kpi["imbalanceExcursions"]);

        // The excursions: 12 A x 3 s = 36 A s from 00:10; 5 A x 120 s = 600 A s from 00:20.
        Assert.Equal(
            [
                new LimitExcursion("network0.dlmLimit", false, Start.AddSeconds(600), TimeSpan.FromSeconds(3), Amps.From(12), 36),
                new LimitExcursion("mainFuse", false, Start.AddSeconds(1200), TimeSpan.FromSeconds(120), Amps.From(5), 600),
            ],
            result.LimitExcursions);

        // The grid's largest current: 45 A while the house is on. Energy: 32 A x 600 s + 20 A x 2 997 s = 79 140 A s.
        Assert.Equal(45, kpi["maxPhaseCurrentA"]);
        AssertKWh(690.0 * 79140 / 3600 / 1000, kpi["energyDeliveredKWh"]);
    }

    [Fact]
    public void A_departure_that_unbalances_the_line_is_transient_imbalance_until_the_others_follow()
    {
        // Imbalance limit 10 A. S: one phase, at CP3 wired [L3, L1, L2], so on L3. D: two phases, at CP1, on L1 and L2.
        // 20 A points and chargers.
        //   0 s: S, phases unknown, starts at 6 A (followed at 3 s, on L3). 30 s: S is on L3; alone there it may be
        //        10 A above L1 and L2: 10 A (33 s).
        //   60 s: D arrives, phases unknown: 6 A with 6 A of the allowance kept on its leading phases L1, L2 (63 s):
        //        L1 = L2 = 6, L3 = 10. 90 s: D is on L1 and L2: D and S both 20 A, balanced (93 s).
        //   600 s: S leaves: L1 = L2 = 20, L3 = 0, a spread of 20 A, 10 A above the limit. The decision at 600 s gives
        //        D 10 A, followed at 603 s: 3 s above, all of it within the 38 s window after the departure.
        var (result, kpi) = Run("""
            name: imbalance after a departure
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 10}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 20}, {id: CP3, installationCurrentLimit: 20, phaseRotation: [L3, L1, L2]}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, maxCurrent: 20, energyKWh: 50, reactionDelay: 3s}
              sessions:
                - {id: S, chargePoint: CP3, arrival: 0s, departure: 10m, phases: 1}
                - {id: D, chargePoint: CP1, arrival: 1m, departure: 1h, phases: 2}
            """);
        Assert.Equal(3, kpi["imbalanceViolationSeconds"]);
        Assert.Equal(3, kpi["imbalanceViolationTransientSeconds"]);
        Assert.Equal(0, kpi["imbalanceViolationSteadySeconds"]);
        Assert.Equal(20, kpi["maxImbalanceA"]);
        Assert.Equal(1, kpi["imbalanceExcursions"]);
        Assert.Equal(0, kpi["limitExcursions"]);
        Assert.Equal(
            new LimitExcursion("network0.currentImbalanceLimit", true, Start.AddSeconds(600), TimeSpan.FromSeconds(3), Amps.From(10), 30),
            Assert.Single(result.LimitExcursions));

        // S = 230 x (6 A x 30 s + 10 A x 60 s + 20 A x 507 s); D = 2 x 230 x (6 A x 30 s + 20 A x 510 s + 10 A x 2 997 s).
        AssertKWh(230.0 * ((6 * 30) + (10 * 60) + (20 * 507)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "S").EnergyDeliveredKWh);
        AssertKWh(460.0 * ((6 * 30) + (20 * 510) + (10 * 2997)) / 3600 / 1000, result.Sessions.Single(s => s.Id == "D").EnergyDeliveredKWh);
    }

    [Fact]
    public void A_satellite_out_of_reach_unbalances_the_line_steadily_after_the_reaction_window()
    {
        // Imbalance limit 10 A. X: one phase, 16 A charger, at the satellite S (disconnected limit 16 A), on L1.
        //   0 s: 6 A (phases unknown), 3 s; 30 s: on L1, alone: 10 A, 33 s.
        //   600 s: S loses the master and signals its 16 A on its own; X follows at 603 s: 16 A on L1, 6 A above the
        //        limit, until the master reaches S again at 1 200 s and gives 10 A, followed at 1 203 s: 600 s.
        //   Windows of 38 s: from the outage (600 s, to 638 s), X's draw change (603 s, to 641 s), the return
        //   (1 200 s, to 1 238 s). Transient: [603, 641) + [1 200, 1 203) = 41 s; steady: [641, 1 200) = 559 s.
        var (result, kpi) = Run("""
            name: imbalance while a satellite is out of reach
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 10}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
                  - {id: S, role: slaveAutoDiscovery, disconnectedLimit: 16, outages: [{from: 10m, to: 20m}], chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: X, chargePoint: CP2, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 50, phases: 1, maxCurrent: 16, reactionDelay: 3s}
            """);
        Assert.Equal(600, kpi["imbalanceViolationSeconds"]);
        Assert.Equal(41, kpi["imbalanceViolationTransientSeconds"]);
        Assert.Equal(559, kpi["imbalanceViolationSteadySeconds"]);
        Assert.Equal(16, kpi["maxImbalanceA"]);
        Assert.Equal(1, kpi["imbalanceExcursions"]);
        Assert.Equal(new Dictionary<string, double>(StringComparer.Ordinal) { ["network0.currentImbalanceLimit"] = 600 }, result.LimitViolationSecondsByLimit);
        Assert.Equal(0, kpi["limitViolationSeconds"]);

        // X = 230 x (6 A x 30 s + 10 A x 570 s + 16 A x 600 s + 10 A x 2 397 s) = 230 x 39 450 / 3 600 Wh.
        AssertKWh(230.0 * 39450 / 3600 / 1000, kpi["energyDeliveredKWh"]);
    }

    [Fact]
    public void A_contactor_that_opens_for_a_pause_and_closes_again_is_two_cycles()
    {
        // One three-phase 32 A vehicle; the Operator limit drops to 0 A at 00:10 and returns to 32 A at 00:20.
        //   0 s: 32 A, the contactor closes (cycle 1). 600 s: 0 A, it opens. 1 200 s: 32 A, it closes again (cycle 2).
        //   (Paused 10 min, less than the 30 min after which it would fall asleep.)
        //   [600 s, 603 s): 32 A above the 0 A limit, transient: 3 s, peak 32 A.
        //   energy: 32 A x (600 s + 2 397 s) = 95 904 A s at 690 W per amp.
        var (_, kpi) = Run("""
            name: contactor cycles
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 32}
                operatorLimitChanges: [{at: 10m, limit: 0}, {at: 20m, limit: 32}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        Assert.Equal(2, kpi["contactorCycles"]);
        Assert.Equal(3, kpi["limitViolationSeconds"]);
        Assert.Equal(3, kpi["limitViolationTransientSeconds"]);
        Assert.Equal(32, kpi["peakOvershootA"]);
        AssertKWh(690.0 * 32 * (600 + 2397) / 3600 / 1000, kpi["energyDeliveredKWh"]);
    }

    [Fact]
    public void Events_and_decisions_of_one_vehicle_are_counted_one_by_one()
    {
        // One vehicle from 0 s to 1 h of a 2 h run, 16 A point and charger: it never changes its draw by itself.
        //   events: its arrival (0 s), the decision at 0 s (16 A), its following at 3 s, the decision at 30 s (it has
        //   followed: judged, nothing changes; no timer remains), its departure (3 600 s), the decision at 3 600 s
        //   (nobody left) = 6; of them decisions: 3. The sleep timer started at its arrival (no current yet) is
        //   cancelled when it follows 16 A: cancelled events are not counted.
        var kpi = KpiCatalogue.Metrics(Runtime.OneVehicleLine.Run("2h", 230, "departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90"));
        Assert.Equal(6, kpi["events"]);
        Assert.Equal(3, kpi["decisions"]);
        Assert.Equal(7200, kpi["simulatedSeconds"]);
        Assert.Equal(1, kpi["contactorCycles"]);
        AssertKWh(690.0 * 16 * 3597 / 3600 / 1000, kpi["energyDeliveredKWh"]);
    }

    [Fact]
    public void Trip_risk_is_each_named_devices_time_over_its_time_to_trip()
    {
        // The main fuse, a 63 A gG link, carries a welder's 120 A on L1 from 00:10 for 60 s. The fastest link the
        // standard allows is straight on log-log axes from (1.25 x 63 = 78.75 A, 1 h) to (Imin(10 s) = 160 A, 10 s):
        // t(120 A) = 3600 x (120 / 78.75)^(ln(10 / 3600) / ln(160 / 78.75)) = 108.99 s, D = 60 / 108.99 = 0.55050. A
        // typical (Siemens NH-1-63) link: between (100 A, 4000 s) and (200 A, 100 s), t = 4000 x 1.2^(ln(1/40) / ln 2)
        // = 1515.87 s, D = 0.039581.
        // The supply line's B16 breaker carries a one-phase vehicle's 20 A (1.25 In) from 3 s to 10 s: the fastest B16
        // opens after 1 s x (2.55^2 - 1.13^2) / (1.25^2 - 1.13^2) = 18.297 s there (D = 7 / 18.297 = 0.38258), a typical
        // one after 30 times that, 548.91 s (D = 0.012753).
        var (result, kpi) = Run("""
            name: trip risk
            start: 2026-06-01T00:00:00Z
            duration: 1h
            grid: {mainFuse: {rating: 63, type: gG}}
            externalLoads:
              - {name: welder, daily: [{at: "00:10", currents: [120, 0, 0]}, {at: "00:11", currents: 0}]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 20}
                supplyLineCapacity: {rating: 16, type: mcbB}
                stations: [{id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 20}]}]
            vehicles:
              sessions: [{id: V, chargePoint: CP1, arrival: 0s, departure: 10s, phases: 1, maxCurrent: 20, batteryKWh: 100, initialSoc: 0, energyKWh: 50, reactionDelay: 3s}]
            """);

        Assert.Equal(0.55050, kpi["tripRiskWorst"], 5);
        Assert.Equal(0.55050, kpi["tripRiskWorst.mainFuse"], 5);
        Assert.Equal(0.38258, kpi["tripRiskWorst.network0.supplyLine"], 5);
        Assert.Equal(0.039581, kpi["tripRiskTypical"], 6);
        Assert.Equal(0.039581, kpi["tripRiskTypical.mainFuse"], 6);
        Assert.Equal(0.012753, kpi["tripRiskTypical.network0.supplyLine"], 6);
        var main = result.Devices[0].Damage;
        Assert.Equal("mainFuse", result.Devices[0].Id);
        Assert.Equal(TimeSpan.FromSeconds(60), main.AboveNonTrip);
        Assert.Equal(new Grid.Protection.OverloadEpisode(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(60), Amps.From(120), 0), main.WorstEpisode);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Devices[1].Damage.AboveNonTrip);
    }

    [Fact]
    public void Unbalance_at_the_connection_is_time_above_4_6_kVA_split_by_cause()
    {
        // 4 600 VA / 230 V = 20 A of spread. An oven draws 6 A on L1 until 00:20, then 25 A until 00:30. A one-phase
        // vehicle draws 16 A on L1 from 3 s to 10 min: spread 22 A for 597 s while the oven alone (6 A) is within:
        // charging's doing. From 00:20 the oven alone spreads the phases by 25 A for 600 s.
        var (_, kpi) = Run("""
            name: unbalance
            start: 2026-06-01T00:00:00Z
            duration: 1h
            externalLoads:
              - {name: oven, daily: [{at: "00:00", currents: [6, 0, 0]}, {at: "00:20", currents: [25, 0, 0]}, {at: "00:30", currents: 0}]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations: [{id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]
            vehicles:
              sessions: [{id: V, chargePoint: CP1, arrival: 0s, departure: 10m, phases: 1, maxCurrent: 16, batteryKWh: 100, initialSoc: 0, energyKWh: 50, reactionDelay: 3s}]
            """);

        Assert.Equal(1197, kpi["connectionUnbalanceSeconds"]);
        Assert.Equal(597, kpi["connectionUnbalanceChargingSeconds"]);
        Assert.Equal(600, kpi["connectionUnbalanceExternalSeconds"]);
        Assert.Equal(25, kpi["maxImbalanceA"]);
        Assert.DoesNotContain("tripRiskWorst", kpi.Keys);
    }

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData(", operatorLimit: 4", 600, 4.14)]
    public void Dimming_is_the_charging_drawn_against_the_request_and_granted_against_the_minimum(string limit, double belowMinimumSeconds, double shortfallKW)
    {
        // One 16 A point (11.04 kW > 4.2 kW: n = 1, P_min = 4.2 kW, floor(4200 / 690) = 6 A per phase, 4.14 kW); the
        // operator dims from 00:10 to 00:20 and an EMS writes the Operator limit (by default those 6 A). The vehicle
        // draws 16 A from 3 s; the 00:10 decision signals 6 A, followed at 00:10:03: 3 s at 11.04 kW, 6.84 kW above the
        // 4.2 kW request (0.0057 kWh), compliant 3 s after the signal. Granted 6 A on 3 phases = 4.14 kW: not below.
        // Written 4 A instead, the master cannot give 6 A: the vehicle pauses, granted 0 kW for the whole 600 s against
        // the 4.14 kW it is owed (it wants 11.04 kW).
        var (result, kpi) = Run($$"""
            name: dimming
            start: 2026-06-01T00:00:00Z
            duration: 1h
            gridOperator: {signal: ems, dimming: [{from: 10m, to: 20m}]{{limit}}}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 16}
                stations: [{id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]
            vehicles:
              sessions: [{id: V, chargePoint: CP1, arrival: 0s, departure: 1h, phases: 3, maxCurrent: 16, batteryKWh: 100, initialSoc: 0, energyKWh: 50, reactionDelay: 3s}]
            """);

        Assert.Equal(600, kpi["dimmedSeconds"]);
        Assert.Equal(3, kpi["dimmingNotDimmedSeconds"]);
        Assert.Equal(6.84 * 3 / 3600, kpi["dimmingEnergyAboveRequestKWh"], 12);
        Assert.Equal(3, kpi["dimmingLatencySeconds"]);
        Assert.Equal(belowMinimumSeconds, kpi["dimmingBelowMinimumSeconds"]);
        Assert.Equal(shortfallKW, kpi["dimmingMaxShortfallKW"], 12);
        Assert.Equal(1, result.Dimming!.Windows);
        Assert.Equal(4.14, result.Dimming.MinimumKW, 12);
    }
}
