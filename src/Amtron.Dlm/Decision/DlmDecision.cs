using Amtron.Dlm.Limits;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Decision;

/// <summary>The explanation of one decision; the currents themselves are written into the caller's buffer.</summary>
/// <param name="Pool">The available current per phase and which setting bound it.</param>
/// <param name="ChargingCount">How many charge points got at least the minimum current.</param>
/// <param name="PhaseLoad">Sum of the allocated currents per grid phase.</param>
/// <param name="AllowedImbalance">Spread allowed at the grid connection (null when prevention is off): the
/// Current Imbalance Limit, or the external load's own spread if that is larger.</param>
/// <param name="GridImbalance">Spread of external load plus allocated currents between the phases.</param>
public readonly record struct DlmDecision(
    PoolLimit Pool,
    int ChargingCount,
    PhaseCurrents PhaseLoad,
    Amps? AllowedImbalance,
    Amps GridImbalance);
