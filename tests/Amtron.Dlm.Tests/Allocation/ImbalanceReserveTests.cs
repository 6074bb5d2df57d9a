using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>
/// The imbalance reserve (kept free for vehicles whose phases are not known yet), per ordered pair of phases: with
/// imbalance prevention, (external + load) on p plus p's reserve over q may exceed (external + load) on q by at most
/// the allowed spread.
/// </summary>
public sealed class ImbalanceReserveTests
{
    private static DlmSettings Prevention(long available, long limit, bool meter = false) => new(PhaseCurrents.Uniform(available))
    {
        CurrentImbalancePrevention = true,
        CurrentImbalanceLimit = Amps.From(limit),
        ExternalMeter = meter ? new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)) : null,
    };

    [Fact]
    public void A_reserve_that_cannot_be_kept_stops_everyone_instead_of_overloading_the_phases()
    {
        // The house draws 20 A on L1 only; the limit is 20 A, so the allowed spread is 20 A. With 6 A kept on L1,
        // L1 + 6 - L3 = 20 + 6 - 0 = 26 > 20 with nobody charging, and a 3-phase vehicle adds the same to every phase:
        // no allocation keeps the reserve, so nobody charges. (The count maximiser reported "infeasible" as -1, every
        // trial matched it, and all four were selected: 4 x 6 = 24 A on 12 A phases.)
        var site = new TestSite(Prevention(12, 20, meter: true))
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(20, 0, 0)),
            ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 0, 0)),
        };
        site.ThreePhase("CP1").ThreePhase("CP2").ThreePhase("CP3").ThreePhase("CP4");
        var result = site.Decide();
        Assert.Equal([0, 0, 0, 0], result.Currents);
        Assert.All(result.Outcomes, o => Assert.Equal(AllocationOutcome.Paused, o));
        Assert.Equal(PhaseCurrents.Zero, result.Decision.PhaseLoad);
    }

    [Fact]
    public void A_reserve_is_kept_against_the_lightest_phase_while_filling()
    {
        // House 20 A on L1, allowed spread 20 A, 6 A kept on L1. CP1 on L1 at y, CP2 on L2+L3 at x:
        // L1 needs 20 + y + 6 - x <= 20, so y <= x - 6; L2 needs x - (20 + y) <= 20. CP1 alone at 6 A fails
        // (32 - 0 > 20), CP2 alone fits (26 - 6 = 20), so CP2 is selected and rises to its 32 A ceiling
        // (32 - 20 = 12 <= 20); then CP1 fits at 6 A and rises to y = 32 - 6 = 26. Without the reserve: 32 and 32.
        var site = new TestSite(Prevention(100, 20, meter: true))
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(20, 0, 0)),
            ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 0, 0)),
        };
        site.OnePhase("CP1", Phase.L1).Add("CP2", PhaseSet.Of(Phase.L2, Phase.L3));
        var result = site.Decide();
        Assert.Equal([26, 32], result.Currents);
        Assert.Equal(AllocationOutcome.ImbalanceLimit, result.Outcomes[0]);
        Assert.Equal(AllocationOutcome.Ceiling, result.Outcomes[1]);

        site.ImbalanceReserve = PhasePairCurrents.Zero;
        Assert.Equal([32, 32], site.Decide().Currents);
    }

    [Fact]
    public void Decisions_differing_only_in_the_reserve_are_not_answered_from_the_last_one()
    {
        // Three vehicles on L1, 100 A per phase, limit 20 A, no meter: L1 may carry 20 A more than L2/L3 (0 A).
        var engine = new DlmEngine();
        var site = new TestSite(Prevention(100, 20)).OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L1).OnePhase("CP3", Phase.L1);

        // No reserve: 20 A on L1, 7 + 7 + 6 (the remainder to earlier points).
        Assert.Equal([7, 7, 6], site.Decide(engine).Currents);

        // 6 A kept on L1: L1 + 6 - 0 <= 20, so L1 <= 14 A; three need 18 A, two fit: 7 + 7.
        site.ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 0, 0));
        Assert.Equal([7, 7, 0], site.Decide(engine).Currents);

        // 8 A kept on L1: L1 <= 12 A, two at 6 A.
        site.ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(8, 0, 0));
        Assert.Equal([6, 6, 0], site.Decide(engine).Currents);

        // 6 A kept on L2 instead: L2 + 6 - L1 <= 20 always holds, and L1 - L2 <= 20 as before: 7 + 7 + 6.
        site.ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(0, 6, 0));
        Assert.Equal([7, 7, 6], site.Decide(engine).Currents);

        // Back to 6 A on L1, then none: 7 + 7 and 7 + 7 + 6 again.
        site.ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 0, 0));
        Assert.Equal([7, 7, 0], site.Decide(engine).Currents);
        site.ImbalanceReserve = PhasePairCurrents.Zero;
        Assert.Equal([7, 7, 6], site.Decide(engine).Currents);
    }

    [Fact]
    public void A_reserve_binds_only_the_pair_of_phases_it_is_kept_for()
    {
        // 100 A per phase, limit 20 A, no meter; CP1 on L1, CP2 on L3, nothing on L2 (0 A).
        // No reserve: L1 - L2 <= 20 and L3 - L2 <= 20, so 20 and 20.
        var site = new TestSite(Prevention(100, 20)).OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L3);
        Assert.Equal([20, 20], site.Decide().Currents);

        // 6 A of L1 over L3 only: L1 + 6 - L3 <= 20 is 26 - 20 = 6 <= 20 at 20/20, so still 20 and 20.
        site.ImbalanceReserve = PhasePairCurrents.Zero.With((int)Phase.L1, (int)Phase.L3, Amps.From(6));
        Assert.Equal([20, 20], site.Decide().Currents);

        // 6 A of L1 over L2: L1 + 6 - 0 <= 20, so L1 <= 14; L3 still rises to 20.
        site.ImbalanceReserve = PhasePairCurrents.Zero.With((int)Phase.L1, (int)Phase.L2, Amps.From(6));
        Assert.Equal([14, 20], site.Decide().Currents);

        // 6 A of L1 over every other phase binds through L2 the same way: 14 and 20.
        site.ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 0, 0));
        Assert.Equal([14, 20], site.Decide().Currents);
    }

    [Fact]
    public void Without_imbalance_prevention_the_reserve_is_ignored()
    {
        // 20 A on L1 for three vehicles: 7 + 7 + 6, whatever is kept for the imbalance rule that is off.
        var site = TestSite.WithLimit(20).OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L1).OnePhase("CP3", Phase.L1);
        site.ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(6, 6, 6));
        Assert.Equal([7, 7, 6], site.Decide().Currents);
    }
}
