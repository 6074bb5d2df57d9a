using Amtron.Dlm.Units;

namespace Amtron.Dlm.Limits;

/// <summary>The current available to the charge points of one DLM network at one instant, and why.</summary>
/// <param name="Available">Whole amps per phase after every limit, never negative.</param>
/// <param name="Unrounded">The same limit before rounding down to whole amps (may be negative).</param>
/// <param name="BoundBy">Per phase, the setting that gave the smallest limit.</param>
/// <param name="OperatorLimit">The Operator limit in force (after the digital-input offset).</param>
/// <param name="SchedulerLimit">The scheduler entry in force, if the scheduler is on.</param>
/// <param name="ExternalLoad">The external load per phase (zero without a meter).</param>
/// <param name="MeterStatus">Whether the external load came from a reading, the fallback, or nothing.</param>
public readonly record struct PoolLimit(
    PhaseCurrents Available,
    PhaseCurrents Unrounded,
    PhaseLimitSources BoundBy,
    PhaseCurrents OperatorLimit,
    PhaseCurrents? SchedulerLimit,
    PhaseCurrents ExternalLoad,
    MeterStatus MeterStatus);

/// <summary>One <see cref="LimitSource"/> per phase.</summary>
public readonly record struct PhaseLimitSources(LimitSource L1, LimitSource L2, LimitSource L3)
{
    /// <summary>The source for phase index 0..2.</summary>
    public LimitSource this[int phaseIndex] => phaseIndex switch
    {
        0 => L1,
        1 => L2,
        2 => L3,
        _ => throw new ArgumentOutOfRangeException(nameof(phaseIndex)),
    };
}
