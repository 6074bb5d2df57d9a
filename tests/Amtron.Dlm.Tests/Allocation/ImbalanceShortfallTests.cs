using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>
/// The imbalance shortfall: vehicles of one or two phases that draw less than they are given leave their phases
/// lighter, so with imbalance prevention (external + load) on p plus p's reserve over q may exceed (external + load)
/// on q less q's shortfall by at most the allowed spread. The shortfall exists only while its vehicles charge, so it
/// is cut to what charging nobody keeps: min over p ≠ q of (allowed − external p − reserve p over q + external q).
/// </summary>
public sealed class ImbalanceShortfallTests
{
    // Supply 32 A, imbalance limit 20 A, an Excluding meter (100 A main fuse) reading a house of 5, 0, 0 A: the allowed
    // spread is max(20, 5) = 20 A, and 32 A is available on every phase (100 − 5 = 95 A does not bind).
    private static TestSite House(PhaseCurrents shortfall, PhasePairCurrents reserve = default) => new(new DlmSettings(PhaseCurrents.Uniform(32))
    {
        CurrentImbalancePrevention = true,
        CurrentImbalanceLimit = Amps.From(20),
        ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)),
    })
    {
        Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(5, 0, 0)),
        ImbalanceShortfall = shortfall,
        ImbalanceReserve = reserve,
    };

    [Fact]
    public void A_shortfall_larger_than_charging_nobody_keeps_is_cut_and_a_three_phase_vehicle_charges_fully()
    {
        // Reserve L1 over L2: 2 A. Shortfall on L2: 30 A, cut to min(20 − 5 − 2 + 0, 20 − 0 − 0 + 0) = 13 A.
        // A 3-phase vehicle at x adds x to every phase: L1 over L2 is 5 + x + 2 − (x − 13) = 20 ≤ 20 at any x, so it
        // gets its 32 A. Left at 30 A (or cut to 20 A), L1 over L2 would be 37 (27) > 20 A and it could not charge.
        var site = House(PhaseCurrents.FromWholeAmps(0, 30, 0), PhasePairCurrents.Zero.With(0, 1, Amps.From(2)));
        site.ThreePhase("CP1");
        Assert.Equal([32], site.Decide().Currents);
    }

    [Fact]
    public void A_shortfall_on_the_heavy_phase_keeps_a_single_phase_vehicle_on_another_phase_waiting()
    {
        // Shortfall 30, 1, 1 A. L1's is cut to min over p = L2, L3 of (20 − 0 − 0 + 5) = 25 A; L2's and L3's to
        // min(20 − 5 + 0, 20) = 15 A, so they stay 1 A. A vehicle on L2 at y: L2 over L1 is y − (5 − 25) ≤ 20, so
        // y ≤ 0: it waits. (Without the shortfall it would get min(32, 20) = 20 A; with L1's cut to 15 A, 10 A.)
        var site = House(PhaseCurrents.FromWholeAmps(30, 1, 1));
        site.OnePhase("CP1", Phase.L2);
        Assert.Equal([0], site.Decide().Currents);
    }

    [Fact]
    public void The_shortfall_is_cut_by_each_phase_s_own_reserve_over_it()
    {
        // No meter, limit 10 A, 8 A kept for L2 over L1 only; L1 reported 5 A short. Charging nobody, L2 + 8 - L1 + 5 =
        // 13 > 10, so the shortfall is cut to 10 - 8 = 2 A (L3 over L1 would allow 10). A vehicle on L3 then may make
        // L3 + 2 - L1 <= 10: 8 A (L2 over L1 stays 8 + 2 = 10).
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(32)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(10) })
        {
            ImbalanceReserve = PhasePairCurrents.Zero.With(1, 0, Amps.From(8)),
            ImbalanceShortfall = PhaseCurrents.FromWholeAmps(5, 0, 0),
        };
        site.OnePhase("CP1", Phase.L3);

        Assert.Equal([8], site.Decide().Currents);
    }
}
