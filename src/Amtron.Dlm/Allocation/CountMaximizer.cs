using Amtron.Dlm.Units;

namespace Amtron.Dlm.Allocation;

/// <summary>
/// Finds how many charge points of each phase-set kind can charge at the minimum current at once: an integer
/// programme over the 7 kinds (masks 1..7) with per-phase capacities and, with imbalance prevention, bounds on
/// the difference of two phases' loads. Counts of 2-phase kinds are enumerated (such vehicles are rare), the
/// 3-phase count is found by binary search on a concave objective, and 1-phase counts follow in closed form as
/// the greatest element of a difference-constraint lattice.
/// </summary>
internal static class CountMaximizer
{
    /// <summary>Weight of the total count, so a secondary count never outweighs one more charging point.</summary>
    private const long TotalWeight = 1L << 32;

    /// <summary>No difference bound (imbalance prevention off); small enough that sums cannot overflow.</summary>
    internal const long Unbounded = long.MaxValue / 8;

    private const int L1Only = 0b001;
    private const int L2Only = 0b010;
    private const int L3Only = 0b100;
    private const int L1L2 = 0b011;
    private const int L1L3 = 0b101;
    private const int L2L3 = 0b110;
    private const int AllThree = 0b111;

    /// <summary>
    /// Maximises the number of charging points within bounds; among maxima, maximises the count of
    /// <paramref name="preferredKind"/> (a mask, or 0 for none). Returns the total, or -1 if the bounds are infeasible.
    /// </summary>
    /// <param name="lower">Lower bound per kind, indexed by mask (length 8, index 0 unused).</param>
    /// <param name="upper">Upper bound per kind, indexed by mask.</param>
    /// <param name="capacity">Per phase: how many minimum-current loads fit.</param>
    /// <param name="difference">difference[p * 3 + q]: phase p's count may exceed phase q's by at most this.</param>
    /// <param name="preferredKind">Kind whose count breaks ties, 0 for none.</param>
    /// <param name="solution">Receives the counts per kind (length 8).</param>
    public static long Solve(
        ReadOnlySpan<long> lower,
        ReadOnlySpan<long> upper,
        ReadOnlySpan<long> capacity,
        ReadOnlySpan<long> difference,
        int preferredKind,
        Span<long> solution)
    {
        if (AllFit(upper, capacity, difference))
        {
            // No contention: every point fits at the minimum, so the upper bounds are the one optimum.
            // Stryker disable once Statement : while everyone fits every later trial finds that too (bounds fall only on a rejection, and nobody is rejected), so all are taken whatever the solution holds
            upper.CopyTo(solution);
            long everyone = 0;
            foreach (var count in upper)
            {
                everyone += count;
            }

            return everyone;
        }

        var problem = new Problem(lower, upper, capacity, difference, preferredKind);
        var bestObjective = long.MinValue;
        var bestTotal = -1L;
        Span<long> singles = stackalloc long[PhaseSet.PhaseCount];

        // Bounds on differences of 2-phase counts that every feasible choice keeps: phase p less phase q is the pair of
        // p and the third phase r less the pair of q and r, plus p's singles less q's, so x(p,r) - x(q,r) <= the allowed
        // difference - p's fewest singles + q's most. They cut the enumeration to a narrow band under imbalance
        // prevention (without it they are unbounded and change nothing); counts outside it have no feasible 3-phase
        // count anyway, so the optimum is the same.
        var gap = new PairGaps(lower, upper, difference);
        // And the exchange bound: at every maximum, a 2-phase count above its lower bound has every single of one of
        // its two phases charging; else one 2-phase vehicle fewer and one single more on each of its phases would keep
        // every load (so every limit) and charge one more. All of phase p's singles charging needs room for them, so
        // such a count is at most Room(p) less p's other fixed load. Every maximum lies inside, so the same is found;
        // where singles are many (more than a phase can take) it holds each 2-phase count at its lower bound.
        var room = new SinglesRoom(lower, upper, capacity);
        var max12 = Math.Min(Math.Min(upper[L1L2], Math.Min(capacity[0], capacity[1])), room.PairAtMost(lower[L1L2], 0, lower[L1L3], 1, lower[L2L3]));
        for (var x12 = lower[L1L2]; x12 <= max12; x12++)
        {
            var max13 = Math.Min(Math.Min(Math.Min(upper[L1L3], Math.Min(capacity[0] - x12, capacity[2])), x12 + gap.Over(2, 1)), room.PairAtMost(lower[L1L3], 0, x12, 2, lower[L2L3]));
            for (var x13 = Math.Max(lower[L1L3], x12 - gap.Over(1, 2)); x13 <= max13; x13++)
            {
                // Stryker disable once Arithmetic : only a tighter loop bound: past a phase's capacity BestThreePhase finds no 3-phase count (highest < 0) and skips the counts
                var max23 = Math.Min(Math.Min(Math.Min(upper[L2L3], Math.Min(capacity[1] - x12, capacity[2] - x13)), Math.Min(x13 + gap.Over(1, 0), x12 + gap.Over(2, 0))), room.PairAtMost(lower[L2L3], 1, x12, 2, x13));
                for (var x23 = Math.Max(lower[L2L3], Math.Max(x13 - gap.Over(0, 1), x12 - gap.Over(0, 2))); x23 <= max23; x23++)
                {
                    var pairs = new Pairs(x12, x13, x23);
                    if (!problem.BestThreePhase(pairs, out var t))
                    {
                        continue;
                    }

                    var objective = problem.Evaluate(pairs, t, singles, out var total);
                    if (objective > bestObjective)
                    {
                        bestObjective = objective;
                        bestTotal = total;
                        // Stryker disable once Statement : kinds 1..7 are all written just below; index 0 is no kind and is never read
                        solution.Clear();
                        solution[L1L2] = x12;
                        solution[L1L3] = x13;
                        solution[L2L3] = x23;
                        solution[AllThree] = t;
                        solution[L1Only] = singles[0];
                        solution[L2Only] = singles[1];
                        solution[L3Only] = singles[2];
                    }
                }
            }
        }

        return bestTotal;
    }

