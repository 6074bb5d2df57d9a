using Amtron.Dlm.Allocation;
using Amtron.Dlm.Limits;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Decision;

/// <summary>
/// The DLM master's decision for one network at one instant: available current per phase, then whole amps per
/// charge point. Charge points are taken in the given order as priority order. Pure: no clock, no I/O. Reuses its
/// buffers, so repeated decisions on a site of the same size allocate nothing. Not thread-safe.
/// </summary>
public sealed class DlmEngine
{
    private readonly Allocator _allocator = new();
    private readonly RecentAllocations _recent = new();

    /// <summary>Decides; <paramref name="currents"/> and <paramref name="outcomes"/> receive one entry per charge point.</summary>
    public DlmDecision Decide(
        DlmSettings settings,
        in DecisionInput input,
        ReadOnlySpan<ChargePointDemand> chargePoints,
        Span<int> currents,
        Span<AllocationOutcome> outcomes)
    {
        // Stryker disable once Statement : PoolLimitCalculator.Compute, called next, throws the same ArgumentNullException for "settings"
        ArgumentNullException.ThrowIfNull(settings);
        var pool = PoolLimitCalculator.Compute(settings, input, chargePoints);
        var external = pool.ExternalLoad;
        Amps? allowedImbalance = settings.CurrentImbalancePrevention
            ? Amps.Max(settings.CurrentImbalanceLimit, external.Spread)
            : null;

        var limits = new AllocationLimits
        {
            ImbalancePrevention = allowedImbalance.HasValue,
            AllowedSpreadMilliamps = allowedImbalance?.Milliamps ?? 0,
        };
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            limits.Available[p] = pool.Available[p].FloorWholeAmps;
            limits.ExternalMilliamps[p] = external[p].Milliamps;
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                // Stryker disable once Conditional : without imbalance prevention no rule reads the reserve (the allocator checks ImbalancePrevention first)
                limits.ReserveMilliamps[(p * PhaseSet.PhaseCount) + q] = allowedImbalance.HasValue ? input.ImbalanceReserve[p, q].Milliamps : 0;
                // Stryker disable once Equality : HasMargins only chooses the pair-by-pair check over the spread, and with every margin 0 they agree
                limits.HasMargins |= limits.ReserveMilliamps[(p * PhaseSet.PhaseCount) + q] != 0;
            }
        }

        // A controller decides every sample period, mostly on unchanged inputs: the allocation is a pure function of
        // the limits and the demands, so an identical call (one of the last few) gets the identical answer without recomputing.
        if (!_recent.TryCopy(limits, chargePoints, currents, outcomes, out var summary))
        {
            summary = _allocator.Allocate(chargePoints, limits, currents, outcomes);
            // Stryker disable once Statement : the memory only saves work: without it every call allocates afresh, to the same answer
            _recent.Remember(limits, currents, outcomes, summary);
        }

        var phaseLoad = PhaseCurrents.FromWholeAmps(summary.PhaseLoadL1, summary.PhaseLoadL2, summary.PhaseLoadL3);
        return new DlmDecision(pool, summary.ChargingCount, phaseLoad, allowedImbalance, (external + phaseLoad).Spread);
    }
}
