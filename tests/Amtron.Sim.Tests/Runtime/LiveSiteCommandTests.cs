using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// <see cref="LiveSite"/>, the bridge from other threads into a live run: writes are taken in the order they were
/// posted, <see cref="LiveSite.CommandsPublished"/> counts those whose state has been published, and a write that
/// names no charge point, or one whose station does not serve the EMS interface, changes nothing.
/// </summary>
public sealed class LiveSiteCommandTests
{
    // A standalone master serving the EMS interface (a write applies at once), and a satellite that does not serve.
    private const string Site = """
        name: live commands
        start: 2026-06-01T00:00:00Z
        duration: 1h
        networks:
          - id: 0
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: S1, role: masterStandalone, modbus: {server: on}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
              - {id: S2, role: slaveAutoDiscovery, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
        vehicles:
          defaults: {model: ideal, energyKWh: 100, maxCurrent: 16}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
            - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h}
        """;

    [Fact]
    public void A_write_needs_a_point_id() =>
        Assert.Throws<ArgumentNullException>(() => new SiteSimulation(ScenarioLoader.Parse(Site, "live.yaml").Site).Live.WriteEmsLimit(null!, 6));

    [Fact]
    public async Task Writes_posted_together_apply_in_order_and_are_counted_once_published()
    {
        // 10 A then 12 A to CP1 before the run takes either: the later one holds, min(12, 16) = 12 A.
        var run = SteppedLiveRun.Start(Site);
        await run.Write(("CP1", 10), ("CP1", 12));

        Assert.Equal(2, run.Simulation.Live.CommandsPublished);
        Assert.Equal(12, run.Simulation.Live.Snapshot!.Points[0].SignalledAmps);
    }

    [Fact]
    public async Task A_write_to_no_point_or_to_a_station_without_the_ems_server_changes_nothing()
    {
        // CP2's network gives B its 16 A (32 A allowed); S2 does not serve the EMS interface.
        var run = SteppedLiveRun.Start(Site);
        await run.At(TimeSpan.FromMinutes(5));
        await run.Write((SteppedLiveRun.NoPoint, 6), ("CP2", 6));

        var after = await run.At(TimeSpan.FromMinutes(10));
        Assert.Equal((16, 16), (after.Points[0].SignalledAmps, after.Points[1].SignalledAmps));
        Assert.Empty(run.Simulation.Spec.Networks[0].OperatorLimitChanges);
    }
}
