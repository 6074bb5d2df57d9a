using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A meter that includes the charge points, polled less often than the master decides: a decision reads the last poll,
/// which shows the draw of the poll's instant, however many draw changes came since. Worked by hand.
/// </summary>
public sealed class IncludingMeterPollAgeTests
{
    [Fact]
    public void A_decision_reads_the_draw_of_a_poll_older_than_a_sample_period_and_two_draw_changes()
    {
        // Meter polled every 100 s (0, 100, 200 s), decisions on 60 s boundaries, a 48 A Main Distribution Limit and no
        // house load. A, B, C (16 A chargers on 16 A points) arrive at 0 s and draw 16 A each from 3 s (48 A); B leaves
        // at 110 s, C at 175 s. The Including meter's external load is the reading minus the points' draw now:
        //   0 s: poll of 0 s (0 A drawn) - 0 A = 0 A: 48 A available, 16 A each.
        //   60 s (the draws at 3 s): poll of 0 s, 0 A - 48 A, never below 0 = 0 A: 48 A.
        //   120 s (B left; the poll at 100 s after the change at 3 s): poll of 100 s, 48 A - 32 A = 16 A: 48 - 16 = 32 A.
        //   180 s (C left at 175 s): still the poll of 100 s, 48 A - 16 A = 32 A: 48 - 32 = 16 A (A keeps 16 A).
        //   240 s (the poll at 200 s after the change at 175 s): 16 A - 16 A = 0 A: 48 A again.
        // The poll of 100 s is 80 s old at 180 s, and two draw changes (110 and 175 s) came after it.
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var recorder = new CurrentRecorder(start);
        var site = ScenarioLoader.Parse("""
            name: including meter, old poll
            start: 2026-06-01T00:00:00Z
            duration: 10m
            meter: {pollInterval: 100s}
            networks:
              - id: 0
                sampleRate: 60s
                settings: {evseSubDistributionLimit: 63, externalMeter: {location: including, mainDistributionLimit: 48}}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}, {id: CP3, installationCurrentLimit: 16}]}
            vehicles:
              defaults: {batteryKWh: 100, initialSoc: 0, energyKWh: 90, maxCurrent: 16, reactionDelay: 3s}
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 1h}
                - {id: B, chargePoint: CP2, arrival: 0s, departure: 110s}
                - {id: C, chargePoint: CP3, arrival: 0s, departure: 175s}
            """, "including-old-poll.yaml").Site;
        new SiteSimulation(site, recorder).Run();
        Assert.Equal(
            [(0.0, PhaseCurrents.Uniform(48)), (120.0, PhaseCurrents.Uniform(32)), (180.0, PhaseCurrents.Uniform(16)), (240.0, PhaseCurrents.Uniform(48))],
            recorder.Available(0));
        Assert.Equal([(0.0, Amps.Zero), (3.0, Amps.From(16))], recorder.Point("CP1"));
    }
}
