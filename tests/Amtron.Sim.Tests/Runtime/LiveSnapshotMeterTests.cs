using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// What a live run publishes for the site's meter (what a meter server answers): the external loads where the meter
/// excludes the charge points, the external loads plus every charge point's draw where a network's meter includes
/// them, nothing without a meter; whether it is failing now; each network's DLM limit.
/// </summary>
public sealed class LiveSnapshotMeterTests
{
    // A house load of 10/20/30 A on L1/L2/L3; X (3-phase) and Y (1-phase, L1) ideal vehicles of 16 A from the start, each
    // given its 16 A Installation Current Limit (no limit below 16 A, nothing above the 100 A Main Distribution Limit).
    private const string Vehicles = """
        vehicles:
          defaults: {model: ideal, energyKWh: 100, maxCurrent: 16}
          sessions:
            - {id: X, chargePoint: CP1, arrival: 0s, departure: 1h}
            - {id: Y, chargePoint: CP2, arrival: 0s, departure: 1h, phases: 1}
        """;

    private const string House = """
        name: live meter
        start: 2026-06-01T00:00:00Z
        duration: 1h
        externalLoads:
          - {name: house, constant: [10, 20, 30]}

        """;

    [Fact]
    public async Task A_meter_including_the_charge_points_shows_the_house_and_every_network_s_draw()
    {
        // Only network 1 has the meter, as including: it sees network 0's draw too. X draws 16 A on each phase, Y 16 A
        // on L1: 32/16/16 A, and 10 + 32 = 42, 20 + 16 = 36, 30 + 16 = 46 A at the meter. The DLM limits are network
        // 0's sub-distribution limit (32 A) and network 1's Operator limit (40 A, below its 63 A).
        var run = SteppedLiveRun.Start(House + """
            meter: {pollInterval: 5s, failures: [{from: 30m, to: 40m}]}
            networks:
              - id: 0
                sampleRate: 10s
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M0, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
              - id: 1
                sampleRate: 10s
                settings: {evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 40, externalMeter: {location: including, mainDistributionLimit: 100}}
                stations:
                  - {id: M1, role: masterWithInternalSlave, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}

            """ + Vehicles);

        var working = await run.At(TimeSpan.FromMinutes(20));
        Assert.Equal(PhaseCurrents.FromWholeAmps(10, 20, 30), working.External);
        Assert.Equal(PhaseCurrents.FromWholeAmps(32, 16, 16), working.Draw);
        Assert.Equal(PhaseCurrents.FromWholeAmps(42, 36, 46), working.Meter);
        Assert.False(working.MeterFailed);
        Assert.Equal([PhaseCurrents.Uniform(32), PhaseCurrents.Uniform(40)], working.DlmLimits);

        Assert.True((await run.At(TimeSpan.FromMinutes(35))).MeterFailed);

        // The grid carried the house from the start: its peak is the 42/36/46 A above.
        var result = await run.End();
        Assert.Equal([Amps.From(42), Amps.From(36), Amps.From(46)], result.MaxPhaseCurrent);
    }

    [Fact]
    public async Task A_meter_excluding_the_charge_points_shows_the_house_only()
    {
        var run = SteppedLiveRun.Start(House + """
            meter: {pollInterval: 5s}
            networks:
              - id: 0
                sampleRate: 10s
                settings: {evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 100}}
                stations:
                  - {id: M0, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}]}

            """ + Vehicles);

        var snapshot = await run.At(TimeSpan.FromMinutes(20));
        Assert.Equal(PhaseCurrents.FromWholeAmps(32, 16, 16), snapshot.Draw);
        Assert.Equal(PhaseCurrents.FromWholeAmps(10, 20, 30), snapshot.Meter);
        Assert.False(snapshot.MeterFailed);
        Assert.Equal([PhaseCurrents.Uniform(63)], snapshot.DlmLimits);
    }

    [Fact]
    public async Task Without_a_meter_there_is_no_meter_value()
    {
        var run = SteppedLiveRun.Start(House + """
            networks:
              - id: 0
                sampleRate: 10s
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M0, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}]}

            """ + Vehicles);

        var snapshot = await run.At(TimeSpan.FromMinutes(20));
        Assert.Equal(PhaseCurrents.FromWholeAmps(32, 16, 16), snapshot.Draw);
        Assert.Null(snapshot.Meter);
        Assert.False(snapshot.MeterFailed);
    }
}
