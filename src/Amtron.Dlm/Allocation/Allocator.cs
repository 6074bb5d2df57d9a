using System.Numerics;
using System.Runtime.CompilerServices;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Allocation;

/// <summary>
/// Step 5 of the decision (design.md): who charges and with how many whole amps. First the number of charging
/// points is maximised (ties: earlier points in priority order win), then currents are raised by progressive
/// filling in 1 A steps (max-min fair, a remainder to earlier points) until nobody below their ceiling can take more.
/// Buffers are kept between calls, so a decision allocates nothing once they have grown to the site's size.
/// Not thread-safe: one instance per thread.
/// </summary>
internal sealed class Allocator
{
    private const int KindSlots = PhaseSet.KindCount + 1;

    private long[] _ceiling = [];
    private byte[] _kind = [];
    private int[] _eligible = [];
    private int[] _active = [];
    private bool[] _parked = [];
    private bool[] _selected = [];
    private long[] _shortfall = [];
    private int _eligibleCount;
    private int _activeCount;
    private int _parkedCount;
    private PhaseValues _load;

    /// <summary>Per phase, in milliamps, the shortfalls of the selected points on it: how much lighter it is than <see cref="_load"/>.</summary>
    private PhaseValues _shortfallLoad;

    /// <summary>True when an eligible point has a shortfall (then each pair of phases is checked on its own).</summary>
    private bool _anyShortfall;
    private LowestGroup _group;

    /// <summary>
    /// Pairs of phases (bit p * 3 + q) whose imbalance slack a point that could not rise needs: lower points waiting
    /// for another phase to rise. Until someone rises, points that would use that slack (a phase p, not q) wait too,
    /// so the slack another phase's rise makes goes to the lowest points first.
    /// </summary>
    private int _protectedPairs;

    public AllocationSummary Allocate(
        ReadOnlySpan<ChargePointDemand> chargePoints,
        in AllocationLimits limits,
        Span<int> currents,
        Span<AllocationOutcome> outcomes)
    {
        if (currents.Length < chargePoints.Length || outcomes.Length < chargePoints.Length)
        {
            throw new ArgumentException("The result buffers are shorter than the charge point list.", nameof(currents));
        }

        EnsureCapacity(chargePoints.Length);
        _load = default;
        _shortfallLoad = default;
        ClassifyRequests(chargePoints, limits.ImbalancePrevention, currents, outcomes);
        var charging = SelectChargingPoints(limits, currents);

        do
        {
            RebuildActive(currents);
            Fill(limits, currents, outcomes);
        }
        while (AdmitOneMore(limits, currents, ref charging));

        for (var a = 0; a < _activeCount; a++)
        {
            outcomes[_active[a]] = AllocationOutcome.ImbalanceLimit;
        }

        return new AllocationSummary(charging, _load[0], _load[1], _load[2]);
    }

    private void EnsureCapacity(int count)
    {
        // Stryker disable once all : buffers only: allocating them again (or always) changes no allocation
        if (_ceiling.Length >= count)
        {
            return;
        }

        _ceiling = new long[count];
        _kind = new byte[count];
        _eligible = new int[count];
        _active = new int[count];
        _parked = new bool[count];
        _selected = new bool[count];
        _shortfall = new long[count];
    }

    private void ClassifyRequests(ReadOnlySpan<ChargePointDemand> chargePoints, bool imbalancePrevention, Span<int> currents, Span<AllocationOutcome> outcomes)
    {
        _eligibleCount = 0;
        // Stryker disable once Boolean : true matters only when nobody has a shortfall: the count without shortfalls then has the same bounds (never larger), and the pair-by-pair check agrees with the spread when there are no margins or shortfalls
        _anyShortfall = false;
        for (var i = 0; i < chargePoints.Length; i++)
        {
            ref readonly var chargePoint = ref chargePoints[i];
            currents[i] = 0;
            _selected[i] = false;
            // Stryker disable once Boolean : RebuildActive clears every eligible point's flag before it is read
            _parked[i] = false;
            if (!chargePoint.Requesting || chargePoint.Phases.IsEmpty)
            {
                outcomes[i] = AllocationOutcome.NotRequesting;
                continue;
            }

            var ceiling = chargePoint.CeilingWholeAmps;
            if (ceiling < DlmConstants.MinimumChargingCurrentWholeAmps)
            {
                outcomes[i] = AllocationOutcome.CeilingBelowMinimum;
                continue;
            }

            _ceiling[i] = ceiling;
            _kind[i] = chargePoint.Phases.Mask;
            // Only the imbalance rule reads a shortfall: the phase limits count what a point is given.
            // Stryker disable once Conditional : without imbalance prevention neither the pair checks nor the bounds read a shortfall; kept, it only costs a second count
            _shortfall[i] = imbalancePrevention ? Math.Max(0, chargePoint.ImbalanceShortfall.Milliamps) : 0;
            _anyShortfall |= _shortfall[i] != 0;
            _eligible[_eligibleCount++] = i;
            outcomes[i] = AllocationOutcome.Paused;
        }
    }

