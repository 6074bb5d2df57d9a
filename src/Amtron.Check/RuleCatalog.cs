namespace Amtron.Check;

/// <summary>Every rule <c>amtron check</c> applies, with the manual's section (docs/check.md lists the same).</summary>
public static class RuleCatalog
{
    /// <summary>Mode Static needs "Static network configuration IP".</summary>
    public static readonly Rule StaticIpMissing = new("static.ip-missing", Severity.Error, "3.2", "A station set to Static has a static IP address.");

    /// <summary>The static address must be an IPv4 address.</summary>
    public static readonly Rule StaticIpInvalid = new("static.ip-invalid", Severity.Error, "3.2", "Static addresses are IPv4 host addresses (not 0.x, 127.x, multicast, or the subnet's network or broadcast address).");

    /// <summary>No address twice.</summary>
    public static readonly Rule StaticDuplicateIp = new("static.duplicate-ip", Severity.Error, "3.2", "An IP address is not configured twice within a network.");

    /// <summary>192.168.123.x, .124.x, .125.x are the ECU's own service networks.</summary>
    public static readonly Rule StaticReservedRange = new("static.reserved-range", Severity.Error, "3.2", "Static addresses are not in 192.168.123.x, 192.168.124.x or 192.168.125.x.");

    /// <summary>Recommendation: consecutive addresses.</summary>
    public static readonly Rule StaticNotConsecutive = new("static.not-consecutive", Severity.Warning, "3.2", "The IP addresses of the ECUs are numbered consecutively.");

    /// <summary>A netmask of contiguous ones.</summary>
    public static readonly Rule StaticNetmaskInvalid = new("static.netmask-invalid", Severity.Error, "3.2", "Every static station has a valid netmask (contiguous ones, e.g. 255.255.255.0).");

    /// <summary>All stations in one subnet.</summary>
    public static readonly Rule StaticSubnet = new("static.subnet", Severity.Error, "3 / 3.2", "All stations are on the same network: one subnet, one netmask.");

    /// <summary>At most one ECU hands out addresses.</summary>
    public static readonly Rule DhcpOneServer = new("dhcp.one-server", Severity.Error, "3.1.1", "Exactly one ECU is DHCP server when ECUs hand out addresses.");

    /// <summary>With an ECU as DHCP server, all others are clients.</summary>
    public static readonly Rule DhcpClientsAuto = new("dhcp.clients-auto", Severity.Error, "3.1.1", "With an ECU as DHCP server, every other ECU is \"Auto (DHCP client)\".");

    /// <summary>The DHCP server ECU is the gateway charge point.</summary>
    public static readonly Rule DhcpServerIsGateway = new("dhcp.server-is-gateway", Severity.Error, "3.1.1 / 4", "The ECU configured as DHCP server is the gateway charge point when a SIM gateway is used.");

    /// <summary>Dynamic addressing with a SIM gateway needs the ECU as DHCP server.</summary>
    public static readonly Rule DhcpSimNeedsEcuServer = new("dhcp.sim-needs-ecu-server", Severity.Error, "3.1.1 / 4", "A SIM gateway with dynamic addresses needs an ECU (the gateway) as DHCP server.");

    /// <summary>Chapter 5's router hands out the addresses, not an ECU.</summary>
    public static readonly Rule DhcpRouterIsServer = new("dhcp.router-is-server", Severity.Error, "3.1.2 / 5", "With an external router, the router (not an ECU) is the DHCP server, or addresses are static.");

    /// <summary>The ECU's pool 172.16.23.100–254 has 155 addresses.</summary>
    public static readonly Rule DhcpPoolSize = new("dhcp.pool-size", Severity.Warning, "3.1.1", "The ECU's DHCP pool 172.16.23.100–172.16.23.254 (155 addresses) is enough for its clients.");

    /// <summary>Exactly one gateway (WAN-Router On).</summary>
    public static readonly Rule GatewayOne = new("gateway.one", Severity.Error, "4 / 4.1", "A SIM set-up has exactly one gateway charge point (WAN-Router On); all others WAN-Router Off.");

