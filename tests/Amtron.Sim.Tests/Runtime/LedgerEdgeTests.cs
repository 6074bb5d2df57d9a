using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Edges of what the ledger checks and writes, worked by hand: a limit that only a satellite out of reach can exceed,
/// imbalance of a network without a meter beside an unbalanced house, the row of a load step. 230 V, 30 s samples,
/// 5 s reaction allowance, vehicles that follow in 3 s unless a test says otherwise.
/// </summary>
public sealed class LedgerEdgeTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static SimulationResult Run(string yaml) => new SiteSimulation(ScenarioLoader.Parse(yaml, "ledger.yaml").Site).Run();

    [Fact]
    public void A_satellite_on_its_disconnected_limit_above_the_sub_distribution_limit_exceeds_it_as_a_current_limit()
    {
        // A 20 A sub-distribution (so a 20 A DLM limit too). X, three phases, 32 A charger, at satellite S whose
        // Disconnected Limit is 32 A: 20 A while S reaches the master. S is out of reach from 600 s to 1 200 s: X
        // follows its own 32 A at 603 s and the master's 20 A again at 1 203 s: 600 s at 12 A above both limits.
        // Windows of 30 + 5 + 3 = 38 s from the outage (to 638 s), X's draw change (603 s, to 641 s) and the return
        // (1 200 s, to 1 238 s): transient [603, 641) + [1 200, 1 203) = 41 s, steady 559 s. The site's meter, which no
        // network reads, makes the site's window a poll longer (48 s), not the network's.
        var result = Run("""
            name: sub-distribution exceeded
            start: 2026-06-01T00:00:00Z
            duration: 1h
            meter: {pollInterval: 10s}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 20}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
                  - {id: S, role: slaveAutoDiscovery, disconnectedLimit: 32, outages: [{from: 10m, to: 20m}], chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              sessions:
                - {id: X, chargePoint: CP2, arrival: 0s, departure: 1h, batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 32, reactionDelay: 3s}
            """);
        Assert.Equal(
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["network0.evseSubDistributionLimit"] = 600,
                ["network0.dlmLimit"] = 600,
            },
            result.LimitViolationSecondsByLimit);
        Assert.Equal(600, result.LimitViolationSeconds, 9);
        Assert.Equal(559, result.LimitViolationSteadySeconds, 9);
        Assert.Equal(0, result.ImbalanceViolationSeconds, 9);
        Assert.Equal(Amps.From(12), result.PeakOvershoot);
        Assert.All(result.LimitExcursions, e => Assert.False(e.Imbalance));
    }

    [Fact]
    public void Without_a_meter_the_imbalance_is_judged_on_the_networks_own_line_whatever_the_house_does()
    {
        // Imbalance limit 10 A, no meter, a house of [30, 0, 0] A that the network's line does not carry. One-phase
        // 16 A vehicles on L1 (CP1), L2 (CP2, wired [L2, L3, L1]) and L3 (CP3, wired [L3, L1, L2]), arriving a minute
        // apart, end up at 16 A each, balanced. C (on L3, the lowest phase once it leaves) leaves at 600 s: L1 = L2 =
        // 16, L3 = 0 A, a spread 6 A above the limit until the decision at 600 s gives A and B 10 A, followed at 603 s.
        // The house's own spread (30 A) is no allowance on a line that does not carry it.
        var result = Run("""
            name: imbalance without a meter
            start: 2026-06-01T00:00:00Z
            duration: 1h
            externalLoads:
              - {name: house, constant: [30, 0, 0]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 10}
                stations:
                  - id: M
                    role: masterWithInternalSlave
                    chargePoints:
                      - {id: CP1, installationCurrentLimit: 16}
                      - {id: CP2, installationCurrentLimit: 16, phaseRotation: [L2, L3, L1]}
                      - {id: CP3, installationCurrentLimit: 16, phaseRotation: [L3, L1, L2]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, maxCurrent: 16, energyKWh: 50, reactionDelay: 3s, phases: 1}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
                - {id: B, chargePoint: CP2, arrival: 1m, departure: 1h}
                - {id: C, chargePoint: CP3, arrival: 2m, departure: 10m}
            """);
        Assert.Equal(
            new LimitExcursion("network0.currentImbalanceLimit", true, Start.AddSeconds(600), TimeSpan.FromSeconds(3), Amps.From(6), 18),
            Assert.Single(result.LimitExcursions));
    }

    [Fact]
    public void The_imbalance_is_measured_from_the_lowest_phase_wherever_it_is()
    {
        // As above, but A (on L1) leaves at 600 s instead of C: L1 = 0, L2 = L3 = 16 A, the lowest phase now L1 (above
        // it was L3). The spread is 16 A, 6 A above the 10 A limit, until the decision at 600 s gives B and C 10 A,
        // followed at 603 s: 3 s, peak 6 A, 6 A x 3 s = 18 A·s, the excursion above.
        var result = Run("""
            name: imbalance with L1 lowest
            start: 2026-06-01T00:00:00Z
            duration: 1h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 10}
                stations:
                  - id: M
                    role: masterWithInternalSlave
                    chargePoints:
                      - {id: CP1, installationCurrentLimit: 16}
                      - {id: CP2, installationCurrentLimit: 16, phaseRotation: [L2, L3, L1]}
                      - {id: CP3, installationCurrentLimit: 16, phaseRotation: [L3, L1, L2]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, maxCurrent: 16, energyKWh: 50, reactionDelay: 3s, phases: 1}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 10m}
                - {id: B, chargePoint: CP2, arrival: 1m, departure: 1h}
                - {id: C, chargePoint: CP3, arrival: 2m, departure: 1h}
            """);
        Assert.Equal(
            new LimitExcursion("network0.currentImbalanceLimit", true, Start.AddSeconds(600), TimeSpan.FromSeconds(3), Amps.From(6), 18),
            Assert.Single(result.LimitExcursions));
    }

    [Fact]
    public void A_load_step_alone_makes_a_row_with_the_new_supply()
    {
        // No vehicle: only the house changes the supply, at 100 s and 110 s.
        var rows = new SupplyRows(Start);
        var points = new[] { new ChargePointSpec("CP1", "CS1", Amps.From(16), ChargePointSpec.NoRotation) };
        var steps = new[] { (Start, PhaseCurrents.Uniform(5)), (Start.AddSeconds(100), PhaseCurrents.FromWholeAmps(8, 7, 6)), (Start.AddSeconds(110), PhaseCurrents.Uniform(5)) };
        var site = new SiteSpec(Start, TimeSpan.FromMinutes(10), 1)
        {
            ExternalLoads = [new TimeSeriesLoad("house", steps)],
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)), new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)])],
        };
        new SiteSimulation(site, rows).Run();
        Assert.Equal([(0.0, PhaseCurrents.Uniform(5)), (100.0, PhaseCurrents.FromWholeAmps(8, 7, 6)), (110.0, PhaseCurrents.Uniform(5))], rows.Rows);
    }

    /// <summary>The supply of every row, at its second after the start.</summary>
    private sealed class SupplyRows(DateTimeOffset start) : ITimeSeriesSink
    {
        public List<(double Second, PhaseCurrents Supply)> Rows { get; } = [];

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
            Rows.Add(((time - start).TotalSeconds, supply));

        public void Finish(DateTimeOffset time)
        {
        }
    }
}
