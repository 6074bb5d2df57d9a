using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// The site's own rules at their edges, worked by hand: a standalone master's point, satellites out of reach (with and
/// without a vehicle, a vehicle arriving meanwhile, a limit change meanwhile), two sessions at one point at one
/// instant, a point used again after a departure. 230 V, 30 s samples, 5 s reaction allowance, reactions of 3 s; a
/// three-phase vehicle draws 690 W per amp.
/// </summary>
public sealed class SiteRuntimeEdgeTests
{
    private const double Relative = 1e-9;

    private static SimulationResult Run(string yaml, SiteSimulationOptions? options = null, ITimeSeriesSink? sink = null) =>
        new SiteSimulation(ScenarioLoader.Parse(yaml, "edge.yaml").Site, sink, options).Run();

    private static void AssertKWh(double expected, double actual) => Assert.Equal(expected, actual, Math.Abs(expected) * Relative);

    [Fact]
    public void A_standalone_masters_point_offers_its_installation_limit_whatever_the_network_and_its_limit_changes()
    {
        // The network's limit is 10 A (then 8 A from 600 s), but the standalone master's own point is not managed: X gets
        // the point's 16 A from its arrival and keeps it: 16 A from 3 s to 3 600 s.
        var result = Run("""
            name: standalone
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 10, operatorEvseSubDistributionLimit: 10}
                operatorLimitChanges: [{at: 10m, limit: 8}]
                stations:
                  - {id: C, role: masterStandalone, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: X, chargePoint: CP1, arrival: 0s, departure: 2h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        AssertKWh(690.0 * 16 * 3597 / 3600 / 1000, result.EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_arriving_at_a_satellite_out_of_reach_charges_at_its_disconnected_limit()
    {
        // S is out of reach from 60 s to 600 s; X (16 A charger) arrives there at 120 s: S's 10 A Disconnected Limit,
        // followed at 123 s, until the master reaches S again at 600 s and gives it more (followed at 603 s, 16 A).
        var result = Run("""
            name: arrival out of reach
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
                  - {id: S, role: slaveAutoDiscovery, disconnectedLimit: 10, outages: [{from: 1m, to: 10m}], chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: X, chargePoint: CP2, arrival: 2m, departure: 2h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 16, reactionDelay: 3s}
            """);
        AssertKWh(690.0 * ((10 * 480) + (16 * 2997)) / 3600 / 1000, result.EnergyDeliveredKWh);
    }

    [Fact]
    public void An_empty_satellite_out_of_reach_keeps_its_disconnected_limit_reserved()
    {
        // A 32 A line. S, with no vehicle, is out of reach from 600 s to 1 200 s: the master reserves its 10 A
        // Disconnected Limit, so X gets 32 - 10 = 22 A meanwhile. X: 32 A over [3, 603), 22 A over [603, 1 203),
        // 32 A over [1 203, 3 600).
        var result = Run("""
            name: empty satellite out of reach
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
                  - {id: S, role: slaveAutoDiscovery, disconnectedLimit: 10, outages: [{from: 10m, to: 20m}], chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: X, chargePoint: CP1, arrival: 0s, departure: 2h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        AssertKWh(690.0 * ((32 * 600) + (22 * 600) + (32 * 2397)) / 3600 / 1000, result.EnergyDeliveredKWh);
    }

    [Fact]
    public void A_limit_change_while_a_satellite_is_out_of_reach_opens_a_transient_window()
    {
        // X (16 A charger) at S, whose Disconnected Limit is 16 A; S is out of reach from 600 s to 1 800 s. At 900 s the
        // Operator limit drops from 20 to 10 A: X, on its own, stays at 16 A, 6 A above, until the master reaches S at
        // 1 800 s and gives 10 A (followed at 1 803 s): 903 s above. Windows of 38 s from the change (to 938 s) and
        // the return (1 800 s): 41 s transient, [938, 1 800) = 862 s steady.
        var result = Run("""
            name: limit change while out of reach
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 20, operatorEvseSubDistributionLimit: 20}
                operatorLimitChanges: [{at: 15m, limit: 10}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
                  - {id: S, role: slaveAutoDiscovery, disconnectedLimit: 16, outages: [{from: 10m, to: 30m}], chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: X, chargePoint: CP2, arrival: 0s, departure: 2h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 16, reactionDelay: 3s}
            """);
        Assert.Equal(new Dictionary<string, double>(StringComparer.Ordinal) { ["network0.dlmLimit"] = 903 }, result.LimitViolationSecondsByLimit);
        Assert.Equal(862, result.LimitViolationSteadySeconds, 9);
    }

    [Fact]
    public void Of_two_sessions_arriving_at_one_point_at_one_instant_the_first_listed_gets_it()
    {
        // Scenario files refuse this; a site built in code may have it (the point is taken: the other is rejected).
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var points = new[] { new ChargePointSpec("CP1", "M", Amps.From(16), ChargePointSpec.NoRotation) };
        var site = new SiteSpec(start, TimeSpan.FromHours(1), 1)
        {
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)), new DlmControllerOptions(), [new StationSpec("M", StationRole.MasterWithInternalSlave, points)])],
            Vehicles =
            [
                new VehicleSpec("First", "CP1", start.AddMinutes(10), start.AddMinutes(50), 5),
                new VehicleSpec("Second", "CP1", start.AddMinutes(10), start.AddMinutes(40), 5),
            ],
        };
        var result = new SiteSimulation(site).Run();
        Assert.False(result.Sessions.Single(s => s.Id == "First").Rejected);
        Assert.True(result.Sessions.Single(s => s.Id == "Second").Rejected);
    }

    [Fact]
    public void A_point_used_again_after_a_departure_counts_once_in_the_next_decisions()
    {
        // A 20 A line. A at CP1 all along; B1 at CP2 until 600 s; B2 at CP2 from 1 200 s. With B2, A and B2 share the
        // line: 10 A each, B2 from 1 203 s to 2 400 s.
        var result = Run("""
            name: point used again
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 20}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, energyKWh: 50, maxCurrent: 32, reactionDelay: 3s}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 2h}
                - {id: B1, chargePoint: CP2, arrival: 0s, departure: 10m}
                - {id: B2, chargePoint: CP2, arrival: 20m, departure: 40m}
            """);
        Assert.Equal(3, result.Sessions.Count);
        AssertKWh(690.0 * 10 * 1197 / 3600 / 1000, result.Sessions.Single(s => s.Id == "B2").EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_that_leaves_before_its_target_draws_nothing_after()
    {
        // 16 A from 3 s; it would reach its 11.04 kWh at 3 603 s, but leaves at 1 800 s: its point is at 0 A from then.
        var points = new CurrentRecorder(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var result = OneVehicleLine.Run("2h", 230, "departure: 30m, batteryKWh: 100, initialSoc: 0, energyKWh: 11.04", points);
        Assert.Equal([(0.0, Amps.Zero), (3.0, Amps.From(16)), (1800.0, Amps.Zero)], points.Point("CP1"));
        Assert.Single(result.Sessions);
    }

    [Fact]
    public void A_limit_change_that_leaves_the_signal_as_it_is_takes_one_decision()
    {
        // One 16 A vehicle, Operator limit 32 A then 20 A from 600 s: still 16 A. Events: arrival, decision (0 s),
        // following (3 s), decision (30 s), the limit change and its decision (600 s), departure and its decision
        // (3 600 s) = 8, of them 4 decisions.
        var result = Run("""
            name: limit change without effect
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 32}
                operatorLimitChanges: [{at: 10m, limit: 20}]
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 16, reactionDelay: 3s}
            """);
        Assert.Equal(8, result.Events);
        Assert.Equal(4, result.Decisions);
    }

    [Fact]
    public void Deciding_every_period_stops_once_no_vehicle_wants_energy()
    {
        // One 16 A vehicle wanting 1.38 kWh: 11 040 W from 3 s, full at 453 s. Decisions every 30 s from 0 s while it
        // wants energy; the one at 480 s finds it full and schedules none; then its departure's at 3 600 s: 18.
        var result = Run(
            """
            name: every period
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 1.38, maxCurrent: 16, reactionDelay: 3s}
            """,
            new SiteSimulationOptions { DecideEveryPeriod = true });
        Assert.Equal(18, result.Decisions);
    }

    [Fact]
    public void A_load_step_between_polls_is_decided_on_at_the_poll_that_shows_it_and_no_more()
    {
        // An excluding meter polled every 5 min, a 40 A Main Distribution Limit, 60 s samples. A takes 32 A (its
        // point's limit) from 3 s. The house steps to 20 A at 60 s and back to 0 A at 600 s (a poll instant).
        //   0 s: 32 A (look again at 60 s). 60 s: the decision comes before the step (decisions first at an instant);
        //   the step asks for the next, 120 s, which still reads the poll of 0 s; so the next is at the poll that
        //   shows the step, 300 s: 40 - 20 = 20 A (look again at 360 s), followed at 303 s. 600 s: the step back,
        //   decided at once on the poll of 600 s: 32 A (look again at 660 s). Then nothing until the end (900 s).
        //   Decisions: 0, 60, 120, 300, 360, 600, 660 s. Main Distribution Limit: 20 + 32 = 52 A over [60, 303).
        var result = Run("""
            name: meter poll after a load step
            start: 2026-06-01T00:00:00Z
            duration: 15m
            meter: {pollInterval: 5m}
            externalLoads:
              - {name: house, daily: [{at: "00:00", currents: 0}, {at: "00:01", currents: 20}, {at: "00:10", currents: 0}]}
            networks:
              - id: 0
                sampleRate: 60s
                settings: {evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 40}}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 2h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        Assert.Equal(7, result.Decisions);
        Assert.Equal(
            new LimitExcursion("network0.mainDistributionLimit", false, new DateTimeOffset(2026, 6, 1, 0, 1, 0, TimeSpan.Zero), TimeSpan.FromSeconds(243), Amps.From(12), 12 * 243),
            Assert.Single(result.LimitExcursions));
    }
}
