using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Sim.Model;

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

    /// <summary>True for either master role.</summary>
    public bool IsMaster => Role is StationRole.MasterWithInternalSlave or StationRole.MasterStandalone;
}

/// <summary>A change of the Operator limit at a time, as an EMS would send it.</summary>
public readonly record struct OperatorLimitChange(DateTimeOffset At, PhaseCurrents Limit);

/// <summary>One DLM network: its master's settings and controller, its stations.</summary>
/// <param name="Id">"DLM Network Id".</param>
/// <param name="Settings">The master's DLM settings (EVSE Sub-Distribution Limit is the supply line's fuse).</param>
/// <param name="Options">Controller behaviour (sample rate, queueing, wake-up, estimation).</param>
/// <param name="Stations">Master and satellites.</param>
public sealed record NetworkSpec(int Id, DlmSettings Settings, DlmControllerOptions Options, IReadOnlyList<StationSpec> Stations)
{
    /// <summary>Operator limit changes over time.</summary>
    public IReadOnlyList<OperatorLimitChange> OperatorLimitChanges { get; init; } = [];

    /// <summary>What the network's supply line (cable) carries per phase, when given (manual 6.3's requirement).</summary>
    public PhaseCurrents? SupplyLineCapacity { get; init; }

    /// <summary>Charge points that take part in this network's DLM (a standalone master's own points do not).</summary>
    public IEnumerable<(StationSpec Station, ChargePointSpec ChargePoint)> ManagedChargePoints =>
        Stations.Where(s => s.Role != StationRole.MasterStandalone).SelectMany(s => s.ChargePoints.Select(cp => (s, cp)));
}

/// <summary>The external meter (PAC2200 or EEM-MB371) as installed: how often it is polled and when it fails.</summary>
/// <param name="PollInterval">The master reads it this often; the decision uses the last reading.</param>
public sealed record MeterSpec(TimeSpan PollInterval)
{
    /// <summary>The Siemens SENTRON PAC2200 (7KM2200), the meter with the downgrade input (6.5).</summary>
    public const string Pac2200 = "PAC2200";

    /// <summary>The Phoenix Contact EEM-MB371-EIP.</summary>
    public const string EemMb371 = "EEM-MB371";

    /// <summary>Which meter: <see cref="Pac2200"/> or <see cref="EemMb371"/>.</summary>
    public string Type { get; init; } = Pac2200;

    /// <summary>Times the meter does not answer.</summary>
    public IReadOnlyList<TimeWindow> Failures { get; init; } = [];

    /// <summary>Times the digital (downgrade) input is energised.</summary>
    public IReadOnlyList<TimeWindow> DigitalInputActive { get; init; } = [];

    /// <summary>What the meter measures as wired, when given; must agree with the networks' meter location.</summary>
    public MeterWiring? Wiring { get; init; }
}

/// <summary>A whole site: grid connection, consumers, meter, DLM networks, vehicles, and the simulated period.</summary>
/// <param name="Start">Start of the simulated period (UTC).</param>
/// <param name="Duration">Length of the simulated period.</param>
/// <param name="Seed">Master seed of every random stream.</param>
public sealed record SiteSpec(DateTimeOffset Start, TimeSpan Duration, ulong Seed)
{
    /// <summary>Nominal phase voltage for energy.</summary>
    public double VoltageV { get; init; } = 230;

    /// <summary>Rated current of the main fuse at the grid connection, if known (checked as a limit).</summary>
    public PhaseCurrents? MainFuse { get; init; }

    /// <summary>Consumers outside the charging infrastructure.</summary>
    public IReadOnlyList<IExternalLoad> ExternalLoads { get; init; } = [];

    /// <summary>The external meter, if installed; where it sits is each master's External Meter Location.</summary>
    public MeterSpec? Meter { get; init; }

    /// <summary>DLM networks.</summary>
    public IReadOnlyList<NetworkSpec> Networks { get; init; } = [];

    /// <summary>Charging sessions.</summary>
    public IReadOnlyList<VehicleSpec> Vehicles { get; init; } = [];

    /// <summary>How the charge points reach their backend, when the file says (else <c>amtron check</c> infers it).</summary>
    public BackendConnection? Backend { get; init; }

    /// <summary>End of the simulated period.</summary>
    public DateTimeOffset End => Start + Duration;
}
