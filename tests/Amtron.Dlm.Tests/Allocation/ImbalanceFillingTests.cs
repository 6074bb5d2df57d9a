using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>Filling under the imbalance limit (chapter 7) stays "as evenly as possible" (chapter 6) and first come, first served.</summary>
public sealed class ImbalanceFillingTests
{
    /// <summary>
    /// Found by the property that equal demands are served in order (seed 573): the vehicle on the light phase rising
    /// makes room on the heavy phase, and that room went to the second of four equal vehicles, which then rose with it
    /// to its ceiling while the first, third and fourth stayed at 11 A.
    /// </summary>
    [Fact]
    public void Room_a_light_phase_makes_goes_to_the_lowest_vehicles_on_the_heavy_phase_in_order()
    {
        // House (meter excluding) 34 / 67 / 16 A: its own spread 67 - 16 = 51 A is more than the 7 A limit, so 51 A is
        // allowed (chapter 7). B on L3 may take its ceiling, 16 A: L3 = 16 + 16 = 32 A. Then L1 may carry up to
        // 32 + 51 - 34 = 49 A, shared by A, C, D, E (16 A installations): 49 / 4 = 12.25, so 12 A each and the
        // remaining amp to the first, A: 13 + 12 + 12 + 12 = 49. L2 (67 A) is 67 - 32 = 35 A above L3 and
        // 83 - 67 = 16 A below L1: within 51 A. 100 A supply and a 200 A main fuse bind nothing.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(7),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(34, 67, 16)) };
        site.OnePhase("A", Phase.L1, 16).OnePhase("B", Phase.L3, 16).OnePhase("C", Phase.L1, 16).OnePhase("D", Phase.L1, 16).OnePhase("E", Phase.L1, 16);

        var result = site.Decide();

        Assert.Equal([13, 16, 12, 12, 12], result.Currents);
        Assert.Equal(Amps.From(51), result.Decision.GridImbalance);
    }

