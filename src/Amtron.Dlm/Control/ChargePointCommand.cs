namespace Amtron.Dlm.Control;

/// <summary>What the master tells one charge point after a decision.</summary>
/// <param name="Id">The charge point.</param>
/// <param name="Current">Whole amps to signal (0 = pause).</param>
/// <param name="Wakeup">Run the wake-up sequence: the vehicle was offered current but draws nothing.</param>
/// <param name="Reason">Why (see <see cref="CommandReason"/>).</param>
public readonly record struct ChargePointCommand(string Id, int Current, bool Wakeup, CommandReason Reason);

/// <summary>Why a charge point got its command.</summary>
public enum CommandReason
{
    /// <summary>No vehicle: 0 A.</summary>
    NoVehicle,

    /// <summary>The satellite cannot reach the master: it runs on its Disconnected Limit on its own.</summary>
    Disconnected,

    /// <summary>The allocation gave this current (see the decision for the binding limit).</summary>
    Allocated,
}
