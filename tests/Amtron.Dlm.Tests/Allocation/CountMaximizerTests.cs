using Amtron.Dlm.Allocation;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>
/// The count programme directly: bounds per kind (index = phase mask, 1 = L1 only ... 7 = all three), capacities per
/// phase in points at 6 A, and per ordered pair of phases how many more points one may carry than the other.
/// </summary>
public sealed class CountMaximizerTests
{
    /// <summary>Off the diagonal: phase p may carry this many more points than phase q; 0 on the diagonal.</summary>
    private static long[] Differences(long bound) => [0, bound, bound, bound, 0, bound, bound, bound, 0];

    [Theory]
    [InlineData(0b011, 0b001)]
    [InlineData(0b101, 0b001)]
    [InlineData(0b110, 0b010)]
    public void A_preferred_two_phase_kind_never_exceeds_its_upper_bound(int pairKind, int singleKind)
    {
        // Capacity 3 points on every phase. Five 1-phase points on the single's phase and one point of the 2-phase kind,
        // which also uses that phase. Every point, 1- or 2-phase, takes one of the 3 places on that phase and counts
        // once, so the maximum is 3 however it is split; the tie goes to the most of the preferred 2-phase kind, which
        // is its upper bound 1 (not 3, though 3 would fit the capacities): 1 of the pair + 2 singles = 3.
        // Differences of 10 do not bind: the loads are 3 on one phase, at most 1 on another, 0 on the third.
        var lower = new long[8];
        var upper = new long[8];
        upper[singleKind] = 5;
        upper[pairKind] = 1;
        var solution = new long[8];

        var total = CountMaximizer.Solve(lower, upper, [3, 3, 3], Differences(10), pairKind, solution);

        var expected = new long[8];
        expected[pairKind] = 1;
        expected[singleKind] = 2;
        Assert.Equal(3, total);
        Assert.Equal(expected, solution);
    }

    [Fact]
    public void A_lower_bound_on_a_two_phase_kind_is_kept_though_single_phase_points_would_count_more()
    {
        // Capacity 1 point per phase. One L2+L3 point that must charge (lower = upper = 1), one L2 point, one L3 point.
        // The L2+L3 point fills L2 and L3, so neither 1-phase point fits: total 1. (Without the lower bound the two
        // 1-phase points would give 2.) Loads 0, 1, 1: differences of at most 1 are within 10.
        var lower = new long[8];
        var upper = new long[8];
        lower[0b110] = upper[0b110] = 1;
        upper[0b010] = 1;
        upper[0b100] = 1;
        var solution = new long[8];

        var total = CountMaximizer.Solve(lower, upper, [1, 1, 1], Differences(10), 0, solution);

        Assert.Equal(1, total);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 0], solution);
    }

    [Fact]
    public void A_two_phase_point_is_evened_out_by_a_single_phase_point_on_its_third_phase()
    {
        // Every difference 0 (the phases' counts must be equal), capacity 1 point per phase. One L1+L3 point and two L2
        // points. The L1+L3 point and one L2 point load every phase with 1: total 2. The second L2 point does not fit
        // (L2 holds 1). Without the L1+L3 point an L2 point alone would make L2 heavier than L1: nobody, total 0.
        var lower = new long[8];
        var upper = new long[8];
        upper[0b101] = 1;
        upper[0b010] = 2;
        var solution = new long[8];

        var total = CountMaximizer.Solve(lower, upper, [1, 1, 1], Differences(0), 0, solution);

        Assert.Equal(2, total);
        Assert.Equal([0, 0, 1, 0, 0, 1, 0, 0], solution);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Each_difference_bound_is_read_for_its_own_pair_and_index_0_of_the_bounds_is_unused(long unused)
    {
        // Two L2+L3 points; capacity 0 on L1 and 1 on L2 and L3, so at most one of them fits. Loads 0, 1, 1: L2 and L3
        // exceed L1 by 1 point each, which the allowed difference of 1 (off the diagonal) lets through: total 1.
        // The diagonal (0) bounds a phase against itself, 0 ≤ 0 whatever the counts. Index 0 of the bounds (no
        // phases) is not a kind: whatever it holds, the answer is the same.
        var lower = new long[8];
        var upper = new long[8];
        lower[0] = unused;
        upper[0] = unused;
        upper[0b110] = 2;
        var solution = new long[8];

        var total = CountMaximizer.Solve(lower, upper, [0, 1, 1], Differences(1), 0, solution);

        Assert.Equal(1, total);
        Assert.Equal([0, 0, 0, 0, 0, 1, 0], solution[1..]);
    }
}
