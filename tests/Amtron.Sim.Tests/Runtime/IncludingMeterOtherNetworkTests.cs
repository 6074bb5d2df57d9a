using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A meter that includes every charge point of the site feeds one network's draw into another's decisions: a draw
/// change in a network without the meter makes the metered network decide again. Worked by hand.
/// </summary>
public sealed class IncludingMeterOtherNetworkTests
{
    [Fact]
    public void A_draw_change_in_another_network_makes_the_metered_network_decide()
    {
        // Meter polled every 30 s, no house load. Network 1 has it (Including, 24 A Main Distribution Limit); network 0
        // has none. Y (network 1, 16 A point) arrives at 0 s: 24 A available, 16 A from 3 s; at 30 s the poll shows its
        // own 16 A, so 16 - 16 = 0 A external: nothing changes, and network 1 has nothing more to decide. X (network 0)
        // arrives at 600 s and draws 16 A from 603 s. Network 1 decides at the next boundary, 630 s: the poll of
        // 630 s reads 16 + 16 = 32 A, of which Y's 16 A are its own: 16 A external, 24 - 16 = 8 A available: Y gets
        // 8 A, followed at 633 s. At 660 s: 16 + 8 = 24 A read, 8 A own: 16 A external, 8 A: no change.
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var recorder = new CurrentRecorder(start);
        var site = ScenarioLoader.Parse("""
            name: including meter, other network
            start: 2026-06-01T00:00:00Z
            duration: 20m
            meter: {pollInterval: 30s}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M0, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
              - id: 1
                settings: {evseSubDistributionLimit: 63, externalMeter: {location: including, mainDistributionLimit: 24}}
                stations:
                  - {id: M1, role: masterWithInternalSlave, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 16, reactionDelay: 3s}
              sessions:
                - {id: Y, chargePoint: CP2, arrival: 0s, departure: 1h}
                - {id: X, chargePoint: CP1, arrival: 10m, departure: 1h}
            """, "including-other-network.yaml").Site;
        new SiteSimulation(site, recorder).Run();
        Assert.Equal([(0.0, Amps.Zero), (3.0, Amps.From(16)), (633.0, Amps.From(8))], recorder.Point("CP2"));
        Assert.Equal([(0.0, Amps.Zero), (603.0, Amps.From(16))], recorder.Point("CP1"));
    }
}
