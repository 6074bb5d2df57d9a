using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// What a live run publishes for each charge point (what its EMS interface shows): with a vehicle drawing, with one
/// connected that has all it wanted, and without one; its meter total per connector phase over the sessions that
/// ended and the one in progress. Energies worked by hand: 230 V × A × h on each phase the vehicle uses.
/// </summary>
public sealed class LiveSnapshotPointTests
{
    // 63 A for 16 + 32 A of installation limits: every point gets its Installation Current Limit. Ideal vehicles draw
    // their maxCurrent from the decision at their arrival (sample boundaries every 10 s, arrivals on them).
    // A: 3-phase 16 A at CP1 from 0 to 30 min. B: 1-phase 16 A at CP1 from 45 min (L1, the connector's first phase).
    // C: 3-phase 32 A at CP2 from 0; 2.76 kWh is 230 × 32 × 3 = 22,080 W for 7.5 min, then it stays, not drawing.
    private const string Site = """
        name: live points
        start: 2026-06-01T00:00:00Z
        duration: 2h
        networks:
          - id: 0
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 63}
            stations:
              - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 32}]}
              - {id: CS2, role: slaveAutoDiscovery, chargePoints: [{id: CP3, installationCurrentLimit: 20}]}
        vehicles:
          defaults: {model: ideal}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 30m, energyKWh: 100, maxCurrent: 16}
            - {id: B, chargePoint: CP1, arrival: 45m, departure: 2h, energyKWh: 100, maxCurrent: 16, phases: 1}
            - {id: C, chargePoint: CP2, arrival: 0s, departure: 2h, energyKWh: 2.76, maxCurrent: 32}
        """;

    [Fact]
    public async Task A_point_with_a_vehicle_drawing_shows_its_session_and_its_energy_on_each_phase()
    {
        var run = SteppedLiveRun.Start(Site);
        var cp1 = (await run.At(TimeSpan.FromMinutes(15))).Points[0];

        // A for 15 min: 230 V × 16 A × 0.25 h = 920 Wh per phase, 3 × 920 = 2,760 Wh in the session.
        Assert.Equal("CP1", cp1.Id);
        Assert.True(cp1.VehicleConnected);
        Assert.True(cp1.Charging);
        Assert.True(cp1.Drawing);
        Assert.Equal(16, cp1.SignalledAmps);
        Assert.Equal(16, cp1.EvMaximumAmps);
        Assert.Equal(16, cp1.InstallationLimitAmps);
        Assert.Equal(3, cp1.VehiclePhases);
        Assert.Equal(Amps.From(16), cp1.Current);
        AssertWh([920, 920, 920], cp1.EnergyWh);
        Assert.Equal(2760, cp1.SessionWh, 6);
        Assert.Equal(TimeSpan.FromMinutes(15), cp1.SessionDuration);
        Assert.Equal("A", cp1.VehicleId);
    }

    [Fact]
    public async Task A_vehicle_that_has_all_it_wanted_is_connected_and_draws_nothing()
    {
        var run = SteppedLiveRun.Start(Site);
        var cp2 = (await run.At(TimeSpan.FromMinutes(15))).Points[1];

        // C has had its 2,760 Wh since 7.5 min (920 Wh per phase): its contactor is open and it could take no more.
        Assert.True(cp2.VehicleConnected);
        Assert.False(cp2.Charging);
        Assert.False(cp2.Drawing);
        Assert.Equal(0, cp2.EvMaximumAmps);
        Assert.Equal(32, cp2.InstallationLimitAmps);
        Assert.Equal(3, cp2.VehiclePhases);
        Assert.Equal(Amps.Zero, cp2.Current);
        AssertWh([920, 920, 920], cp2.EnergyWh);
        Assert.Equal(2760, cp2.SessionWh, 6);
        Assert.Equal(TimeSpan.FromMinutes(15), cp2.SessionDuration);
        Assert.Equal("C", cp2.VehicleId);
    }

    [Fact]
    public async Task A_point_without_a_vehicle_shows_nothing_connected_and_only_its_ended_sessions()
    {
        var run = SteppedLiveRun.Start(Site);
        var snapshot = await run.At(TimeSpan.FromMinutes(40));

        // CP1 between A and B: A's 30 min, 230 V × 16 A × 0.5 h = 1,840 Wh per phase. CP3 never had a vehicle.
        AssertEmpty(snapshot.Points[0], "CP1", 16);
        AssertWh([1840, 1840, 1840], snapshot.Points[0].EnergyWh);
        AssertEmpty(snapshot.Points[2], "CP3", 20);
        AssertWh([0, 0, 0], snapshot.Points[2].EnergyWh);
    }

    [Fact]
    public async Task A_one_phase_vehicle_s_energy_is_on_the_connector_s_first_phase_only()
    {
        var run = SteppedLiveRun.Start(Site);
        var cp1 = (await run.At(TimeSpan.FromMinutes(60))).Points[0];

        // B for 15 min on L1: 230 V × 16 A × 0.25 h = 920 Wh, on top of A's 1,840 Wh per phase.
        Assert.Equal(1, cp1.VehiclePhases);
        Assert.Equal(Amps.From(16), cp1.Current);
        AssertWh([1840 + 920, 1840, 1840], cp1.EnergyWh);
        Assert.Equal(920, cp1.SessionWh, 6);
        Assert.Equal(TimeSpan.FromMinutes(15), cp1.SessionDuration);
        Assert.Equal("B", cp1.VehicleId);
    }

    [Fact]
    public void A_point_given_only_its_id_has_no_vehicle_id_and_no_energy()
    {
        var point = new LivePoint("CP1");
        Assert.Equal(string.Empty, point.VehicleId);
        Assert.Equal([0.0, 0.0, 0.0], point.EnergyWh);
    }

    private static void AssertEmpty(LivePoint point, string id, int installationLimit)
    {
        Assert.Equal(id, point.Id);
        Assert.False(point.VehicleConnected);
        Assert.False(point.Charging);
        Assert.False(point.Drawing);
        Assert.Equal(0, point.SignalledAmps);
        Assert.Equal(0, point.EvMaximumAmps);
        Assert.Equal(installationLimit, point.InstallationLimitAmps);
        Assert.Equal(0, point.VehiclePhases);
        Assert.Equal(Amps.Zero, point.Current);
        Assert.Equal(0, point.SessionWh);
        Assert.Equal(TimeSpan.Zero, point.SessionDuration);
        Assert.Equal(string.Empty, point.VehicleId);
    }

    private static void AssertWh(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var p = 0; p < expected.Length; p++)
        {
            Assert.Equal(expected[p], actual[p], 6);
        }
    }
}