    /// <summary>
    /// Picks the lexicographically first maximum set: in priority order, a point is taken if a maximum count is
    /// still reachable with it. Points of one phase kind are interchangeable, so only counts per kind matter and at
    /// most two programmes are solved per kind (one that maximises that kind, one that finds it exhausted).
    /// </summary>
    private int SelectChargingPoints(in AllocationLimits limits, Span<int> currents)
    {
        Span<long> lower = stackalloc long[KindSlots];
        Span<long> upper = stackalloc long[KindSlots];
        Span<long> solution = stackalloc long[KindSlots];
        Span<long> trial = stackalloc long[KindSlots];
        Span<bool> exhausted = stackalloc bool[KindSlots];
        Span<long> capacity = stackalloc long[PhaseSet.PhaseCount];
        Span<long> difference = stackalloc long[PhaseSet.PhaseCount * PhaseSet.PhaseCount];
        // Stryker disable once Statement : stackalloc memory is zeroed (the project does not skip locals init)
        lower.Clear();
        // Stryker disable once Statement : stackalloc memory is zeroed (the project does not skip locals init)
        exhausted.Clear();
        var minimum = DlmConstants.MinimumChargingCurrentWholeAmps;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            capacity[p] = limits.Available[p] / minimum;
        }

        // Points are interchangeable per kind only at 6 A on every phase they use, so every one with a shortfall is
        // counted as charging: its phases as light as they will be if all of them charge. That errs safe (a phase is
        // never heavier than counted) but holds the others back for one that cannot charge after all, so the count is
        // also solved without them (they may be admitted later, one by one, where they fit), and the larger count wins.
        var withoutShortfalls = false;
        SetBounds(limits, withoutShortfalls, upper, difference);
        var maximum = CountMaximizer.Solve(lower, upper, capacity, difference, 0, solution);
        if (_anyShortfall)
        {
            Span<long> otherUpper = stackalloc long[KindSlots];
            Span<long> otherDifference = stackalloc long[PhaseSet.PhaseCount * PhaseSet.PhaseCount];
            SetBounds(limits, true, otherUpper, otherDifference);
            var without = CountMaximizer.Solve(lower, otherUpper, capacity, otherDifference, 0, trial);
            if (without > maximum)
            {
                withoutShortfalls = true;
                maximum = without;
                otherUpper.CopyTo(upper);
                otherDifference.CopyTo(difference);
                trial.CopyTo(solution);
            }
        }

        // -1 (infeasible) only when an imbalance reserve is not kept even with nobody charging and no set of points at
        // 6 A restores it: then nobody is selected (every trial would also give -1 and so "reach the maximum").
        var charging = 0;
        for (var e = 0; e < _eligibleCount; e++)
        {
            var i = _eligible[e];
            var kind = _kind[i];
            var take = false;
            if (withoutShortfalls && _shortfall[i] != 0)
            {
                // Not counted in the bounds: it waits for AdmitOneMore, Paused (set by ClassifyRequests) until then.
                continue;
            }

            if (!exhausted[kind] && maximum >= 0)
            {
                lower[kind]++;
                if (lower[kind] <= solution[kind])
                {
                    // The maximum set found so far already holds this many of the kind.
                    take = true;
                }
                else if (CountMaximizer.Solve(lower, upper, capacity, difference, kind, trial) == maximum)
                {
                    take = true;
                    trial.CopyTo(solution);
                }
                else
                {
                    lower[kind]--;
                    // Stryker disable once Boolean : a shortcut: a later trial of the kind has only tighter bounds (lower ones rise, upper ones fall), so it misses the maximum again
                    exhausted[kind] = true;
                }
            }

            if (!take)
            {
                // Stays Paused (set by ClassifyRequests).
                // Stryker disable once Statement,Update : a kind's bound falls only once it is exhausted (or nobody can charge), and no maximum set holds more of an exhausted kind whatever its bound
                upper[kind]--;
                continue;
            }

            _selected[i] = true;
            currents[i] = (int)DlmConstants.MinimumChargingCurrentWholeAmps;
            AddShortfall(i);
            charging++;
        }

