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

    /// <summary>A vehicle is plugged in.</summary>
    bool VehicleConnected { get; }

    /// <summary>The plugged-in vehicle asks for energy.</summary>
    bool Requesting { get; }

    /// <summary>The point's own meter, per grid phase.</summary>
    PhaseCurrents Measured { get; }

    /// <summary>Identifies the plug-in (new for every vehicle), null when the point cannot tell.</summary>
    string? SessionKey { get; }
}
