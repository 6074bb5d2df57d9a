namespace Amtron.VirtualCharger.Ems;

/// <summary>
/// What a charge point shows over its EMS interface at one instant (the state behind registers 104–720): given by
/// its source (the simulator's charge point, or fixed values), never by the EMS.
/// </summary>
public sealed record ChargePointReading
{
    /// <summary>IEC 61851 state of the control pilot.</summary>
    public VehicleState Vehicle { get; init; } = VehicleState.A;

    /// <summary>OCPP status of the connector.</summary>
    public OcppStatus Status { get; init; } = OcppStatus.Available;

    /// <summary>Whether the connector is available (register 124).</summary>
    public bool Available { get; init; } = true;

    /// <summary>A signalled to the vehicle now.</summary>
    public int SignalledAmps { get; init; }

    /// <summary>A the vehicle and cable allow (0 without a vehicle).</summary>
    public int EvMaximumAmps { get; init; }

    /// <summary>The lowest of the point's limits other than the EMS's (installation limit, DLM), A.</summary>
    public int OtherLimitAmps { get; init; } = AmtronEmsMap.MaximumCurrent;

    /// <summary>Phases the contactor switches: 0 (open), 1 or 3.</summary>
    public int RelayPhases { get; init; }

    /// <summary>Whether the point has its meter (else its 32-bit meter values read "not available").</summary>
    public bool MeterPresent { get; init; } = true;

    /// <summary>Current per phase, A.</summary>
    public IReadOnlyList<double> CurrentsA { get; init; } = [0, 0, 0];

    /// <summary>Voltage per phase, V.</summary>
    public IReadOnlyList<double> VoltagesV { get; init; } = [230, 230, 230];

    /// <summary>The meter's energy per phase, Wh.</summary>
    public IReadOnlyList<double> EnergyWh { get; init; } = [0, 0, 0];

    /// <summary>Energy of the current (or last) session, Wh.</summary>
    public double SessionEnergyWh { get; init; }

    /// <summary>Length of the current (or last) session.</summary>
    public TimeSpan SessionDuration { get; init; }

    /// <summary>The session's user id (OCPP idTag / RFID UID), up to 20 ASCII characters.</summary>
    public string UserId { get; init; } = string.Empty;

    /// <summary>Whether a transaction is open (a start by UID is then refused).</summary>
    public bool TransactionOpen { get; init; }
}
