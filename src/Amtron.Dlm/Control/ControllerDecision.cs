using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;

namespace Amtron.Dlm.Control;

/// <summary>One controller decision: the engine's explanation and one command per observed charge point.</summary>
/// <param name="Decision">The engine's decision (available current, loads, imbalance).</param>
/// <param name="Commands">One command per observation, in the order observed.</param>
/// <param name="PriorityOrder">The ids the engine saw, in the priority order used.</param>
/// <param name="Outcomes">Per id in <paramref name="PriorityOrder"/>, why it got its current.</param>
public sealed record ControllerDecision(
    DlmDecision Decision,
    IReadOnlyList<ChargePointCommand> Commands,
    IReadOnlyList<string> PriorityOrder,
    IReadOnlyList<AllocationOutcome> Outcomes)
{
    /// <summary>
    /// True when deciding again on unchanged observations would give the same currents (a wake-up, a one-shot action,
    /// is not sent twice) and teach the controller
    /// nothing (no cap to set, no probe answered, no vehicle to wake): until an observation changes or
    /// <see cref="DlmController.NextTimer"/> is due, the next decisions are this one. False when unsure.
    /// </summary>
    public bool Settled { get; init; }
}

/// <summary>A decision of <see cref="DlmController.DecideInto"/>: the engine's explanation, and whether it is settled.</summary>
/// <param name="Decision">The engine's decision (available current, loads, imbalance).</param>
/// <param name="Settled">As <see cref="ControllerDecision.Settled"/>.</param>
/// <param name="Ranked">How many charge points the engine ranked (those reachable).</param>
public readonly record struct ControllerStep(DlmDecision Decision, bool Settled, int Ranked);