    /// <summary>True when every point at its upper bound fits the capacities and the difference bounds.</summary>
    private static bool AllFit(ReadOnlySpan<long> upper, ReadOnlySpan<long> capacity, ReadOnlySpan<long> difference)
    {
        Span<long> load = stackalloc long[PhaseSet.PhaseCount];
        for (var kind = 1; kind <= AllThree; kind++)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                load[p] += (kind & (1 << p)) != 0 ? upper[kind] : 0;
            }
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (load[p] > capacity[p])
            {
                return false;
            }

            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                // Stryker disable once Logical,Boolean : a shortcut: these only make AllFit false more often, which sends the question to the full search and its same optimum
                if (p != q && load[p] - load[q] > difference[(p * PhaseSet.PhaseCount) + q])
                {
                    return false;
                }
            }
        }

        // Stryker disable once Boolean : a shortcut: false only sends the question to the full search, which finds the same optimum (everyone)
        return true;
    }

    /// <summary>
    /// Over(p, q): how much the 2-phase count of p and the third phase may exceed that of q and the third phase, for
    /// phase p to stay within the allowed difference over q: difference(p, q) - p's fewest singles + q's most.
    /// </summary>
    private readonly ref struct PairGaps(ReadOnlySpan<long> lower, ReadOnlySpan<long> upper, ReadOnlySpan<long> difference)
    {
        private readonly ReadOnlySpan<long> _lower = lower;
        private readonly ReadOnlySpan<long> _upper = upper;
        private readonly ReadOnlySpan<long> _difference = difference;

        public long Over(int p, int q) => _difference[(p * PhaseSet.PhaseCount) + q] - _lower[1 << p] + _upper[1 << q];
    }

    /// <summary>
    /// Room(p): the most 2-phase load phase p can carry with all its singles charging beside the fewest 3-phase
    /// points: capacity(p) - p's most singles - the 3-phase lower bound (negative when they cannot all charge).
    /// </summary>
    private readonly ref struct SinglesRoom(ReadOnlySpan<long> lower, ReadOnlySpan<long> upper, ReadOnlySpan<long> capacity)
    {
        private readonly ReadOnlySpan<long> _lower = lower;
        private readonly ReadOnlySpan<long> _upper = upper;
        private readonly ReadOnlySpan<long> _capacity = capacity;

        /// <summary>
        /// The most a 2-phase count of phases p and q can be at a maximum: its lower bound, or what p or q has room
        /// for beside all its singles and its other 2-phase load (<paramref name="otherOnP"/>, <paramref name="otherOnQ"/>).
        /// </summary>
        public long PairAtMost(long lowerBound, int p, long otherOnP, int q, long otherOnQ) =>
            Math.Max(lowerBound, Math.Max(Of(p) - otherOnP, Of(q) - otherOnQ));

        private long Of(int p) => _capacity[p] - _upper[1 << p] - _lower[AllThree];
    }

    private readonly record struct Pairs(long X12, long X13, long X23)
    {
        public long Total => X12 + X13 + X23;

        public long OnPhase(int phase) => phase switch
        {
            0 => X12 + X13,
            1 => X12 + X23,
            _ => X13 + X23,
        };
    }

    private readonly ref struct Problem
    {
        private readonly ReadOnlySpan<long> _lower;
        private readonly ReadOnlySpan<long> _upper;
        private readonly ReadOnlySpan<long> _capacity;
        private readonly ReadOnlySpan<long> _difference;
        private readonly int _preferredKind;

        public Problem(ReadOnlySpan<long> lower, ReadOnlySpan<long> upper, ReadOnlySpan<long> capacity, ReadOnlySpan<long> difference, int preferredKind)
        {
            _lower = lower;
            _upper = upper;
            _capacity = capacity;
            _difference = difference;
            _preferredKind = preferredKind;
        }

        /// <summary>The best 3-phase count for fixed 2-phase counts, or false if none is feasible.</summary>
        public bool BestThreePhase(Pairs pairs, out long best)
        {
            Span<long> singles = stackalloc long[PhaseSet.PhaseCount];
            best = _lower[AllThree];
            var highest = _upper[AllThree];
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                // Stryker disable once Arithmetic,Linq : only a tighter start for the search: Singles rejects a 3-phase count past a phase's capacity (its 1-phase count would be negative)
                highest = Math.Min(highest, _capacity[p] - pairs.OnPhase(p));
            }

            if (highest < best || !Singles(pairs, best, singles))
            {
                return false;
            }

            // Feasibility only worsens as t grows (each single's room shrinks): find the largest feasible t.
            var low = best;
            while (low < highest)
            {
                var mid = low + ((highest - low + 1) / 2);
                if (Singles(pairs, mid, singles))
                {
                    low = mid;
                }
                else
                {
                    highest = mid - 1;
                }
            }

            // The objective is concave in t: find its leftmost maximum on [best, low].
            var high = low;
            low = best;
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                if (Evaluate(pairs, mid + 1, singles, out _) > Evaluate(pairs, mid, singles, out _))
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            best = low;
            return true;
        }

        /// <summary>Weighted objective for fixed 2- and 3-phase counts (which must be feasible).</summary>
        public long Evaluate(Pairs pairs, long threePhase, Span<long> singles, out long total)
        {
            Singles(pairs, threePhase, singles);
            total = threePhase + pairs.Total + singles[0] + singles[1] + singles[2];
            var preferred = _preferredKind switch
            {
                0 => 0,
                L1Only => singles[0],
                L2Only => singles[1],
                L3Only => singles[2],
                L1L2 => pairs.X12,
                L1L3 => pairs.X13,
                L2L3 => pairs.X23,
                _ => threePhase,
            };
            return (total * TotalWeight) + preferred;
        }

        /// <summary>
        /// The largest 1-phase counts for fixed 2- and 3-phase counts: start every phase at its upper bound, then
        /// lower phases that exceed another by more than allowed (shortest paths on 3 nodes settle in 2 rounds).
        /// </summary>
        private bool Singles(Pairs pairs, long threePhase, Span<long> singles)
        {
            Span<long> load = stackalloc long[PhaseSet.PhaseCount];
            Span<long> fixedLoad = stackalloc long[PhaseSet.PhaseCount];
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                fixedLoad[p] = threePhase + pairs.OnPhase(p);
                load[p] = Math.Min(_capacity[p], fixedLoad[p] + _upper[1 << p]);
            }

            // Stryker disable once Equality,Arithmetic : a third round repeats a settled relaxation and changes nothing
            for (var round = 0; round < PhaseSet.PhaseCount - 1; round++)
            {
                for (var p = 0; p < PhaseSet.PhaseCount; p++)
                {
                    for (var q = 0; q < PhaseSet.PhaseCount; q++)
                    {
                        if (p != q)
                        {
                            load[p] = Math.Min(load[p], load[q] + _difference[(p * PhaseSet.PhaseCount) + q]);
                        }
                    }
                }
            }

            var feasible = true;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                singles[p] = load[p] - fixedLoad[p];
                feasible &= singles[p] >= _lower[1 << p];
                for (var q = 0; q < PhaseSet.PhaseCount; q++)
                {
                    // Two rounds settle every bound unless the bounds contradict each other (a negative cycle: an
                    // imbalance reserve that no counts keep). Then one is still broken, and no counts are feasible.
                    feasible &= p == q || load[p] - load[q] <= _difference[(p * PhaseSet.PhaseCount) + q];
                }
            }

            return feasible;
        }
    }
}
