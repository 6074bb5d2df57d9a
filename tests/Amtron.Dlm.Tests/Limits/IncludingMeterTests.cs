using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Limits;

/// <summary>
/// The meter that measures the consumers and the charge points together (6.3.2), worked by hand: each test checks the
/// engine and the tests' own statement of the manual (<see cref="ManualLimits"/>), so the oracle is pinned as well.
/// </summary>
public sealed class IncludingMeterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A failed meter: the External Load Fallback stands for the consumers only, so the current reserved for a
    /// satellite out of reach comes off the Main Distribution Limit once, as with a meter that excludes the charge
    /// points (the satellite's draw is in no reading). It must not be taken as already measured (that gave 8 A more).
    /// </summary>
    [Fact]
    public void A_failed_meter_takes_the_fallback_and_the_reserved_current_off_the_main_limit_once_6_3()
    {
        // EVSE Sub-Distribution 100 A; one 3-phase satellite out of reach on its 8 A Disconnected Limit: reserved 8 A.
        // DLM limit: 100 - 8 = 92 A per phase. Meter (including) failed: consumers = fallback 20 / 25 / 30 A.
        // Main: 63 - fallback - headroom 2 - reserved 8 = 33 / 28 / 23 A; available min(92, main) = 33 / 28 / 23 A.
        // (Not subtracting the reserve would give 41 / 36 / 31 A; subtracting it twice 25 / 20 / 15 A.)
        // CP1 draws 10 A on each phase: with the meter failed it does not enter the consumers' load.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.IncludingEvseSubDistribution, PhaseCurrents.Uniform(63))
            {
                ExternalLoadHeadroom = PhaseCurrents.Uniform(2),
                ExternalLoadFallback = PhaseCurrents.FromWholeAmps(20, 25, 30),
            },
        };
        var input = new DecisionInput(Noon, MeterReading.Failed, false) { Reserved = PhaseCurrents.Uniform(8) };
        ChargePointDemand[] points = [new("CP1", PhaseSet.ThreePhase, Amps.From(32), Amps.From(32), true, PhaseCurrents.Uniform(10))];

        var decision = new DlmEngine().Decide(settings, input, points, new int[1], new AllocationOutcome[1]);
        var manual = ManualLimits.For(settings, input, points.Select(p => p.MeasuredCurrents));

        Assert.Equal(PhaseCurrents.FromWholeAmps(33, 28, 23), decision.Pool.Available);
        Assert.Equal([33, 28, 23], manual.Available);
        Assert.Equal(PhaseCurrents.FromWholeAmps(20, 25, 30), decision.Pool.ExternalLoad);
        Assert.Equal([20_000, 25_000, 30_000], manual.ExternalMilliamps);
    }

    /// <summary>The same satellite with the meter answering: the reading holds its draw, so nothing more comes off the main limit.</summary>
    [Fact]
    public void An_answering_meter_already_holds_what_the_satellites_draw_6_3_2()
    {
        // Reading 30 A per phase with CP1 drawing 10 A: consumers (the satellite included) 30 - 10 = 20 A.
        // Main: 63 - 20 - 2 = 41 A; DLM limit 100 - 8 = 92 A; available 41 A per phase.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.IncludingEvseSubDistribution, PhaseCurrents.Uniform(63))
            {
                ExternalLoadHeadroom = PhaseCurrents.Uniform(2),
            },
        };
        var input = new DecisionInput(Noon, MeterReading.Of(PhaseCurrents.Uniform(30)), false) { Reserved = PhaseCurrents.Uniform(8) };
        ChargePointDemand[] points = [new("CP1", PhaseSet.ThreePhase, Amps.From(32), Amps.From(32), true, PhaseCurrents.Uniform(10))];

        var decision = new DlmEngine().Decide(settings, input, points, new int[1], new AllocationOutcome[1]);

        Assert.Equal(PhaseCurrents.Uniform(41), decision.Pool.Available);
        Assert.Equal([41, 41, 41], ManualLimits.For(settings, input, points.Select(p => p.MeasuredCurrents)).Available);
    }

    /// <summary>
    /// Chapter 7 with the meter including the charge points: the imbalance is prevented "at the point of the external
    /// energy meter", on the consumers plus what the charge points are given, the consumers being the reading less
    /// what the charge points draw now.
    /// </summary>
    [Fact]
    public void The_imbalance_at_an_including_meter_is_the_consumers_plus_our_currents_7()
    {
        // Reading 40 / 20 / 20 A while CP1 (L1) draws 16 A: consumers 24 / 20 / 20 A, their own spread 4 A, so the
        // 10 A limit is allowed. CP1 on L1: 24 + a - 20 <= 10, a <= 6 A. CP2 on L2: 20 + b - 20 <= 10, b <= 10 A.
        // Grid: 30 / 30 / 20 A, spread 10 A. Available: main 100 - consumers = 76 / 80 / 80 A, binds nothing here.
        // (Taking the reading as the consumers would allow its own 20 A spread and pause CP1: 40 + 6 - 20 > 20;
        // forgetting the consumers would give 10 A to both.)
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(10),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.IncludingEvseSubDistribution, PhaseCurrents.Uniform(100)),
        };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(40, 20, 20)) };
        site.Add("CP1", PhaseSet.Of(Phase.L1), measured: PhaseCurrents.FromWholeAmps(16, 0, 0)).Add("CP2", PhaseSet.Of(Phase.L2));

        var result = site.Decide();
        var manual = ManualLimits.For(settings, new DecisionInput(site.Time, site.Meter, false), site.ChargePoints.Select(p => p.MeasuredCurrents));

        Assert.Equal([6, 10], result.Currents);
        Assert.Equal(Amps.From(10), result.Decision.GridImbalance);
        Assert.Equal([24_000, 20_000, 20_000], manual.ExternalMilliamps);
        Assert.Equal(10_000, manual.AllowedSpreadMilliamps);
        Assert.Equal([76, 80, 80], manual.Available);
        Assert.True(manual.KeepsImbalance([6, 10, 0]));
        Assert.False(manual.KeepsImbalance([7, 10, 0]));
    }
}
