using System.Collections.Concurrent;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A live run (<c>amtron run --serve-ems</c>) on a fake wall clock at 60× (a simulated minute per second): what an EMS
/// writes to a charge point's HEMS current limit applies at the simulated instant it arrives (manual 6.4).
/// </summary>
public sealed class LiveRunTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    // Two 32 A points on a 63 A line, 10 s samples; two 3-phase vehicles with 32 A chargers and 100 kWh batteries
    // (no taper within the hour) plugged in from the start, following a new signal in 2 s. 63 A in 1 A steps, the
    // remainder to the earlier point: CP1 32 A, CP2 31 A.
    private static string Site(string satelliteModbus) => $$"""
        name: live
        start: 2026-06-01T00:00:00Z
        duration: 1h
        networks:
          - id: 0
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 63}
            stations:
              - {id: CS1, role: masterWithInternalSlave, modbus: {server: on}, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
              - {id: CS2, role: slaveAutoDiscovery, {{satelliteModbus}}chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
        vehicles:
          sessions:
            - {chargePoint: CP1, arrival: 2026-06-01T00:00:00Z, departure: 2026-06-01T01:00:00Z, energyKWh: 50, batteryKWh: 100, maxCurrent: 32, reactionDelay: 2s}
            - {chargePoint: CP2, arrival: 2026-06-01T00:00:00Z, departure: 2026-06-01T01:00:00Z, energyKWh: 50, batteryKWh: 100, maxCurrent: 32, reactionDelay: 2s}
        """;

    [Fact]
    public async Task A_write_to_an_ems_controlled_master_sets_the_network_s_operator_limit_from_that_instant()
    {
        // Only the master serves the EMS interface: it controls the whole network. At wall 10 s (simulated 600 s) the EMS
        // writes 20 A: the decision at 600 s gives 10 A each (20 A in 1 A steps). The vehicles follow at 602 s, so the
        // line carries 63 A against the new 20 A limit for 2 s, inside the reaction window (transient, not steady).
        var (run, snapshots, simulation) = await RunWithWriteAt(Site(string.Empty), "CP1", 20);

        Assert.Equal((32, 31), Signals(snapshots, Start.AddSeconds(599)));
        Assert.Equal((10, 10), Signals(snapshots, Start.AddSeconds(600)));
        var change = Assert.Single(simulation.Spec.Networks[0].OperatorLimitChanges);
        Assert.Equal((Start.AddSeconds(600), PhaseCurrents.Uniform(20)), (change.At, change.Limit));
        Assert.Equal(2, run.LimitViolationSecondsByLimit["network0.dlmLimit"], 1e-9);
        Assert.Equal(0, run.LimitViolationSteadySeconds);
    }

    [Fact]
    public async Task With_every_station_serving_a_write_caps_only_that_point()
    {
        // The satellite serves too: the EMS controls each station on its own. 16 A written to CP2 caps it: CP2 16 A,
        // CP1 its 32 A (63 − 16 = 47 A would allow more); the network's Operator limit is unchanged.
        var (_, snapshots, simulation) = await RunWithWriteAt(Site("modbus: {server: on, basePort: 503}, "), "CP2", 16);

        Assert.Equal((32, 31), Signals(snapshots, Start.AddSeconds(599)));
        Assert.Equal((32, 16), Signals(snapshots, Start.AddSeconds(600)));
        Assert.Empty(simulation.Spec.Networks[0].OperatorLimitChanges);
    }

    [Fact]
    public async Task A_write_to_a_point_whose_station_does_not_serve_changes_nothing()
    {
        var (_, snapshots, simulation) = await RunWithWriteAt(Site(string.Empty), "CP2", 6);

        Assert.Equal((32, 31), Signals(snapshots, Start.AddSeconds(1800)));
        Assert.Empty(simulation.Spec.Networks[0].OperatorLimitChanges);
    }

    [Fact]
    public async Task Snapshots_carry_the_meter_s_digital_input_and_an_excluding_meter_sees_no_draw()
    {
        // A meter on no master's External Meter Location sees the external loads alone (none here: 0 A), whatever the
        // vehicles draw; its digital input is energised from 10 to 20 min.
        var yaml = Site(string.Empty).Replace("networks:", "meter: {type: PAC2200, digitalInput: [{from: 10m, to: 20m}]}\nnetworks:", StringComparison.Ordinal);
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var simulation = new SiteSimulation(ScenarioLoader.Parse(yaml, "live.yaml").Site);
        var snapshots = new ConcurrentQueue<LiveSnapshot>();
        simulation.Live.Published += snapshots.Enqueue;
        var run = simulation.RunRealtimeAsync(clock, 60, CancellationToken.None);
        await AdvanceTo(clock, TimeSpan.FromSeconds(61), () => run.IsCompleted);
        await run.WaitAsync(Guard);

        Assert.All(snapshots, s => Assert.Equal(s.Time >= Start.AddMinutes(10) && s.Time < Start.AddMinutes(20), s.DigitalInput));
        Assert.Contains(snapshots, s => s.DigitalInput);
        Assert.All(snapshots, s => Assert.Equal(PhaseCurrents.Zero, s.Meter));
        Assert.Contains(snapshots, s => s.Draw != PhaseCurrents.Zero);
    }

    /// <summary>The signals of CP1 and CP2 in the last snapshot published at or before <paramref name="time"/>.</summary>
    private static (int, int) Signals(IEnumerable<LiveSnapshot> snapshots, DateTimeOffset time)
    {
        var last = snapshots.Last(s => s.Time <= time);
        return (last.Points[0].SignalledAmps, last.Points[1].SignalledAmps);
    }

    /// <summary>Runs the hour at 60×, writing <paramref name="amps"/> to <paramref name="pointId"/> at wall 10 s.</summary>
    private static async Task<(SimulationResult Result, List<LiveSnapshot> Snapshots, SiteSimulation Simulation)> RunWithWriteAt(string yaml, string pointId, int amps)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var simulation = new SiteSimulation(ScenarioLoader.Parse(yaml, "live.yaml").Site);
        var snapshots = new ConcurrentQueue<LiveSnapshot>();
        simulation.Live.Published += snapshots.Enqueue;
        var run = simulation.RunRealtimeAsync(clock, 60, CancellationToken.None);

        await AdvanceTo(clock, TimeSpan.FromSeconds(10), () => true);
        simulation.Live.WriteEmsLimit(pointId, amps);
        // The clock stands still until the write is applied (after the events due by then), so at simulated 600 s.
        await WaitFor(() => simulation.Live.CommandsPublished == 1);
        await AdvanceTo(clock, TimeSpan.FromSeconds(61), () => run.IsCompleted);
        return (await run.WaitAsync(Guard), [.. snapshots], simulation);
    }

    /// <summary>Advances the fake clock in 250 ms steps to <paramref name="wall"/> past its start, letting the run catch up after each.</summary>
    private static async Task AdvanceTo(FakeTimeProvider clock, TimeSpan wall, Func<bool> caughtUp)
    {
        var end = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) + wall;
        while (clock.GetUtcNow() < end)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        await WaitFor(caughtUp);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the live run did not catch up");
            await Task.Delay(5);
        }
    }
}
