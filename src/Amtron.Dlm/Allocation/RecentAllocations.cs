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

    /// <summary>Copies the remembered answer of an identical call into the buffers; false when none is remembered.</summary>
    public bool TryCopy(in AllocationLimits limits, ReadOnlySpan<ChargePointDemand> demands, Span<int> currents, Span<AllocationOutcome> outcomes, out AllocationSummary summary)
    {
        foreach (var entry in _entries)
        {
            if (entry.Matches(limits, demands))
            {
                summary = entry.CopyTo(currents, outcomes);
                return true;
            }
        }

        summary = default;
        return false;
    }

    /// <summary>Remembers an allocation in place of the oldest one.</summary>
    public void Remember(in AllocationLimits limits, ReadOnlySpan<ChargePointDemand> demands, ReadOnlySpan<int> currents, ReadOnlySpan<AllocationOutcome> outcomes, AllocationSummary summary)
    {
        _entries[_oldest].Remember(limits, demands, currents, outcomes, summary);
        _oldest = (_oldest + 1) % Capacity;
    }
}
