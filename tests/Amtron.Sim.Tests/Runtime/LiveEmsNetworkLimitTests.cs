using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A live run in which an EMS writes the HEMS current limit of a master whose satellites do not serve the EMS
/// interface: the EMS controls the whole network (manual 6.4), so the write is the network's Operator EVSE
/// Sub-Distribution Limit from that instant, and the run's site and result show it. Worked by hand.
/// </summary>
public sealed class LiveEmsNetworkLimitTests
{
    // Network 0: the master CS1 serves the EMS interface, its satellite CS2 does not. Two 3-phase ideal vehicles of
    // 16 A from the start get their 16 A (63 A allowed). Network 1 (32 A, no EMS) has an empty point. The window after
    // a change: 10 s sample + 5 s reaction allowance (the vehicles follow at once) = 15 s.
    private const string Site = """
        name: live network limit
        start: 2026-06-01T00:00:00Z
        duration: 20m
        networks:
          - id: 0
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 63}
            stations:
              - {id: CS1, role: masterWithInternalSlave, modbus: {server: on}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
              - {id: CS2, role: slaveAutoDiscovery, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
          - id: 1
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: CS3, role: masterWithInternalSlave, chargePoints: [{id: CP3, installationCurrentLimit: 16}]}
        vehicles:
          defaults: {model: ideal, energyKWh: 100, maxCurrent: 16}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
            - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h}
        """;

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_write_to_the_master_is_the_network_s_operator_limit_from_that_instant()
    {
        // 20 A written at 605 s, between two decisions. The next decision, at 610 s, shares 20 A in 1 A steps: 10 A
        // each. Until then both still draw 16 A: 32 A against 20 A for 5 s, inside the window the write opened.
        var run = SteppedLiveRun.Start(Site);
        var before = await run.At(TimeSpan.FromSeconds(605));
        Assert.Equal((16, 16), (before.Points[0].SignalledAmps, before.Points[1].SignalledAmps));
        await run.Write(("CP1", 20));

        var after = await run.At(TimeSpan.FromSeconds(610));
        Assert.Equal((10, 10), (after.Points[0].SignalledAmps, after.Points[1].SignalledAmps));
        Assert.Equal([PhaseCurrents.Uniform(20), PhaseCurrents.Uniform(32)], after.DlmLimits);

        var result = await run.End();
        Assert.Equal(5, result.LimitViolationSecondsByLimit["network0.dlmLimit"], 9);
        Assert.Equal(5, result.LimitViolationSeconds, 9);
        Assert.Equal(0, result.LimitViolationSteadySeconds, 9);
    }

    [Fact]
    public async Task The_run_s_site_has_the_operator_limit_written_and_every_other_network_as_given()
    {
        var run = SteppedLiveRun.Start(Site);
        var given = run.Simulation.Spec;
        await run.At(TimeSpan.FromSeconds(605));
        await run.Write(("CP1", 20));
        await run.End();

        var change = Assert.Single(run.Simulation.Spec.Networks[0].OperatorLimitChanges);
        Assert.Equal(new OperatorLimitChange(Start.AddSeconds(605), PhaseCurrents.Uniform(20)), change);
        Assert.Same(given.Networks[1], run.Simulation.Spec.Networks[1]);
    }

    [Fact]
    public async Task Sessions_still_open_at_the_end_are_in_the_result()
    {
        // A and B: 16 A for 610 s, then 10 A for the 590 s left of the 20 min, on 3 phases at 230 V:
        // 690 W/A × (16 × 610 + 10 × 590) A·s / 3600 s/h = 690 × 15,660 / 3600 = 3,001.5 Wh each.
        var run = SteppedLiveRun.Start(Site);
        await run.At(TimeSpan.FromSeconds(605));
        await run.Write(("CP1", 20));
        var result = await run.End();

        Assert.Equal(["A", "B"], result.Sessions.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(result.Sessions, s => Assert.Equal(3.0015, s.EnergyDeliveredKWh, 9));
    }
}
