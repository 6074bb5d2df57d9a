using Amtron.Dlm.Units;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A live run in which an EMS writes the HEMS current limit of a standalone master's own point: not load-managed, it
/// offers the smaller of the EMS's cap and its Installation Current Limit, at once (manual 6.4). Worked by hand.
/// </summary>
public sealed class LiveEmsStandaloneTests
{
    // Two standalone masters serving the EMS interface, 16 A points. A (3-phase ideal, 16 A) at CP1 from the start,
    // B at CP2 from 15 min; both follow a new signal at once.
    private const string Site = """
        name: live standalone
        start: 2026-06-01T00:00:00Z
        duration: 1h
        networks:
          - id: 0
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: S1, role: masterStandalone, modbus: {server: on}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
          - id: 1
            sampleRate: 10s
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: S2, role: masterStandalone, modbus: {server: on}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
        vehicles:
          defaults: {model: ideal, energyKWh: 100, maxCurrent: 16}
          sessions:
            - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
            - {id: B, chargePoint: CP2, arrival: 15m, departure: 1h}
        """;

    [Fact]
    public async Task Its_point_offers_the_smaller_of_the_cap_and_its_installation_limit()
    {
        var run = SteppedLiveRun.Start(Site);
        Assert.Equal(16, (await run.At(TimeSpan.FromMinutes(5))).Points[0].SignalledAmps);

        // min(10, 16) = 10 A, drawn at once.
        await run.Write(("CP1", 10));
        var capped = (await run.At(TimeSpan.FromMinutes(5))).Points[0];
        Assert.Equal((10, Amps.From(10)), (capped.SignalledAmps, capped.Current));

        // min(40, 16) = 16 A.
        await run.Write(("CP1", 40));
        var above = (await run.At(TimeSpan.FromMinutes(6))).Points[0];
        Assert.Equal((16, Amps.From(16)), (above.SignalledAmps, above.Current));
    }

    [Fact]
    public async Task A_cap_written_to_an_empty_point_is_what_it_offers_the_next_vehicle()
    {
        // 8 A written at 5 min: nothing is signalled without a vehicle. B arrives at 15 min: min(8, 16) = 8 A.
        var run = SteppedLiveRun.Start(Site);
        await run.At(TimeSpan.FromMinutes(5));
        await run.Write(("CP2", 8));
        Assert.Equal(0, (await run.At(TimeSpan.FromMinutes(5))).Points[1].SignalledAmps);

        var arrived = (await run.At(TimeSpan.FromMinutes(15))).Points[1];
        Assert.Equal((8, Amps.From(8)), (arrived.SignalledAmps, arrived.Current));
    }
}