    /// <summary>
    /// The same site with its phases renamed (every permutation): the rules treat the phases alike, so the result is
    /// the same; the bookkeeping of which pair of phases a waiting vehicle needs must work for every phase, not only L1.
    /// </summary>
    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(0, 2, 1)]
    [InlineData(1, 0, 2)]
    [InlineData(1, 2, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(2, 1, 0)]
    public void Room_a_light_phase_makes_goes_to_the_lowest_vehicles_whichever_phase_is_heavy(int heavy, int middle, int light)
    {
        // As above with L1, L2, L3 renamed heavy, middle, light: house 34 / 67 / 16 A, B on the light phase.
        var house = new long[3];
        house[heavy] = 34;
        house[middle] = 67;
        house[light] = 16;
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(7),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(house[0], house[1], house[2])) };
        site.OnePhase("A", (Phase)heavy, 16).OnePhase("B", (Phase)light, 16).OnePhase("C", (Phase)heavy, 16).OnePhase("D", (Phase)heavy, 16).OnePhase("E", (Phase)heavy, 16);

        Assert.Equal([13, 16, 12, 12, 12], site.Decide().Currents);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(7, 7)]
    public void Vehicles_on_the_three_phases_rise_together_under_a_zero_imbalance_limit(long ceiling, int expected)
    {
        // Limit 0 A, no house load: the phases must stay equal (chapter 7). One vehicle on each phase, all at 6 A: one
        // amp more for any one alone breaks the rule, one amp more for all three keeps it, so they rise together to
        // their ceilings (also by a single amp, 6 -> 7).
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(32)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.Zero });
        site.OnePhase("A", Phase.L1, ceiling).OnePhase("B", Phase.L2, ceiling).OnePhase("C", Phase.L3, ceiling);

        Assert.Equal([expected, expected, expected], site.Decide().Currents);
    }

    [Fact]
    public void A_pair_left_with_exactly_no_slack_does_not_hold_back_a_vehicle_that_needs_it()
    {
        // House (meter excluding) 0 / 0 / 6.5 A, limit 6 A: its own spread, 6.5 A, is allowed. A on L1 and B on L1+L2
        // at 6 A: L1 12, L2 6, L3 6.5 A. A cannot rise (13 - 6 = 7 > 6.5); B can (13 - 6.5 = 6.5 exactly, L1 over L2
        // unchanged, 7 - 6.5 on L2 over L3), and only once (14 - 6.5 = 7.5). A waits only for L1 over L2, which B's rise
        // leaves as it is: B gets 7 A.
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(63))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(6),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromDoubles(0, 0, 6.5)),
        };
        site.OnePhase("A", Phase.L1).Add("B", PhaseSet.Of(Phase.L1, Phase.L2));

        Assert.Equal([6, 7], site.Decide().Currents);
    }

    [Fact]
    public void A_vehicle_held_by_the_imbalance_limit_tries_again_after_another_rises()
    {
        // Limit 6 A, no meter, available 37 / 7 / 15 A. A on L1+L3 (11 A), B on L3 (8 A), C on L2 (9 A); at 6 A: L1 6,
        // L2 6, L3 12. A or B one amp more makes L3 - L2 = 7; C may rise (L2 7 = full). Then A fits (L3 13 - L2 7 = 6,
        // L1 7) and B does not (14 - 7 = 7): 7 / 6 / 7 A.
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(37, 7, 15)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(6) });
        site.Add("A", PhaseSet.Of(Phase.L1, Phase.L3), 11).OnePhase("B", Phase.L3, 8).OnePhase("C", Phase.L2, 9);

        Assert.Equal([7, 6, 7], site.Decide().Currents);
    }

    /// <summary>
    /// Found by mutation testing (issue 12): a group rising in one bulk step took the room a lower vehicle, parked by
    /// the imbalance limit, could have used after the group's first amp (9 / 8 / 11 A where 9 / 9 / 10 A is fair).
    /// </summary>
    [Fact]
    public void A_vehicle_held_by_the_imbalance_limit_gets_its_amp_as_soon_as_another_s_rise_makes_room()
    {
        // House (meter excluding) 7 / 6 / 0 A: spread 7 A = the limit, 7 A allowed. Available 30 / 30 / 19 A. A on L2
        // (9 A car), B on L2+L3 (9 A), C on L1+L3 (13 A). Loads: L1 = 7 + c, L2 = 6 + a + b, L3 = b + c.
        // Together 6 -> 8 (L2 - L1 = 22 - 15 = 7). Then A and B would make L2 - L1 = 8: C alone rises (L1 16, L3 17);
        // A takes the amp that made (23 - 16 = 7): A 9 = its car. B must wait for L1 again: C 10 (L1 17, L3 18), then
        // B 9 (L2 24 - 17 = 7, L3 19 = full). C cannot rise on a full L3: 9 / 9 / 10 A, each rise in turn lowest first.
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(30, 30, 19))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(7),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(7, 6, 0)),
        };
        site.Add("A", PhaseSet.Of(Phase.L2), 9).Add("B", PhaseSet.Of(Phase.L2, Phase.L3), 9).Add("C", PhaseSet.Of(Phase.L1, Phase.L3), 13);

        Assert.Equal([9, 9, 10], site.Decide().Currents);
    }

    /// <summary>
    /// Found by mutation testing (issue 12): a vehicle let in after filling rises from 6 A, and must stop at the next
    /// higher vehicle's current to rise on with it, also when that vehicle comes later in priority order (10 / 8 A
    /// where 9 / 9 A is even).
    /// </summary>
    [Fact]
    public void A_vehicle_let_in_late_rises_no_higher_than_the_later_vehicles_it_shares_a_phase_with()
    {
        // House (meter excluding) 1 / 3 / 1 A, limit 5 A (the house's own spread is 2 A): 5 A allowed. Available
        // 27 / 39 / 34 A. B (L1, 9 A car), C (L1+L2, 12 A) and D (L1+L3, 11 A) share L1: 27 / 3 = 9 A each is the most
        // all three can have together (and B's ceiling). A (L2+L3) alone takes its 15 A: L2 = 15 + 9 = 24 A,
        // L3 = 15 + 9 = 24 A, within 39 and 34 A. Grid 1 + 27 = 28, 3 + 24 = 27, 1 + 24 = 25 A: spread 3 A <= 5 A.
        // All four at 6 A would be 19 / 15 / 13 A, a 6 A spread: C fits only once A has raised L2 and L3, and then
        // joins D (7 A by then) before both rise together.
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(27, 39, 34))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(5),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(1, 3, 1)),
        };
        site.Add("A", PhaseSet.Of(Phase.L2, Phase.L3), 15).OnePhase("B", Phase.L1, 9).Add("C", PhaseSet.Of(Phase.L1, Phase.L2), 12).Add("D", PhaseSet.Of(Phase.L1, Phase.L3), 11);

        Assert.Equal([15, 9, 9, 9], site.Decide().Currents);
    }

    /// <summary>
    /// Found by mutation testing (issue 12): while E waits for L3 to rise, the higher vehicles that would use the same
    /// room (L1 over L3: C and D) wait with it and L3's vehicles rise first; C and D raised in bulk instead left E behind
    /// (12 / 12 / 8 A where 11 / 11 / 10 A is even).
    /// </summary>
    [Fact]
    public void A_vehicle_held_by_the_imbalance_limit_still_gets_its_even_share_of_a_full_phase()
    {
        // House (meter excluding) 5 / 11 / 4 A: its own spread, 7 A, is more than the 6 A limit, so 7 A is allowed.
        // Available 32 / 40 / 31 A. A (14 A car) and B (12 A) on L3 take their ceilings: L3 = 26 A. C (L1+L2, 14 A),
        // D (L1, 12 A) and E (L1+L2, 19 A) share L1: 32 / 3 = 10.67, so 10 A each and the remaining 2 A to the first,
        // C and D: 11 + 11 + 10 = 32. L2 = 11 + 10 = 21 A. Grid 5 + 32 = 37, 11 + 21 = 32, 4 + 26 = 30 A: spread 7 A.
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(32, 40, 31))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(6),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(5, 11, 4)),
        };
        site.OnePhase("A", Phase.L3, 14).OnePhase("B", Phase.L3, 12).Add("C", PhaseSet.Of(Phase.L1, Phase.L2), 14).OnePhase("D", Phase.L1, 12).Add("E", PhaseSet.Of(Phase.L1, Phase.L2), 19);

        Assert.Equal([14, 12, 11, 11, 10], site.Decide().Currents);
    }

    /// <summary>
    /// Found by mutation testing (issue 12): vehicles that do not use the pair of phases a lower vehicle waits for rise
    /// together, as a group, even though one of them could not rise alone; raised one by one, the waiting vehicle took
    /// L1's last amp and B no longer fitted (4 vehicles charging where 5 fit).
    /// </summary>
    [Fact]
    public void Vehicles_that_fit_only_rising_together_rise_together_so_that_as_many_as_fit_charge()
    {
        // House (meter excluding) 5 / 7 / 10 A: its own spread, 5 A, is more than the 1 A limit, so 5 A is allowed.
        // Available 34 / 35 / 38 A. All five fit: A (L1+L3) 10, B (L3) 6, C (L1+L2) 14, D (L2+L3) 18, E (L1) 10 A make
        // L1 = 10 + 14 + 10 = 34, L2 = 14 + 18 = 32, L3 = 10 + 6 + 18 = 34 A, each within its limit, and the grid
        // 39 / 39 / 44 A: spread 5 A. So as many as possible (chapter 6) is all five, each with at least 6 A.
        // (C alone one amp up from 13 A, with A and E at 10 A and D at 13 A, would put L1 at 39 A, 6 A over L3's 33 A;
        // with D it is 39 over 34 A.)
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(34, 35, 38))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(1),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(5, 7, 10)),
        };
        site.Add("A", PhaseSet.Of(Phase.L1, Phase.L3), 12).OnePhase("B", Phase.L3, 7).Add("C", PhaseSet.Of(Phase.L1, Phase.L2), 14)
            .Add("D", PhaseSet.Of(Phase.L2, Phase.L3), 18).OnePhase("E", Phase.L1, 12);

        var result = site.Decide();

        Assert.Equal(5, result.Decision.ChargingCount);
        Assert.All(result.Currents, current => Assert.True(current >= 6, $"{current} A"));
    }
}