    /// <summary>The gateway has the modem.</summary>
    public static readonly Rule GatewayModem = new("gateway.modem", Severity.Error, "4", "The gateway has the integrated wireless modem (a \"+\" variant).");

    /// <summary>The gateway has a SIM.</summary>
    public static readonly Rule GatewaySim = new("gateway.sim", Severity.Error, "4", "The gateway has a micro SIM card.");

    /// <summary>The gateway's connection type is GSM; the others' Ethernet.</summary>
    public static readonly Rule GatewayConnectionType = new("gateway.connection-type", Severity.Error, "4.1", "Connection Type is GSM on the gateway and Ethernet on every other station.");

    /// <summary>Static set-up: every other station's gateway is the gateway's IP.</summary>
    public static readonly Rule GatewayStaticGateway = new("gateway.static-gateway", Severity.Error, "4.3", "With static addresses, every other station's \"Static network configuration gateway\" is the gateway's IP.");

    /// <summary>Static set-up: the gateway's own gateway field is empty.</summary>
    public static readonly Rule GatewayOwnGatewayEmpty = new("gateway.own-gateway-empty", Severity.Error, "4.3", "The gateway's own \"Static network configuration gateway\" is left empty.");

    /// <summary>Recommendation: at most 50 charge points per SIM.</summary>
    public static readonly Rule GatewayMaxChargePoints = new("gateway.max-charge-points", Severity.Warning, "4", "At most 50 charge points share one SIM.");

    /// <summary>OCPP-J 1.6 on every station connected to a backend through the LAN.</summary>
    public static readonly Rule OcppMode = new("ocpp.mode", Severity.Error, "4.2 / 5", "OCPP Mode is \"OCPP-J 1.6\" on every station (SIM gateway or router).");

    /// <summary>A ws:// or wss:// backend URL on every station.</summary>
    public static readonly Rule OcppUrl = new("ocpp.url", Severity.Error, "4.2 / 5", "Every station has the backend's ws:// or wss:// URL.");

    /// <summary>Router set-up: Connection Type Ethernet.</summary>
    public static readonly Rule RouterConnectionType = new("router.connection-type", Severity.Error, "5", "With an external router, Connection Type is Ethernet on every station.");

    /// <summary>Router set-up: no station routes the LAN over its SIM.</summary>
    public static readonly Rule RouterWanRouterOff = new("router.wan-router-off", Severity.Warning, "4.1 / 5", "With an external router, WAN-Router is Off on every station (a station with WAN-Router On routes over its SIM).");

    /// <summary>Router set-up: unencrypted, unauthenticated traffic over the Internet.</summary>
    public static readonly Rule RouterInsecureUrl = new("router.insecure-url", Severity.Warning, "5", "A ws:// URL over the public Internet uses HTTP Basic Authentication (better: wss:// with TLS).");

    /// <summary>Firmware 4.52 cannot be networked with newer versions.</summary>
    public static readonly Rule Firmware452 = new("firmware.4-52", Severity.Error, "3 / 3.3", "Firmware 4.52 is not networked with newer firmware versions (update first).");

    /// <summary>One master per DLM Network Id.</summary>
    public static readonly Rule DlmOneMaster = new("dlm.one-master", Severity.Error, "6 / 6.2", "Exactly one DLM master per DLM Network Id; all other stations of that id are satellites.");

    /// <summary>Operator limit within the sub-distribution limit.</summary>
    public static readonly Rule DlmOperatorLimit = new("dlm.operator-limit", Severity.Error, "6.2", "Operator EVSE Sub-Distribution Limit ≤ EVSE Sub-Distribution Limit on every phase.");

    /// <summary>The supply line carries what load management may put on it.</summary>
    public static readonly Rule DlmSupplyLine = new("dlm.supply-line", Severity.Error, "6.1 / 6.3", "The supply line carries the EVSE Sub-Distribution Limit; with an external meter, the sum of the Installation Current Limits.");

    /// <summary>The grid connection's main fuse bounds what load management may plan for.</summary>
    public static readonly Rule DlmMainFuse = new("dlm.main-fuse", Severity.Error, "6.1 / 6.3.1", "A network's EVSE Sub-Distribution Limit (without a meter) or Main Distribution Limit (with one) is not above the main fuse.");

