using Amtron.Dlm.Units;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A live run in which an EMS writes the HEMS current limit of a station it controls on its own (manual 6.4: the
/// interface is on at each station): the write caps that point only, from the network's next decision; written again
/// unchanged, it does nothing. Worked by hand.
/// </summary>
public sealed class LiveEmsPointCapTests
{
    // Master and satellite both serve the EMS interface. Two 3-phase ideal vehicles of 16 A from the start get their
    // 16 A (63 A allowed), 32 A on each phase against a 20 A main fuse the master does not know of (no meter): above it
    // the whole 20 min. The window after a change: 10 s sample + 5 s reaction allowance (they follow at once) = 15 s.
    private const string Site = """
        name: live point cap
        start: 2026-06-01T00:00:00Z
        duration: 20m
        grid: {mainFuse: [20, 20, 20]}
        networks:
          - id: 0
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 63}
            stations:
              - {id: CS1, role: masterWithInternalSlave, modbus: {server: on}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
              - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on, basePort: 503}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
        vehicles:
          defaults: {model: ideal, energyKWh: 100, maxCurrent: 16}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
            - {id: B, chargePoint: CP2, arrival: 0s, departure: 1h}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_write_to_the_master_caps_its_point_only_when_a_satellite_serves_too(int writes)
    {
        // 10 A written to CP1 at 605 s (and, the second time, again at 905 s). The decision at 610 s gives CP1 10 A,
        // CP2 its 16 A; the network's limits stay as configured.
        var run = SteppedLiveRun.Start(Site);
        await run.At(TimeSpan.FromSeconds(605));
        await run.Write(("CP1", 10));
        var after = await run.At(TimeSpan.FromSeconds(610));
        Assert.Equal((10, 16), (after.Points[0].SignalledAmps, after.Points[1].SignalledAmps));
        Assert.Equal([PhaseCurrents.Uniform(63)], after.DlmLimits);
        if (writes == 2)
        {
            await run.At(TimeSpan.FromSeconds(905));
            await run.Write(("CP1", 10));
        }

        // Above the fuse all 1,200 s (32 A, then 10 + 16 = 26 A). Transient: 0–15 s after the arrivals, and 605–625 s
        // from the write (the decision and the draw change at 610 s reopen it to 625 s): 15 + 20 = 35 s. Steady:
        // 1,200 − 35 = 1,165 s. The repeated write opens no window: the same 1,165 s.
        var result = await run.End();
        Assert.Equal(1200, result.LimitViolationSecondsByLimit["mainFuse"], 9);
        Assert.Equal(1165, result.LimitViolationSteadySeconds, 9);
        Assert.Empty(run.Simulation.Spec.Networks[0].OperatorLimitChanges);
    }
}
