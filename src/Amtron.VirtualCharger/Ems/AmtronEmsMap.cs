namespace Amtron.VirtualCharger.Ems;

/// <summary>
/// The AMTRON Professional's EMS register set ("MENNEKES" / "Bender" / "Ebee", one set; ECU Bender CC612/613):
/// holding registers only, wire addresses, big-endian, 32-bit values high word first, 0xFFFFFFFF where a 32-bit
/// value is not available, ASCII with the high byte first. Facts and their sources: docs/ems-modbus.md
/// (from ../shared/research/modbus-maps.md §3). The device model serves with it and the client reads with it.
/// </summary>
public static class AmtronEmsMap
{
    /// <summary>4 ASCII characters, e.g. "5.12" (2 registers).</summary>
    public const ushort FirmwareVersion = 100;

    /// <summary>OCPP status of the connector, ECU enumeration (<see cref="OcppStatus"/>).</summary>
    public const ushort OcppStatus = 104;

    /// <summary>4 ASCII characters, the EMS protocol version (2 registers).</summary>
    public const ushort ProtocolVersion = 120;

    /// <summary>IEC 61851 vehicle state: 1 = A … 5 = E (<see cref="VehicleState"/>).</summary>
    public const ushort VehicleState = 122;

    /// <summary>0 = unavailable, 1 = available.</summary>
    public const ushort Availability = 124;

    /// <summary>A, all phases, applied while the EMS is silent longer than the communication timeout: 0, or 6–32.</summary>
    public const ushort SafeCurrent = 131;

    /// <summary>s without any read or write after which the safe current applies (0 = never).</summary>
    public const ushort CommunicationTimeout = 132;

    /// <summary>A: the lowest of every active internal and external load-management limit.</summary>
    public const ushort OperatorCurrentLimit = 134;

    /// <summary>0 = off, 1 = three phases switched, 5 = one phase switched.</summary>
    public const ushort RelayState = 140;

    /// <summary>20 ASCII characters (10 registers); a failed read marks the legacy set for evcc.</summary>
    public const ushort Model = 142;

    /// <summary>u32 Wh per phase at 200, 202, 204.</summary>
    public const ushort EnergyL1 = 200;

    /// <summary>u32 W per phase at 206, 208, 210.</summary>
    public const ushort PowerL1 = 206;

    /// <summary>u32 mA per phase at 212, 214, 216.</summary>
    public const ushort CurrentL1 = 212;

    /// <summary>u32 Wh, the meter's total.</summary>
    public const ushort TotalEnergy = 218;

    /// <summary>u32 W, total active power.</summary>
    public const ushort TotalPower = 220;

    /// <summary>u32 V per phase at 222, 224, 226.</summary>
    public const ushort VoltageL1 = 222;

    /// <summary>u16 Wh of the session (legacy, wraps at 65535).</summary>
    public const ushort LegacySessionEnergy = 705;

    /// <summary>A signalled to the vehicle (PWM duty cycle); 0 with a vehicle connected: preconditions not met.</summary>
    public const ushort SignalledCurrent = 706;

    /// <summary>u16 s of the session (legacy, wraps at 65535).</summary>
    public const ushort LegacySessionDuration = 709;

    /// <summary>A the vehicle and cable allow at most.</summary>
    public const ushort EvMaximumCurrent = 715;

    /// <summary>u32 Wh of the session, held after it until the next one.</summary>
    public const ushort SessionEnergy = 716;

    /// <summary>u32 s of the session.</summary>
    public const ushort SessionDuration = 718;

    /// <summary>20 ASCII characters (10 registers): the session's user id, blank unless "Allow UID Disclose".</summary>
    public const ushort UserId = 720;

    /// <summary>A, all phases, written by the EMS: 0 = pause, 6–32; 1–5 are taken as 0.</summary>
    public const ushort HemsCurrentLimit = 1000;

    /// <summary>0.1 A limit of 4You/4Business; this model answers 02 (so evcc falls back to 1000).</summary>
    public const ushort HemsCurrentLimitDeciamps = 1001;

    /// <summary>Power limit of 4You/4Business; this model answers 02.</summary>
    public const ushort HemsPowerLimit = 1002;

    /// <summary>20 ASCII characters written to start a transaction, as an RFID card would (10 registers, write only).</summary>
    public const ushort StartTransactionUid = 1110;

    /// <summary>Registers of a 20-character text.</summary>
    public const int TextRegisters = 10;

    /// <summary>"Not available" for a 32-bit value.</summary>
    public const uint NotAvailable = 0xFFFF_FFFF;

    /// <summary>The lowest current a non-zero limit may have (IEC 61851).</summary>
    public const int MinimumCurrent = 6;

    /// <summary>The highest current a limit may have.</summary>
    public const int MaximumCurrent = 32;

    /// <summary>
    /// The address ranges that read, as (first, count): the blocks that integrations read whole from real controllers
    /// (100–152, 200–227, 705–729; reserved registers inside them read 0) and 1000. Any other address is exception 02.
    /// </summary>
    public static readonly IReadOnlyList<(ushort First, int Count)> Readable =
    [
        (FirmwareVersion, 53), (EnergyL1, 28), (LegacySessionEnergy, 25), (HemsCurrentLimit, 1),
    ];

    /// <summary>
    /// Whether every register of [<paramref name="first"/>, first + count) reads: the blocks are apart, so such a run
    /// lies inside one. No allocation: every read a virtual AMTRON answers passes here.
    /// </summary>
    public static bool IsReadable(int first, int count)
    {
        for (var i = 0; i < Readable.Count; i++)
        {
            var (blockFirst, blockCount) = Readable[i];
            if (first >= blockFirst && first + count <= blockFirst + blockCount)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>IEC 61851 control pilot states as register 122 gives them.</summary>
public enum VehicleState
{
    /// <summary>No vehicle.</summary>
    A = 1,

    /// <summary>Vehicle connected, not charging.</summary>
    B = 2,

    /// <summary>Charging.</summary>
    C = 3,

    /// <summary>Charging with ventilation.</summary>
    D = 4,

    /// <summary>Error (no power).</summary>
    E = 5,
}

/// <summary>OCPP connector status as register 104 gives it (ECU enumeration, not 4You/4Business's).</summary>
public enum OcppStatus
{
    /// <summary>Available.</summary>
    Available = 0,

    /// <summary>Occupied.</summary>
    Occupied = 1,

    /// <summary>Reserved.</summary>
    Reserved = 2,

    /// <summary>Unavailable.</summary>
    Unavailable = 3,

    /// <summary>Faulted.</summary>
    Faulted = 4,

    /// <summary>Preparing.</summary>
    Preparing = 5,

    /// <summary>Charging.</summary>
    Charging = 6,

    /// <summary>Suspended by the charge point.</summary>
    SuspendedEvse = 7,

    /// <summary>Suspended by the vehicle.</summary>
    SuspendedEv = 8,

    /// <summary>Finishing.</summary>
    Finishing = 9,
}
