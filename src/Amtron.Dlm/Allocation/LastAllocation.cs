using Amtron.Dlm.Decision;

namespace Amtron.Dlm.Allocation;

/// <summary>
/// The inputs and result of one allocation, so an identical later call can be answered by copying (one entry of
/// <see cref="RecentAllocations"/>). "Identical" is what the allocator reads of each demand — requesting, phases,
/// whole-amp ceiling, shortfall — not its id or measured draw (those matter only before, in the pool limit): a controller
/// deciding on changed draws but unchanged ceilings is answered from here. Property-tested against allocating afresh.
/// </summary>
internal sealed class LastAllocation
{
    private AllocationLimits _limits;
    private DemandKey[] _keys = [];
    private int[] _currents = [];
    private AllocationOutcome[] _outcomes = [];
    private AllocationSummary _summary;
    private int _count = -1;

    /// <summary>Whether this call is the remembered one: the same limits and, demand by demand, the same <see cref="Key"/>.</summary>
    public bool Matches(in AllocationLimits limits, ReadOnlySpan<DemandKey> keys)
    {
        // Stryker disable once Equality : the memory only saves work: never matching allocates afresh, to the same answer
        return _count == keys.Length && SameLimits(limits) && keys.SequenceEqual(_keys.AsSpan(0, _count));
    }

    /// <summary>What the allocator reads of a demand: requesting, phases and ceiling in one number, and its shortfall.</summary>
    public static DemandKey Key(in ChargePointDemand demand) =>
        new((demand.CeilingWholeAmps << 9) | ((long)demand.Phases.Mask << 1) | (demand.Requesting ? 1L : 0L), demand.ImbalanceShortfall.Milliamps);

    public AllocationSummary CopyTo(Span<int> currents, Span<AllocationOutcome> outcomes)
    {
        _currents.AsSpan(0, _count).CopyTo(currents);
        _outcomes.AsSpan(0, _count).CopyTo(outcomes);
        return _summary;
    }

    public void Remember(in AllocationLimits limits, ReadOnlySpan<DemandKey> keys, ReadOnlySpan<int> currents, ReadOnlySpan<AllocationOutcome> outcomes, AllocationSummary summary)
    {
        // Stryker disable once Equality : buffers only: allocating them again on an equal length changes nothing
        if (_keys.Length < keys.Length)
        {
            _keys = new DemandKey[keys.Length];
            _currents = new int[keys.Length];
            _outcomes = new AllocationOutcome[keys.Length];
        }

        keys.CopyTo(_keys);
        currents[..keys.Length].CopyTo(_currents);
        outcomes[..keys.Length].CopyTo(_outcomes);
        _limits = limits;
        _summary = summary;
        _count = keys.Length;
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

    /// <summary>A demand as the allocator reads it (<see cref="Key"/>).</summary>
    internal readonly record struct DemandKey(long Shape, long ShortfallMilliamps);
}
