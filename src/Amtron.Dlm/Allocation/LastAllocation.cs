using Amtron.Dlm.Decision;

namespace Amtron.Dlm.Allocation;

/// <summary>The inputs and result of the last allocation, so an identical next call can be answered by copying.</summary>
internal sealed class LastAllocation
{
    private AllocationLimits _limits;
    private ChargePointDemand[] _demands = [];
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
            if (!demands[i].Equals(_demands[i]))
            {
                return false;
            }
        }

        return true;
    }

    public AllocationSummary CopyTo(Span<int> currents, Span<AllocationOutcome> outcomes)
    {
        _currents.AsSpan(0, _count).CopyTo(currents);
        _outcomes.AsSpan(0, _count).CopyTo(outcomes);
        return _summary;
    }

    public void Remember(in AllocationLimits limits, ReadOnlySpan<ChargePointDemand> demands, ReadOnlySpan<int> currents, ReadOnlySpan<AllocationOutcome> outcomes, AllocationSummary summary)
    {
        if (_demands.Length < demands.Length)
        {
            _demands = new ChargePointDemand[demands.Length];
            _currents = new int[demands.Length];
            _outcomes = new AllocationOutcome[demands.Length];
        }

        demands.CopyTo(_demands);
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

        return true;
    }
}
