using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Site.Control;

/// <summary>
/// What a DLM master learns from one charge point of its network at a decision, whether the point is simulated or a
/// real charger answering over its EMS interface.
/// </summary>
public interface IMasterPoint
{
    /// <summary>The point as installed (id, Installation Current Limit, phase rotation).</summary>
    ChargePointSpec Spec { get; }

    /// <summary>Its station (reachability of the master, Disconnected Limit).</summary>
    StationSpec Station { get; }

    /// <summary>Grid phases wired to the connector (after phase rotation).</summary>
    PhaseSet ConnectorPhases { get; }

    /// <summary>
    /// The point's status report now: one call per point and decision (the master reads it for every point it looks at,
    /// hundreds of thousands of times in a simulated year).
    /// </summary>
    PointStatus Status { get; }
}

/// <summary>What a charge point reports at an instant.</summary>
/// <param name="VehicleConnected">A vehicle is plugged in.</param>
/// <param name="Requesting">The plugged-in vehicle asks for energy.</param>
/// <param name="Measured">The point's own meter, per grid phase.</param>
/// <param name="SessionKey">Identifies the plug-in (new for every vehicle), null when the point cannot tell.</param>
public readonly record struct PointStatus(bool VehicleConnected, bool Requesting, PhaseCurrents Measured, string? SessionKey)
{
    /// <summary>
    /// A cap on the point's current set outside the DLM, by an EMS controlling this station on its own (its HEMS
    /// current limit, manual 6.4): the master counts the point's Installation Current Limit as at most this. Null: none.
    /// </summary>
    public Amps? CurrentCap { get; init; }

    /// <summary>No vehicle: nothing requested, nothing drawn.</summary>
    public static PointStatus Empty => default;
}
