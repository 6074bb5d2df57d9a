namespace Amtron.Site.Model;

/// <summary>"Mode for ethernet configuration" ("Network" &gt; "LAN").</summary>
public enum EthernetMode
{
    /// <summary>"DHCP server": this ECU hands out 172.16.23.100–254.</summary>
    DhcpServer,

    /// <summary>"Auto (DHCP client)", the setting on delivery.</summary>
    DhcpClient,

    /// <summary>"Static": "Static network configuration IP / netmask / gateway" apply.</summary>
    Static,
}

/// <summary>"Connection Type" ("Backend" &gt; "Connection").</summary>
public enum ConnectionType
{
    /// <summary>"Ethernet": to the backend through the LAN (a gateway charge point or a router).</summary>
    Ethernet,

    /// <summary>"GSM": through this station's own modem and SIM.</summary>
    Gsm,
}

/// <summary>How the site's charge points reach their OCPP backend (chapters 4 and 5 of the manual).</summary>
public enum BackendConnection
{
    /// <summary>No backend: local networking for DLM only.</summary>
    None,

    /// <summary>Chapter 4: one gateway charge point with a modem and SIM routes the others.</summary>
    SimGateway,

    /// <summary>Chapter 5: an external router with an Internet connection.</summary>
    Router,
}

/// <summary>What the external meter measures, as wired (manual 6.3.1 and 6.3.2).</summary>
public enum MeterWiring
{
    /// <summary>Only the consumers other than the charging stations (6.3.1: location "Excluding").</summary>
    ExternalConsumers,

    /// <summary>The whole building connection, charging stations included (6.3.2: location "Including").</summary>
    ExternalConsumersAndChargePoints,
}

/// <summary>
/// A station's network part as entered in its web interface ("Network" &gt; "LAN" / "GSM", "Backend" &gt; "Connection" /
/// "OCPP") plus what the installer knows about the hardware: modem ("+" variant), SIM, firmware, cable. Addresses stay
/// text so that a malformed one is a finding of <c>amtron check</c> rather than an unreadable file.
/// </summary>
public sealed record StationNetwork
{
    /// <summary>"Mode for ethernet configuration"; null when not given.</summary>
    public EthernetMode? Mode { get; init; }

    /// <summary>"Static network configuration IP".</summary>
    public string? StaticIp { get; init; }

    /// <summary>"Static network configuration netmask".</summary>
    public string? StaticNetmask { get; init; }

    /// <summary>"Static network configuration gateway" (empty on the gateway charge point itself).</summary>
    public string? StaticGateway { get; init; }

    /// <summary>"Connection Type"; null when not given.</summary>
    public ConnectionType? ConnectionType { get; init; }

    /// <summary>"WAN-Router" ("Network" &gt; "GSM"): On makes this station the gateway charge point.</summary>
    public bool WanRouter { get; init; }

    /// <summary>The station has the integrated wireless modem (product variants with "+" in the name).</summary>
    public bool Modem { get; init; }

    /// <summary>A micro SIM card is inserted.</summary>
    public bool Sim { get; init; }

    /// <summary>"OCPP Mode" as shown in the web interface, e.g. "OCPP-J 1.6"; null when not given.</summary>
    public string? OcppMode { get; init; }

    /// <summary>"WebSockets JSON OCPP URL of the Backend"; null when empty.</summary>
    public string? OcppUrl { get; init; }

    /// <summary>"HTTP Basic Authentication password" is set (an empty field means it is not used).</summary>
    public bool HttpBasicAuthentication { get; init; }

    /// <summary>Firmware version, e.g. "5.12.4"; null when not given.</summary>
    public string? Firmware { get; init; }

    /// <summary>Length of the Ethernet cable to the switch or router, in metres; null when not given.</summary>
    public double? CableLengthMetres { get; init; }

    /// <summary>What the cable is plugged into: the switch/router by name, or another station's id (not a star).</summary>
    public string? Uplink { get; init; }
}
