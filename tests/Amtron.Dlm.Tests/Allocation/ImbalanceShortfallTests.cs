using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>
/// A vehicle's imbalance shortfall: one of 1 or 2 phases that draws less than it is given leaves its phases lighter
/// by that while it charges, and by nothing while it is paused. With imbalance prevention, (external + load) on p plus
/// p's reserve over q exceeds (external + load) on q, less the shortfalls of q's charging vehicles, by at most the
/// allowed spread. The heavy side counts what the vehicles are given (they may draw it again).
/// </summary>
public sealed class ImbalanceShortfallTests
{
    // No meter, 32 A on every phase, imbalance limit 6 A: the allowed spread is 6 A (or the limit given).
    private static TestSite Site(long l1 = 32, long l2 = 32, long l3 = 32, long spread = 6) =>
        new(new DlmSettings(PhaseCurrents.FromWholeAmps(l1, l2, l3)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(spread) });

    [Fact]
    public void Shortfalls_adding_up_to_more_than_the_allowed_spread_all_count_while_their_vehicles_charge()
    {
        // CP1 and CP2 trickle on L3 under their 6 A slots, 5 A and 4 A short: L3 carries 12 A as allocated but 3 A as
        // drawn. CP3 (L2) is capped at 6 A. CP4 on L1 at x: L1 over L3 as drawn is x − 3 ≤ 6, so x ≤ 9; L3 as allocated
        // over L1 is 12 − x ≤ 6, so x ≥ 6; L1 over L2 is x − 6 ≤ 6. CP4 gets 9 A. (Cut to the 6 A spread, as before
        // issue 12's fix, the shortfall would have given CP4 12 A and a real spread of 12 − 3 = 9 A.)
        var site = Site();
        site.OnePhase("CP1", Phase.L3, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP2", Phase.L3, vehicleMax: 6, shortfall: 4);
        site.OnePhase("CP3", Phase.L2, vehicleMax: 6);
        site.OnePhase("CP4", Phase.L1);

        Assert.Equal([6, 6, 6, 9], site.Decide().Currents);
    }

    [Fact]
    public void A_paused_vehicle_s_shortfall_does_not_hold_back_the_others()
    {
        // L3 has 5 A: CP1 (L3, 5 A short) cannot charge, so L3 is 0 A drawn and allocated. CP2 on L1 may have L1 − 0 ≤ 6:
        // 6 A. Counted while paused, CP1's shortfall would make L1 − (0 − 5) ≤ 6, so 1 A: CP2 could not charge.
        var site = Site(l3: 5);
        site.OnePhase("CP1", Phase.L3, shortfall: 5);
        site.OnePhase("CP2", Phase.L1);

        Assert.Equal([0, 6], site.Decide().Currents);
    }

    [Fact]
    public void A_shortfall_on_one_phase_keeps_the_other_phases_within_the_spread_of_what_it_draws()
    {
        // CP1 (L1, capped at 6 A) draws 1 A: 5 A short. CP2 (L2) and CP3 (L3) at y and z: y − 1 ≤ 6 and z − 1 ≤ 6, and
        // L1 as allocated, 6 A, is not above them. They rise together to 7 A (without the shortfall: 12 A each).
        var site = Site();
        site.OnePhase("CP1", Phase.L1, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP2", Phase.L2);
        site.OnePhase("CP3", Phase.L3);

        Assert.Equal([6, 7, 7], site.Decide().Currents);
    }

    [Fact]
    public void A_vehicle_with_a_shortfall_that_waited_for_a_count_without_it_is_admitted_where_it_fits()
    {
        // L3 has 6 A: one of CP1 and CP2 (L3, capped at 6 A, 5 A short each) can charge. Counted as charging, both
        // shortfalls (10 A) would leave L1 and L2 no room at all: one point charges. Without them, CP3 (L1) and CP4 (L2)
        // charge at 6 A (6 − 0 ≤ 6). Then CP1 fits: L3 6 A allocated, 1 A drawn, so L1 − 1 ≤ 6 and L3 − L1 = 0. Filling
        // raises CP3 and CP4 to 7 A (7 − 1 = 6); CP2 finds L3 full.
        var site = Site(l3: 6);
        site.OnePhase("CP1", Phase.L3, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP2", Phase.L3, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP3", Phase.L1);
        site.OnePhase("CP4", Phase.L2);

        Assert.Equal([6, 0, 7, 7], site.Decide().Currents);
    }

    [Fact]
    public void The_count_without_a_vehicle_that_cannot_charge_wins_over_admitting_in_priority_order()
    {
        // L3 has 5 A: CP1 (L3, 5 A short) cannot charge. Counted as charging, its shortfall would let nobody on L1 or
        // L2 charge (L1 − (0 − 5) ≤ 6 leaves 1 A). Without it: CP2 (L1 and L2) alone, or CP3 (L1) with CP4 (L2): the
        // most is two, and CP2 is in no set of two (with CP3, L1 − L3 = 12 > 6; with CP4, L2 − L3 = 12). So CP3 and CP4
        // charge at 6 A (L1 and L2 at most 6 over the empty L3), CP2 waits. Admitting in priority order would have let
        // CP2 in first and left CP3 and CP4 out.
        var site = Site(l3: 5);
        site.OnePhase("CP1", Phase.L3, shortfall: 5);
        site.Add("CP2", PhaseSet.Of(Phase.L1, Phase.L2));
        site.OnePhase("CP3", Phase.L1);
        site.OnePhase("CP4", Phase.L2);

        Assert.Equal([0, 0, 6, 6], site.Decide().Currents);
    }

    [Fact]
    public void Shortfalls_on_every_charging_vehicle_still_hold_the_others_to_what_is_drawn()
    {
        // As the case above with CP2 (L2) and CP3 (L3) 1 A short too, so that every vehicle has a shortfall. CP1 (L1,
        // capped at 6 A) draws 1 A. CP2 at y, CP3 at z: y − (6 − 5) ≤ 6 and z − 1 ≤ 6, so at most 7 A; L1 as allocated
        // over them, 6 − (y − 1) ≤ 6, and y − (z − 1) ≤ 6 hold at 7 and 7. They rise together to 7 A.
        var site = Site();
        site.OnePhase("CP1", Phase.L1, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP2", Phase.L2, shortfall: 1);
        site.OnePhase("CP3", Phase.L3, shortfall: 1);

        Assert.Equal([6, 7, 7], site.Decide().Currents);
    }

    [Fact]
    public void A_vehicle_with_a_shortfall_keeps_its_place_in_priority_order_when_the_counts_tie()
    {
        // Allowed spread 20 A, L1 12 A: two of CP1, CP2, CP3 (all L1) fit at 6 A (12 / 6 = 2); L1 12 A over the empty
        // L2 and L3 is within 20 A, and CP1's 1 A shortfall (L2 over L1: 0 − (12 − 1) < 20) binds nothing. Counted with
        // or without CP1 the most is two, so the earlier two charge: CP1 and CP2 at 6 A, L1 full; CP3 waits.
        var site = Site(l1: 12, spread: 20);
        site.OnePhase("CP1", Phase.L1, shortfall: 1);
        site.OnePhase("CP2", Phase.L1);
        site.OnePhase("CP3", Phase.L1);

        Assert.Equal([6, 6, 0], site.Decide().Currents);
    }

    [Fact]
    public void A_shortfall_makes_only_its_own_phases_lighter_in_the_count()
    {
        // Allowed spread 12 A. CP1 (L3) is 1 A short; CP2 and CP3 on L1; L2 is empty. All three at 6 A: L1 − L2 =
        // 12 ≤ 12, L1 − (L3 − 1) = 12 − 5 = 7 ≤ 12, L3 − L2 = 6 ≤ 12: all three charge. Filling: L1 − L2 ≤ 12 keeps
        // CP2 and CP3 at 6 A; CP1 rises until L3 − L2 = 12 (L3 − L1 = 0, L1 − (12 − 1) = 1). Counted as if L2 were 1 A
        // lighter too, L1 − L2 could be only 6 A: one of CP2 and CP3 would wait.
        var site = Site(spread: 12);
        site.OnePhase("CP1", Phase.L3, shortfall: 1);
        site.OnePhase("CP2", Phase.L1);
        site.OnePhase("CP3", Phase.L1);

        Assert.Equal([12, 6, 6], site.Decide().Currents);
    }

    [Fact]
    public void The_count_without_shortfalls_is_solved_within_its_own_bounds()
    {
        // 11 A on every phase: one 6 A slot each. CP1 and CP2 (L1, capped at 6 A) are 5 A short each. Counted as
        // charging, their 10 A would make L1 lighter than L2 and L3 may be (6 A on L2 beside one of them: 6 − (6 − 10)
        // = 10 A over L1): one of them alone charges. Without them: CP3 (L2 and L3) alone, or CP4 (L2) with CP5 (L3)
        // over the empty L1 (6 − 0 ≤ 6): two. CP4 and CP5 charge. Then CP1 fits: L1 6 A given, 1 A drawn, L2 − 1 = 5
        // ≤ 6. Filling raises CP4 and CP5 to 7 A (7 − 1 = 6). CP2 finds no slot on L1 (12 > 11), CP3 none on L2.
        var site = Site(l1: 11, l2: 11, l3: 11);
        site.OnePhase("CP1", Phase.L1, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP2", Phase.L1, vehicleMax: 6, shortfall: 5);
        site.Add("CP3", PhaseSet.Of(Phase.L2, Phase.L3));
        site.OnePhase("CP4", Phase.L2);
        site.OnePhase("CP5", Phase.L3);

        Assert.Equal([6, 0, 0, 7, 7], site.Decide().Currents);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_earlier_of_two_vehicles_that_fit_only_one_at_a_time_charges_beside_a_shortfall_that_cannot(bool twoPhaseFirst)
    {
        // L1 has 5 A: CP1 (L1, 5 A short) cannot charge. Counted as charging, its shortfall would make L1 5 A lighter
        // than its no slots: 6 A on L2 or L3 would be 6 + 5 = 11 A over it, so nobody charges. Without it L1 is empty and
        // L2 and L3 may be 6 A over it: CP2 or CP3 (one on L2 and L3, one on L2; both would put 12 A on L2). The
        // earlier charges at 6 A, and cannot rise (7 A over the empty L1).
        var site = Site(l1: 5);
        site.OnePhase("CP1", Phase.L1, shortfall: 5);
        if (twoPhaseFirst)
        {
            site.Add("CP2", PhaseSet.Of(Phase.L2, Phase.L3)).OnePhase("CP3", Phase.L2);
        }
        else
        {
            site.OnePhase("CP2", Phase.L2).Add("CP3", PhaseSet.Of(Phase.L2, Phase.L3));
        }

        Assert.Equal([0, 6, 0], site.Decide().Currents);
    }

    [Fact]
    public void Who_charges_follows_the_count_without_shortfalls_from_the_first_vehicle()
    {
        // L1 has 11 A: one 6 A slot. Everyone is capped at 6 A. CP1 and CP2 (L1) are 5 A short each: counted as
        // charging, L1 would be 10 A lighter and 6 A on L2 or L3 more than 6 A over it, so one vehicle on L1 alone
        // would charge. Without them: CP3 (L1) leaves L2 empty, so L3 may carry one (6 − 0 ≤ 6): two; CP4 (L1 and L2)
        // lets L3 carry two (12 − 6 = 6): CP4, CP5 and CP6, three. CP3 waits although it comes first; CP1 then finds
        // L1 full (6 + 6 > 11).
        var site = Site(l1: 11);
        site.OnePhase("CP1", Phase.L1, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP2", Phase.L1, vehicleMax: 6, shortfall: 5);
        site.OnePhase("CP3", Phase.L1, vehicleMax: 6);
        site.Add("CP4", PhaseSet.Of(Phase.L1, Phase.L2), vehicleMax: 6);
        site.OnePhase("CP5", Phase.L3, vehicleMax: 6);
        site.OnePhase("CP6", Phase.L3, vehicleMax: 6);

        Assert.Equal([0, 0, 0, 6, 6, 6], site.Decide().Currents);
    }

    [Fact]
    public void Without_imbalance_prevention_a_shortfall_changes_nothing()
    {
        // Phase limits count what vehicles are given: CP1 (L1, 10 A short) and CP2 (L1) share 20 A as 10 A each.
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(20)));
        site.OnePhase("CP1", Phase.L1, shortfall: 10);
        site.OnePhase("CP2", Phase.L1);

        Assert.Equal([10, 10], site.Decide().Currents);
    }
}
