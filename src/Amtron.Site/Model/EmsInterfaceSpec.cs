namespace Amtron.Site.Model;

/// <summary>
/// A station's EMS interface, "Load Management" > "Modbus" in its web interface (manual 6.4): the Modbus TCP server,
/// its base port (a second connector answers on base port + 1), the register address set, and whether the EMS may
/// start and stop transactions and read the RFID UID. Activated on a DLM master, the EMS controls the whole network.
/// </summary>
public sealed record EmsInterfaceSpec
{
    /// <summary>The register set the manual asks for, the one an EMS for AMTRON uses.</summary>
    public const string Mennekes = "MENNEKES";

    /// <summary>The sets the controller offers.</summary>
    public static readonly IReadOnlyList<string> RegisterAddressSets = [Mennekes, "Phoenix", "TQ-DM100", "ISE/IGT Kassel"];

    /// <summary>"Modbus TCP Server": On/Off.</summary>
    public bool Server { get; init; }

    /// <summary>"Modbus TCP Server Base Port".</summary>
    public int BasePort { get; init; } = 502;

    /// <summary>"Modbus TCP Server Register Address Set".</summary>
    public string RegisterAddressSet { get; init; } = Mennekes;

    /// <summary>"Modbus TCP Server Allow Start/Stop Transaction".</summary>
    public bool AllowStartStopTransaction { get; init; }

    /// <summary>"Modbus TCP Server Allow UID Disclose".</summary>
    public bool AllowUidDisclose { get; init; }

    /// <summary>
    /// Where an EMS reaches the station (host name or address; not a web-interface setting): <c>amtron hil</c> connects
    /// there. Null: the station's static IP from its network part.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>The Modbus unit id an EMS addresses (the controller answers any of 1–255).</summary>
    public byte Unit { get; init; } = 1;

    /// <summary>The port of a station's connector: the base port for the first, + 1 for the second.</summary>
    public int PortOf(int connector) => BasePort + connector;
}
