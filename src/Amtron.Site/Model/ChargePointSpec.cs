using Amtron.Dlm.Units;

namespace Amtron.Site.Model;

/// <summary>A charge point of a station in a DLM network.</summary>
/// <param name="Id">Name.</param>
/// <param name="StationId">The charging station (ECU) it belongs to.</param>
/// <param name="InstallationCurrentLimit">"Installation Current Limit [A]".</param>
/// <param name="PhaseRotation">Grid phase wired to the point's L1, L2, L3 (e.g. [L2, L3, L1]).</param>
public sealed record ChargePointSpec(string Id, string StationId, Amps InstallationCurrentLimit, IReadOnlyList<Phase> PhaseRotation)
{
    /// <summary>Standard wiring: the point's L1 is grid L1.</summary>
    public static readonly IReadOnlyList<Phase> NoRotation = [Phase.L1, Phase.L2, Phase.L3];

    /// <summary>Grid phases a vehicle with <paramref name="vehiclePhases"/> phases draws from at this point.</summary>
    public PhaseSet GridPhasesFor(int vehiclePhases)
    {
        var mask = 0;
        for (var i = 0; i < vehiclePhases && i < PhaseRotation.Count; i++)
        {
            mask |= 1 << (int)PhaseRotation[i];
        }

        return PhaseSet.FromMask(mask);
    }

    /// <summary>All grid phases wired to the connector.</summary>
    public PhaseSet ConnectorPhases => GridPhasesFor(PhaseRotation.Count);
}
