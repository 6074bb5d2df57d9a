using Amtron.Dlm.Decision;

namespace Amtron.Dlm.Allocation;

/// <summary>
/// The inputs and result of the last allocation, so an identical next call can be answered by copying. "Identical" is
/// what the allocator reads of each demand — requesting, phases, whole-amp ceiling, shortfall — not its id or measured draw (those
/// matter only before, in the pool limit): a controller deciding on changed draws but unchanged ceilings is answered
/// from here. Property-tested against allocating afresh.
/// </summary>
internal sealed class LastAllocation
{
    private AllocationLimits _limits;
    private DemandKey[] _keys = [];
    private int[] _currents = [];
    private AllocationOutcome[] _outcomes = [];
    private AllocationSummary _summary;
    private int _count = -1;

    public bool Matches(in AllocationLimits limits, ReadOnlySpan<ChargePointDemand> demands)
    {
        if (_count != demands.Length || !SameLimits(limits))
        {
            return false;
        }

        for (var i = 0; i < demands.Length; i++)
        {
            if (Key(demands[i]) != _keys[i])
            {
                return false;
            }
        }

        // Stryker disable once Boolean : the memory only saves work: never matching allocates afresh, to the same answer
        return true;
    }

    /// <summary>What the allocator reads of a demand: requesting, phases and ceiling in one number, and its shortfall.</summary>
    private static DemandKey Key(in ChargePointDemand demand) =>
        new((demand.CeilingWholeAmps << 9) | ((long)demand.Phases.Mask << 1) | (demand.Requesting ? 1L : 0L), demand.ImbalanceShortfall.Milliamps);

    public AllocationSummary CopyTo(Span<int> currents, Span<AllocationOutcome> outcomes)
    {
        _currents.AsSpan(0, _count).CopyTo(currents);
        _outcomes.AsSpan(0, _count).CopyTo(outcomes);
        return _summary;
    }

    public void Remember(in AllocationLimits limits, ReadOnlySpan<ChargePointDemand> demands, ReadOnlySpan<int> currents, ReadOnlySpan<AllocationOutcome> outcomes, AllocationSummary summary)
    {
        // Stryker disable once Equality : buffers only: allocating them again on an equal length changes nothing
        if (_keys.Length < demands.Length)
        {
            _keys = new DemandKey[demands.Length];
            _currents = new int[demands.Length];
            _outcomes = new AllocationOutcome[demands.Length];
        }

        for (var i = 0; i < demands.Length; i++)
        {
            _keys[i] = Key(demands[i]);
        }

        currents[..demands.Length].CopyTo(_currents);
        outcomes[..demands.Length].CopyTo(_outcomes);
        _limits = limits;
        _summary = summary;
        _count = demands.Length;
    }

    private bool SameLimits(in AllocationLimits limits)
    {
        if (limits.ImbalancePrevention != _limits.ImbalancePrevention || limits.AllowedSpreadMilliamps != _limits.AllowedSpreadMilliamps)
        {
            return false;
        }

        for (var p = 0; p < Units.PhaseSet.PhaseCount; p++)
        {
            if (limits.Available[p] != _limits.Available[p] || limits.ExternalMilliamps[p] != _limits.ExternalMilliamps[p])
            {
                return false;
            }
        }

        for (var pair = 0; pair < PairValues.PairCount; pair++)
        {
            // Stryker disable once Equality : pair 0 is L1 over itself, 0 on both sides: "==" never lets a call match, and an unmatched call allocates afresh to the same answer
            if (limits.ReserveMilliamps[pair] != _limits.ReserveMilliamps[pair])
            {
                return false;
            }
        }

        // Stryker disable once Boolean : the memory only saves work: never matching allocates afresh, to the same answer
        return true;
    }

    private readonly record struct DemandKey(long Shape, long ShortfallMilliamps);
}
