using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>Choosing who charges at 6 A when the imbalance reserve cannot be kept by any choice.</summary>
public sealed class ImbalanceReserveCountTests
{
    /// <summary>
    /// Found by the controller's imbalance property (seed 1696067457) and then over random sites (seed 409124): the
    /// count maximisation took contradicting bounds for a solution and let a single-phase vehicle in that broke
    /// chapter 7 outright.
    /// </summary>
    [Fact]
    public void A_reserve_no_choice_keeps_lets_nobody_charge_and_never_breaks_the_limit_itself_7()
    {
        // House (meter excluding) 33 / 7 / 5 A: its spread 28 A is above the 21 A limit, so 28 A is allowed.
        // Reserve 27 A on L2 and L3. With a L2 and b L3 vehicles at 6 A (available 7 / 7 / 18 A: a <= 1, b <= 3):
        // L2 over L3: 7 + 6a + 27 - (5 + 6b) <= 28 needs 6(b - a) >= 1, so b >= a + 1;
        // L3 over L2: 5 + 6b + 27 - (7 + 6a) <= 28 needs 6(b - a) <= 3, so b <= a. No choice keeps the reserve, so
        // nobody charges (docs/allocation.md). The L1 vehicle alone would also break the limit itself:
        // L1 = 33 + 6 = 39 A against L3 = 5 A is 34 A > 28 A.
        var settings = new DlmSettings(PhaseCurrents.FromWholeAmps(7, 7, 18))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(21),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        };
        var site = new TestSite(settings)
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(33, 7, 5)),
            ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(0, 27, 27)),
        };
        site.OnePhase("A", Phase.L3).OnePhase("B", Phase.L3).OnePhase("C", Phase.L1).OnePhase("D", Phase.L2);

        var result = site.Decide();

        Assert.Equal([0, 0, 0, 0], result.Currents);
        Assert.Equal(Amps.From(28), result.Decision.GridImbalance);
    }

    [Fact]
    public void Each_pair_of_phases_is_held_to_its_own_reserve_when_choosing_who_charges()
    {
        // No meter, limit 7 A; 7 A kept for L1 over the others, 1 A for L2 over the others. One vehicle at 6 A on L2:
        // L2 + 1 - L1 = 7 <= 7, L1 + 7 - L2 = 1, L2 + 1 - L3 = 7: kept. Two on L2 (alone or with L3) make 12 + 1 > 7.
        // So one charges, the first: A, at 6 A (one amp more breaks L2 over L1). B on L2+L3 alone would also fit, but
        // comes later.
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(75)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(7) })
        {
            ImbalanceReserve = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(7, 1, 0)),
        };
        site.OnePhase("A", Phase.L2, 10).Add("B", PhaseSet.Of(Phase.L2, Phase.L3)).OnePhase("C", Phase.L2, 10);

        Assert.Equal([6, 0, 0], site.Decide().Currents);
    }
}
