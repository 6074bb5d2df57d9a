using Amtron.Dlm.Decision;

namespace Amtron.Dlm.Allocation;

/// <summary>
/// The last few allocations of an engine, each answered again by copying when a call is identical to it (see
/// <see cref="LastAllocation"/>). More than one: a controller deciding with vehicles of unknown phases calls its
/// engine several times per decision (admitting fewer of them each time), so one remembered call would always be the
/// wrong one at the next decision. Replaced oldest first. Property-tested against allocating afresh.
/// </summary>
internal sealed class RecentAllocations
{
    /// <summary>Enough for the calls of one decision in the year car park (3-4 with vehicles of unknown phases).</summary>
    private const int Capacity = 8;

    private readonly LastAllocation[] _entries = [.. Enumerable.Range(0, Capacity).Select(_ => new LastAllocation())];
    private int _oldest;

    /// <summary>The keys of the call being looked up, computed once for every entry and for remembering it.</summary>
    private LastAllocation.DemandKey[] _keys = [];
    private int _keyCount;

    /// <summary>Copies the remembered answer of an identical call into the buffers; false when none is remembered.</summary>
    public bool TryCopy(in AllocationLimits limits, ReadOnlySpan<ChargePointDemand> demands, Span<int> currents, Span<AllocationOutcome> outcomes, out AllocationSummary summary)
    {
        // Stryker disable once Equality : buffers only: allocating them again on an equal length changes nothing
        if (_keys.Length < demands.Length)
        {
            _keys = new LastAllocation.DemandKey[demands.Length];
        }

        for (var i = 0; i < demands.Length; i++)
        {
            _keys[i] = LastAllocation.Key(demands[i]);
        }

        _keyCount = demands.Length;
        var keys = _keys.AsSpan(0, _keyCount);
        foreach (var entry in _entries)
        {
            if (entry.Matches(limits, keys))
            {
                summary = entry.CopyTo(currents, outcomes);
                return true;
            }
        }

        summary = default;
        return false;
    }

    /// <summary>Remembers the allocation of the call last looked up (<see cref="TryCopy"/>) in place of the oldest one.</summary>
    public void Remember(in AllocationLimits limits, ReadOnlySpan<int> currents, ReadOnlySpan<AllocationOutcome> outcomes, AllocationSummary summary)
    {
        _entries[_oldest].Remember(limits, _keys.AsSpan(0, _keyCount), currents, outcomes, summary);
        _oldest = (_oldest + 1) % Capacity;
    }
}
