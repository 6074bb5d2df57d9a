using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>What the master knows about one charge point at a decision (its status report).</summary>
/// <param name="Id">The charge point's name.</param>
/// <param name="ConnectorPhases">Grid phases wired to the connector, after phase rotation (all three for a 3-phase point).</param>
/// <param name="InstallationCurrentLimit">"Installation Current Limit [A]".</param>
/// <param name="VehicleConnected">A vehicle is plugged in and wants to charge.</param>
/// <param name="MeasuredCurrents">The point's own meter, per grid phase.</param>
public readonly record struct ChargePointObservation(
    string Id,
    PhaseSet ConnectorPhases,
    Amps InstallationCurrentLimit,
    bool VehicleConnected,
    PhaseCurrents MeasuredCurrents)
{
    /// <summary>False when the satellite does not answer the master; it then runs on its Disconnected Limit.</summary>
    public bool Reachable { get; init; } = true;

    /// <summary>
    /// Identifies the plug-in (a new value for every vehicle connected), so a vehicle that leaves and another that
    /// arrives between two decisions are not taken for one: what was learned about the first (phases, demand cap) must
    /// not be applied to the second. Null when the charge point cannot tell.
    /// </summary>
    public string? SessionKey { get; init; }

    /// <summary>
    /// The grid phases a vehicle charging on fewer phases than the connector has would use (its connector's L1, and L2
    /// for a two-phase vehicle), from the phase rotation; empty when not known, and then any connector phase might be.
    /// </summary>
    public PhaseSet LeadingPhases { get; init; }

    /// <summary>
    /// The grid phase a single-phase vehicle would use (the connector's L1), from the phase rotation; empty when not
    /// known, and then any of <see cref="LeadingPhases"/> might be.
    /// </summary>
    public PhaseSet FirstPhase { get; init; }

    /// <summary>The satellite's "Disconnected Limit": what it allows itself while it cannot reach the master.</summary>
    public Amps DisconnectedLimit { get; init; } = DlmConstants.MinimumChargingCurrent;
}
