using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>Edges of the allocation: which phase limit is reported, an imbalance slack of exactly −6 A, result buffers.</summary>
public sealed class AllocationEdgeTests
{
    [Fact]
    public void A_point_stopped_by_a_full_phase_names_its_own_phase_not_another_full_one()
    {
        // Limits 6, 32, 10 A. CP1 on L1 takes all 6 A of L1; CP2 on L3 takes all 10 A of L3. Both phases are full;
        // CP2 is stopped by L3, the only one of its phases that is.
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(6, 32, 10))).OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L3);
        var result = site.Decide();
        Assert.Equal([6, 10], result.Currents);
        Assert.Equal([AllocationOutcome.PhaseLimitL1, AllocationOutcome.PhaseLimitL3], result.Outcomes);
    }

    [Fact]
    public void An_imbalance_slack_of_exactly_minus_one_minimum_needs_one_point_on_each_other_phase()
    {
        // Excluding meter reads 20, 0, 0 A; limit 20 A, so the allowed spread is max(20, 20) = 20 A; 6 A is kept for
        // L1 over L2 and L3. With nobody charging, L1 over L2 is 20 + 6 − 0 = 26 > 20: exactly 6 A short, one vehicle at
        // the 6 A minimum on each of L2 and L3 makes it good (26 − 6 = 20). Both charge and rise to their 32 A
        // (L2 over L1: 32 − 20 = 12 ≤ 20; L2 − L3 = 0). Available: min(63, 100 − 20) = 63 A.
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(63))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(20),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(20, 0, 0)),
            ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 0, 0)),
        };
        site.OnePhase("CP2", Phase.L2).OnePhase("CP3", Phase.L3);
        Assert.Equal([32, 32], site.Decide().Currents);
    }

    [Fact]
    public void Result_buffers_may_be_longer_but_not_shorter_than_the_charge_points()
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(32));
        var input = new DecisionInput(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), MeterReading.Failed, false);
        ChargePointDemand[] points = [new("CP1", PhaseSet.ThreePhase, Amps.From(32), Amps.From(32), true, PhaseCurrents.Zero)];
        var engine = new DlmEngine();

        var currents = new int[2];
        engine.Decide(settings, input, points, currents, new AllocationOutcome[2]);
        Assert.Equal([32, 0], currents);

        var tooShort = Assert.Throws<ArgumentException>(() => new DlmEngine().Decide(settings, input, points, [], new AllocationOutcome[1]));
        Assert.StartsWith("The result buffers are shorter than the charge point list.", tooShort.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DlmEngine().Decide(settings, input, points, new int[1], []));
        Assert.Throws<ArgumentNullException>(() => new DlmEngine().Decide(null!, input, points, new int[1], new AllocationOutcome[1]));
    }
}
