using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Manual 6.2: charge points on one Ethernet backbone but on different supply lines are separated by their "DLM
/// Network Id": each line's master decides over its own charge points and its own limits only. Here one of the two
/// networks also has an external meter (6.3.1, Excluding): the household load it measures concerns that network alone.
/// </summary>
public sealed class NetworkSeparationTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Network 0: a 32 A line, no meter, CP1 (master) and CP2 (satellite). Network 1: a 63 A line behind a meter that
    /// measures the household only; Main Distribution Limit 80 A with an External Load Headroom of 32 A, the room
    /// the installer keeps at the main fuse for network 0's line, which this meter does not see. CP3 (master), CP4
    /// (satellite). Household: 20 A per phase, 10 A from 00:20. Three-phase 32 A vehicles, 3 s reactions, 30 s samples.
    /// </summary>
    private const string Site = """
        name: two DLM networks on one backbone, a meter on one of them
        start: 2026-06-01T00:00:00Z
        duration: 2h
        meter: {pollInterval: 5s}
        externalLoads:
          - {name: household, daily: [{at: "00:00", currents: 20}, {at: "00:20", currents: 10}]}
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: M0, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
              - {id: S0, role: slaveAutoDiscovery, chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
          - id: 1
            settings: {evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 80, externalLoadHeadroom: 32}}
            stations:
              - {id: M1, role: masterWithInternalSlave, chargePoints: [{id: CP3, installationCurrentLimit: 32}]}
              - {id: S1, role: slaveAutoDiscovery, chargePoints: [{id: CP4, installationCurrentLimit: 32}]}
        vehicles:
          defaults: {batteryKWh: 100, initialSoc: 0, maxCurrent: 32, phases: 3, energyKWh: 90, reactionDelay: 3s}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
            - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h}
            - {id: C, chargePoint: CP3, arrival: 0s, departure: 1h}
            - {id: D, chargePoint: CP4, arrival: 5m, departure: 1h}
        """;

    [Fact]
    public void Each_network_shares_its_own_limit_among_its_own_vehicles_and_only_the_metered_one_follows_the_meter_6_2()
    {
        var currents = new CurrentRecorder(Start);
        var result = new SiteSimulation(ScenarioLoader.Parse(Site, "6.2-meter.yaml").Site, currents).Run();

        // Network 0 has no meter: its available current is its 32 A line, whatever the household does; A and B share
        // it, 32 / 2 = 16 A each, from 3 s to 3 600 s. (Decided over all four vehicles it would be 32 / 4 = 8 A.)
        Assert.Equal([(0, PhaseCurrents.Uniform(32))], currents.Available(0));
        currents.AssertPoint("CP1", [(0, 0), (3, 16), (3600, 0)], 0);
        currents.AssertPoint("CP2", [(0, 0), (3, 16), (3600, 0)], 0);

        // Network 1: available = Main Distribution Limit - household - headroom = 80 - 20 - 32 = 28 A from 0 s, and
        // 80 - 10 - 32 = 38 A from the decision at 00:20 (the meter's poll at 1 200 s shows the drop).
        //   C alone: 28 A from 3 s. D arrives at 300 s: the decision at 300 s gives 28 / 2 = 14 A each (from 303 s).
        //   At 1 200 s: 38 / 2 = 19 A each (from 1 203 s), to 3 600 s.
        // (Network 0's vehicles are not in its sum: with them it would be 28 / 3 = 9 A, then 7 A.)
        Assert.Equal([(0, PhaseCurrents.Uniform(28)), (1200, PhaseCurrents.Uniform(38))], currents.Available(1));
        currents.AssertPoint("CP3", [(0, 0), (3, 28), (303, 14), (1203, 19), (3600, 0)], 0);
        currents.AssertPoint("CP4", [(0, 0), (303, 14), (1203, 19), (3600, 0)], 0);

        // Energies at 690 W per amp (230 V, three phases):
        //   A = B = 16 A x 3 597 s                                     = 690 x 57 552 / 3 600 Wh = 11 030.8 Wh
        //   C = 28 A x 300 s + 14 A x 900 s + 19 A x 2 397 s           = 690 x 66 543 / 3 600 Wh = 12 754.075 Wh
        //   D = 14 A x 900 s + 19 A x 2 397 s                          = 690 x 58 143 / 3 600 Wh = 11 144.075 Wh
        static double KWh(double ampereSeconds) => 690 * ampereSeconds / 3600 / 1000;
        Assert.Equal(KWh(16 * 3597), result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh, 1e-9);
        Assert.Equal(KWh(16 * 3597), result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh, 1e-9);
        Assert.Equal(KWh((28 * 300) + (14 * 900) + (19 * 2397)), result.Sessions.Single(s => s.Id == "C").EnergyDeliveredKWh, 1e-9);
        Assert.Equal(KWh((14 * 900) + (19 * 2397)), result.Sessions.Single(s => s.Id == "D").EnergyDeliveredKWh, 1e-9);

        // At the grid: household 20 + network 0's 32 + network 1's 28 = 80 A, and 10 + 32 + 38 = 80 A after 00:20:
        // the headroom kept for network 0 keeps the main fuse's 80 A, never exceeded.
        Assert.Equal([Amps.From(80), Amps.From(80), Amps.From(80)], result.MaxPhaseCurrent);
        Assert.Equal(0, result.LimitViolationSeconds);
    }
}
