using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// "DLM Algorithm Sample Rate": the master decides on its sample boundaries only, so a vehicle that arrives between
/// two decisions waits for the next one. Worked by hand for rates whose boundaries differ after the arrival.
/// </summary>
public sealed class SampleRateTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, 20)]
    [InlineData(30, 30)]
    [InlineData(45, 45)]
    [InlineData(60, 60)]
    public void A_vehicle_arriving_between_decisions_waits_for_the_next_one(int sampleSeconds, int nextDecision)
    {
        // A 32 A line, two 32 A points, three-phase vehicles (690 W per amp at 230 V) that follow in 3 s.
        //   0 s: A arrives, the decision at 0 s gives it 32 A, drawn from 3 s.
        //   15 s: B arrives. The next decision is the first sample boundary after it (at 10 s the rate-10 master looks
        //         again at A, which changes nothing): 20 s at 10 s, 30 s at 30 s, 45 s at 45 s, 60 s at 60 s. It gives
        //         32 / 2 = 16 A each, followed 3 s later, at t1 = that decision + 3 s, until both leave at 3 600 s.
        //   A = 690 x (32 x (t1 - 3) + 16 x (3 600 - t1)) / 3 600 Wh, B = 690 x 16 x (3 600 - t1) / 3 600 Wh
        //   A - B = 690 x 32 x (t1 - 3) / 3 600 Wh: 10 s: 122.667 Wh, 30 s: 184 Wh, 45 s: 276 Wh, 60 s: 368 Wh
        var yaml = FormattableString.Invariant($$"""
            name: sample rate
            start: 2026-06-01T00:00:00Z
            duration: 2h
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                sampleRate: {{sampleSeconds}}s
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}, {id: CP2, installationCurrentLimit: 32}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, maxCurrent: 32, phases: 3, energyKWh: 90, reactionDelay: 3s}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
                - {id: B, chargePoint: CP2, arrival: 15s, departure: 1h}
            """);
        var currents = new CurrentRecorder(Start);
        var result = new SiteSimulation(ScenarioLoader.Parse(yaml, "rate.yaml").Site, currents).Run();

        var t1 = nextDecision + 3;
        currents.AssertPoint("CP1", [(0, 0), (3, 32), (t1, 16), (3600, 0)], 0);
        currents.AssertPoint("CP2", [(0, 0), (t1, 16), (3600, 0)], 0);

        var a = result.Sessions.Single(s => s.Id == "A").EnergyDeliveredKWh;
        var b = result.Sessions.Single(s => s.Id == "B").EnergyDeliveredKWh;
        var expectedA = 690.0 * ((32 * (t1 - 3)) + (16 * (3600 - t1))) / 3600 / 1000;
        var expectedB = 690.0 * 16 * (3600 - t1) / 3600 / 1000;
        Assert.Equal(expectedA, a, expectedA * 1e-9);
        Assert.Equal(expectedB, b, expectedB * 1e-9);
        Assert.Equal(690.0 * 32 * (t1 - 3) / 3600 / 1000, a - b, 1e-9);
        Assert.Equal(0, result.LimitViolationSeconds);
    }
}