        for (var kind = 1; kind < KindSlots; kind++)
        {
            AddLoad((byte)kind, lower[kind] * DlmConstants.MinimumChargingCurrentWholeAmps);
        }

        return charging;
    }

    /// <summary>
    /// The bounds of the count programme over every eligible point, or over those without a shortfall: how many of each
    /// kind there are, and per pair of phases how many more points at 6 A one may have than the other.
    /// </summary>
    private void SetBounds(in AllocationLimits limits, bool withoutShortfalls, Span<long> upper, Span<long> difference)
    {
        PhaseValues shortfall = default;
        // Stryker disable once Statement : both callers pass fresh stackalloc memory, which is zeroed (the project does not skip locals init)
        upper.Clear();
        for (var e = 0; e < _eligibleCount; e++)
        {
            var i = _eligible[e];
            if (withoutShortfalls && _shortfall[i] != 0)
            {
                continue;
            }

            upper[_kind[i]]++;
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                shortfall[q] += (_kind[i] & (1 << q)) != 0 ? _shortfall[i] : 0;
            }
        }

        var minimumMilliamps = DlmConstants.MinimumChargingCurrentWholeAmps * Amps.MilliampsPerAmp;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                difference[(p * PhaseSet.PhaseCount) + q] = limits.ImbalancePrevention
                    ? FloorDivide(PairSlack(limits, p, q, 0, 0, shortfall[q]), minimumMilliamps)
                    : CountMaximizer.Unbounded;
            }
        }
    }

    private void Admit(int i, Span<int> currents)
    {
        _selected[i] = true;
        currents[i] = (int)DlmConstants.MinimumChargingCurrentWholeAmps;
        AddLoad(_kind[i], DlmConstants.MinimumChargingCurrentWholeAmps);
        AddShortfall(i);
    }

    private void AddShortfall(int i)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            _shortfallLoad[p] += (_kind[i] & (1 << p)) != 0 ? _shortfall[i] : 0;
        }
    }

    private void AddLoad(byte kind, long amps)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if ((kind & (1 << p)) != 0)
            {
                _load[p] += amps;
            }
        }
    }

    /// <summary>Active = selected points below their ceiling, in priority order; surveys the lowest group.</summary>
    private void RebuildActive(Span<int> currents)
    {
        _activeCount = 0;
        _parkedCount = 0;
        _protectedPairs = 0;
        var survey = new GroupSurvey(stackalloc int[KindSlots]);
        for (var e = 0; e < _eligibleCount; e++)
        {
            var i = _eligible[e];
            _parked[i] = false;
            if (_selected[i] && currents[i] < _ceiling[i])
            {
                _active[_activeCount++] = i;
                survey.Include(currents[i], _ceiling[i] - currents[i], _kind[i]);
            }
        }

        survey.WriteTo(ref _group);
    }

    /// <summary>
    /// Progressive filling: the lowest active points rise together as far as every limit allows, in bulk when the
    /// whole group fits, else one amp each in priority order. A point that cannot rise because a phase is full stops
    /// for good (loads only grow); one held back only by the imbalance limit is parked until someone else rises,
    /// since raising another phase can make room for it. Each round is one pass over the active points, which also
    /// surveys the next round's lowest group.
    /// </summary>
    private void Fill(in AllocationLimits limits, Span<int> currents, Span<AllocationOutcome> outcomes)
    {
        while (_group.Level != long.MaxValue)
        {
            var level = _group.Level;
            var step = GroupUsesProtectedPairs() ? 0 : LargestCommonStep(limits);
            if (_parkedCount > 0)
            {
                // A point parked by the imbalance limit may fit again after any rise: it gets its chance after each amp.
                step = Math.Min(step, 1);
            }

            if (step >= 1)
            {
                for (var p = 0; p < PhaseSet.PhaseCount; p++)
                {
                    _load[p] += step * _group.Members[p];
                }

                Sweep(limits, currents, outcomes, GroupSweep.RaiseAll, step);
                continue;
            }

            var raised = false;
            for (var a = 0; a < _activeCount; a++)
            {
                var i = _active[a];
                var kind = _kind[i];
                if (_parked[i] || currents[i] != level || (ConsumedPairs(kind) & _protectedPairs) != 0)
                {
                    continue;
                }

                if (CanRaise(limits, kind, 1, 0))
                {
                    currents[i]++;
                    AddLoad(kind, 1);
                    raised = true;
                }
                else if ((kind & FullPhases(limits)) == 0)
                {
                    // Held by the imbalance limit: if a later point's rise makes room on its pair, it is this point's.
                    // Stryker disable once Assignment : a point gets here only if it uses no protected pair (above) and it blocks only pairs it uses: the bits are new, so or and xor agree
                    _protectedPairs |= ImbalanceBlockedPairs(limits, kind);
                }
            }

            Sweep(limits, currents, outcomes, raised ? GroupSweep.Unpark : GroupSweep.ParkLowest, 0);
        }
    }

    /// <summary>
    /// One pass over the active points: applies <paramref name="mode"/> to the current lowest group, drops points at
    /// their ceiling or on a full phase, and surveys the lowest unparked group for the next round.
    /// </summary>
    private void Sweep(in AllocationLimits limits, Span<int> currents, Span<AllocationOutcome> outcomes, GroupSweep mode, long step)
    {
        // Locals instead of fields: the JIT cannot prove the arrays unchanged across the stores below.
        var active = _active.AsSpan(0, _activeCount);
        var parked = _parked;
        var ceilings = _ceiling;
        var kinds = _kind;
        var fullPhases = FullPhases(limits);
        // Stryker disable once Conditional : the other modes are called with step 0
        var raise = mode == GroupSweep.RaiseAll ? (int)step : 0;
        var level = _group.Level;
        var survey = new GroupSurvey(stackalloc int[KindSlots]);
        var kept = 0;
        var parkedCount = 0;
        foreach (var i in active)
        {
            var wasParked = parked[i];
            var inGroup = !wasParked && currents[i] == level;
            var current = currents[i] += inGroup ? raise : 0;
            var kind = kinds[i];
            if (current >= ceilings[i])
            {
                outcomes[i] = AllocationOutcome.Ceiling;
                continue;
            }

            if ((kind & fullPhases) != 0)
            {
                outcomes[i] = (AllocationOutcome)((int)AllocationOutcome.PhaseLimitL1 + BitOperations.TrailingZeroCount(kind & fullPhases));
                continue;
            }

            var nowParked = mode switch
            {
                GroupSweep.RaiseAll or GroupSweep.Unpark => false,
                GroupSweep.ParkLowest => wasParked || inGroup,
                _ => wasParked,
            };
            parked[i] = nowParked;
            // Stryker disable once Conditional : only Fill reads the count, to rise one amp at a time while someone is parked; counting every kept point makes every rise one amp, the same allocation taken in smaller steps
            parkedCount += nowParked ? 1 : 0;
            _active[kept++] = i;
            if (!nowParked)
            {
                survey.Include(current, ceilings[i] - current, kind);
            }
        }

        _activeCount = kept;
        _parkedCount = parkedCount;
        survey.WriteTo(ref _group);
        if (mode != GroupSweep.ParkLowest)
        {
            // Someone rose: every point may try again, lowest first.
            _protectedPairs = 0;
        }
    }

    /// <summary><see cref="PairsConsumedBy"/> of every kind (mask 0..7): looked up on every fill round.</summary>
    private static readonly int[] ConsumedPairsByKind = [.. Enumerable.Range(0, KindSlots).Select(kind => PairsConsumedBy((byte)kind))];

    /// <summary>The pairs (p, q) of phases whose difference rises when a point of <paramref name="kind"/> rises: p its, q not.</summary>
    private static int ConsumedPairs(byte kind) => ConsumedPairsByKind[kind];

    private static int PairsConsumedBy(byte kind)
    {
        var pairs = 0;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                // Stryker disable once Assignment : each (p, q) sets its own bit once: or and xor agree
                pairs |= (kind & (1 << p)) != 0 && (kind & (1 << q)) == 0 ? 1 << ((p * PhaseSet.PhaseCount) + q) : 0;
            }
        }

        return pairs;
    }

    /// <summary>Whether a member of the lowest group would use the slack of a pair lower points wait for.</summary>
    private bool GroupUsesProtectedPairs()
    {
        if (_protectedPairs == 0)
        {
            return false;
        }

        for (var kind = 1; kind < KindSlots; kind++)
        {
            if ((_group.Kinds & (1 << kind)) != 0 && (ConsumedPairs((byte)kind) & _protectedPairs) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pairs of phases that one more amp for a point of <paramref name="kind"/> would take past the allowed spread.</summary>
    private int ImbalanceBlockedPairs(in AllocationLimits limits, byte kind)
    {
        var pairs = 0;
        var consumed = ConsumedPairs(kind);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                var bit = 1 << ((p * PhaseSet.PhaseCount) + q);
                if ((consumed & bit) != 0 && PairSlack(limits, p, q, _load[p] + 1, _load[q], _shortfallLoad[q]) < 0)
                {
                    // Stryker disable once Assignment : each pair sets its own bit once: or and xor agree
                    pairs |= bit;
                }
            }
        }

        return pairs;
    }

    /// <summary>Bit mask of the phases with no current left.</summary>
    private int FullPhases(in AllocationLimits limits)
    {
        var mask = 0;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            // Stryker disable once Assignment : each phase sets its own bit once: or and xor agree
            mask |= _load[p] >= limits.Available[p] ? 1 << p : 0;
        }

        return mask;
    }

    /// <summary>The largest number of amps every point of the lowest group can rise by together.</summary>
    private long LargestCommonStep(in AllocationLimits limits)
    {
        var step = Math.Min(_group.Headroom, _group.Next - _group.Level);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (_group.Members[p] > 0)
            {
                step = Math.Min(step, (limits.Available[p] - _load[p]) / _group.Members[p]);
            }
        }

        // Stryker disable once Statement,Block : a shortcut: the pairs below only lower a step that allows no rise already
        if (step < 1)
        {
            return step;
        }

        if (limits.ImbalancePrevention)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                for (var q = 0; q < PhaseSet.PhaseCount; q++)
                {
                    var faster = _group.Members[p] - _group.Members[q];
                    if (faster > 0)
                    {
                        var slack = PairSlack(limits, p, q, _load[p], _load[q], _shortfallLoad[q]);
                        step = Math.Min(step, FloorDivide(slack, faster * Amps.MilliampsPerAmp));
                    }
                }
            }
        }

        return step;
    }

    /// <summary>Whether a point of <paramref name="kind"/> can take <paramref name="amps"/> more, adding <paramref name="shortfall"/> mA of shortfall on its phases.</summary>
    private bool CanRaise(in AllocationLimits limits, byte kind, long amps, long shortfall)
    {
        PhaseValues grid = default;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            var extra = (kind & (1 << p)) != 0 ? amps : 0;
            if (_load[p] + extra > limits.Available[p])
            {
                return false;
            }

            grid[p] = GridMilliamps(limits, p) + (extra * Amps.MilliampsPerAmp);
        }

        if (!limits.ImbalancePrevention)
        {
            return true;
        }

        if (!limits.HasMargins && !_anyShortfall)
        {
            // The common case, on the hot path of filling: the spread itself.
            return Math.Max(Math.Max(grid[0], grid[1]), grid[2]) - Math.Min(Math.Min(grid[0], grid[1]), grid[2]) <= limits.AllowedSpreadMilliamps;
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                var lighter = _shortfallLoad[q] + ((kind & (1 << q)) != 0 ? shortfall : 0);
                if (p != q && grid[p] + limits.ReserveMilliamps[(p * PhaseSet.PhaseCount) + q] - grid[q] + lighter > limits.AllowedSpreadMilliamps)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The count was maximised with everyone at 6 A. With imbalance prevention, filling can raise a light phase far
    /// enough that one more point fits at 6 A; admit it (priority order) rather than leave that current idle.
    /// </summary>
    private bool AdmitOneMore(in AllocationLimits limits, Span<int> currents, ref int charging)
    {
        for (var e = 0; e < _eligibleCount; e++)
        {
            var i = _eligible[e];
            if (!_selected[i] && CanRaise(limits, _kind[i], DlmConstants.MinimumChargingCurrentWholeAmps, _shortfall[i]))
            {
                Admit(i, currents);
                charging++;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How much more phase <paramref name="p"/> (charging load <paramref name="loadP"/> A) may weigh than phase
    /// <paramref name="q"/> (<paramref name="loadQ"/> A), in milliamps: the allowed spread less their external loads'
    /// difference, p's reserve over q (it may be heavier than modelled) and the shortfall <paramref name="shortfallQ"/> mA
    /// of q's charging points (it is lighter by that).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long PairSlack(in AllocationLimits limits, int p, int q, long loadP, long loadQ, long shortfallQ) =>
        limits.AllowedSpreadMilliamps
        - (limits.ExternalMilliamps[p] + (loadP * Amps.MilliampsPerAmp) + limits.ReserveMilliamps[(p * PhaseSet.PhaseCount) + q])
        + (limits.ExternalMilliamps[q] + (loadQ * Amps.MilliampsPerAmp) - shortfallQ);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long GridMilliamps(in AllocationLimits limits, int phase) =>
        limits.ExternalMilliamps[phase] + (_load[phase] * Amps.MilliampsPerAmp);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FloorDivide(long numerator, long denominator) =>
        (numerator / denominator) - ((numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? 1 : 0);

    private enum GroupSweep
    {
        RaiseAll,
        Unpark,
        ParkLowest,
    }
}