    /// <summary>6.3.1/6.3.2: one charge point behind a meter.</summary>
    public static readonly Rule DlmSinglePointLimits = new("dlm.single-point-limits", Severity.Error, "6.3.1 / 6.3.2", "With a meter and only one charge point, both sub-distribution limits equal its Installation Current Limit.");

    /// <summary>6.5: the downgrade input is the Siemens 7KM2200's.</summary>
    public static readonly Rule DlmDowngradeMeter = new("dlm.downgrade-meter", Severity.Error, "6.5", "A downgrade offset needs the Siemens 7KM2200 (PAC2200) meter integrated and configured.");

    /// <summary>6.6: the schedule runs on UTC from the backend.</summary>
    public static readonly Rule DlmSchedulerBackend = new("dlm.scheduler-backend", Severity.Warning, "6.6", "The 24 h load profile needs a backend connection for time synchronisation.");

    /// <summary>A network configured for a meter the site does not describe.</summary>
    public static readonly Rule DlmMeterMissing = new("dlm.meter-missing", Severity.Error, "6.3", "A network set up for an external meter has one (the site's meter section).");

    /// <summary>Meter location matches the wiring.</summary>
    public static readonly Rule DlmMeterLocation = new("dlm.meter-location", Severity.Error, "6.3.1 / 6.3.2", "The meter location (Excluding/Including) matches what the meter measures as wired.");

    /// <summary>One DLM network per meter.</summary>
    public static readonly Rule DlmMeterOneNetwork = new("dlm.meter-one-network", Severity.Error, "6.3", "All stations that use the external meter have the same DLM Network Id.");

    /// <summary>Master-only settings on satellites.</summary>
    public static readonly Rule DlmMasterOnlySetting = new("dlm.master-only-setting", Severity.Error, "6.2 / 7", "Sub-distribution limits, meter, scheduler and the current imbalance limit are set on the DLM master only.");

    /// <summary>§14a EnWG: dimmed, the masters allow charging neither less than P_min nor more than the operator asks.</summary>
    public static readonly Rule Grid14aMinimum = new("grid.14a-minimum", Severity.Error, "6.4 / 6.5, §14a EnWG", "While the grid operator dims, the DLM limit (downgrade offset or the EMS's Operator limit) leaves charging P_min,14a at whole amps and no more than the operator asks.");

    /// <summary>Star topology.</summary>
    public static readonly Rule EthernetStar = new("ethernet.star", Severity.Error, "3", "Every station is cabled to the central switch or router (star topology).");

    /// <summary>Cable length.</summary>
    public static readonly Rule EthernetCableLength = new("ethernet.cable-length", Severity.Error, "3", "Ethernet cables are at most 100 m long.");

    /// <summary>Stations described without their network part: the addressing and cabling rules cannot look at them.</summary>
    public static readonly Rule PlanNetworkPart = new("plan.network-part", Severity.Warning, "3–5", "Every station describes its network part (network: {...}), so the addressing, gateway, backend and cabling rules can check it.");

    /// <summary>All rules in the order they are checked and documented.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        StaticIpMissing, StaticIpInvalid, StaticDuplicateIp, StaticReservedRange, StaticNotConsecutive, StaticNetmaskInvalid, StaticSubnet,
        DhcpOneServer, DhcpClientsAuto, DhcpServerIsGateway, DhcpSimNeedsEcuServer, DhcpRouterIsServer, DhcpPoolSize,
        GatewayOne, GatewayModem, GatewaySim, GatewayConnectionType, GatewayStaticGateway, GatewayOwnGatewayEmpty, GatewayMaxChargePoints,
        OcppMode, OcppUrl, RouterConnectionType, RouterWanRouterOff, RouterInsecureUrl,
        Firmware452,
        DlmOneMaster, DlmOperatorLimit, DlmSupplyLine, DlmMainFuse, DlmMeterMissing, DlmMeterLocation, DlmMeterOneNetwork,
        DlmSinglePointLimits, DlmDowngradeMeter, DlmSchedulerBackend, DlmMasterOnlySetting,
        Grid14aMinimum,
        EthernetStar, EthernetCableLength,
        PlanNetworkPart,
    ];
}
