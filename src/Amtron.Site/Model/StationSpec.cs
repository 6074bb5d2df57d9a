using Amtron.Dlm.Units;

namespace Amtron.Site.Model;

/// <summary>The role a station plays in its DLM network (web interface "Dynamic Load Management - DLM Master/Slave").</summary>
public enum StationRole
{
    /// <summary>"DLM Master (With internal DLM-Slave)": coordinates and charges.</summary>
    MasterWithInternalSlave,

    /// <summary>"DLM Master (Standalone)": coordinates only; its own charge points are not in the network.</summary>
    MasterStandalone,

    /// <summary>"DLM Slave (Master-Auto-Discovery)".</summary>
    SlaveAutoDiscovery,

    /// <summary>"DLM Slave (Master-Fixed-IP)".</summary>
    SlaveFixedIp,
}

/// <summary>A charging station (one ECU) with its charge points.</summary>
/// <param name="Id">Station name.</param>
/// <param name="Role">DLM role.</param>
/// <param name="ChargePoints">Its charge points.</param>
public sealed record StationSpec(string Id, StationRole Role, IReadOnlyList<ChargePointSpec> ChargePoints)
{
    /// <summary>Satellites: current allowed while the master cannot be reached.</summary>
    public Amps DisconnectedLimit { get; init; } = Dlm.DlmConstants.MinimumChargingCurrent;

    /// <summary>Times the station cannot reach its master.</summary>
    public IReadOnlyList<TimeWindow> Outages { get; init; } = [];

    /// <summary>The station's network part (addressing, backend, hardware); null when the file does not describe it.</summary>
    public StationNetwork? Network { get; init; }

    /// <summary>
    /// Settings that only the DLM master's web interface offers (sub-distribution limits, imbalance) but that the file
    /// says were entered on this station; <c>amtron check</c> reports them on a satellite.
    /// </summary>
    public IReadOnlyList<string> MasterOnlySettings { get; init; } = [];

    /// <summary>Its EMS interface (manual 6.4), when the file says; off otherwise.</summary>
    public EmsInterfaceSpec Ems { get; init; } = new();

    /// <summary>True for either master role.</summary>
    public bool IsMaster => Role is StationRole.MasterWithInternalSlave or StationRole.MasterStandalone;

    /// <summary>Whether the station reaches its master at <paramref name="time"/> (a master always reaches itself).</summary>
    public bool ReachesMasterAt(DateTimeOffset time) => IsMaster || !TimeWindow.AnyContains(Outages, time);
}
