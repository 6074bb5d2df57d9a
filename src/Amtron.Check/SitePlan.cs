using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amtron.Site.Model;

namespace Amtron.Check;

/// <summary>A station as the checker sees it: its DLM network, its spec, and its network part (empty when not given).</summary>
/// <param name="NetworkId">Its DLM Network Id.</param>
/// <param name="Spec">The station as the simulator reads it.</param>
public sealed record PlannedStation(int NetworkId, StationSpec Spec)
{
    /// <summary>The station id.</summary>
    public string Id => Spec.Id;

    /// <summary>Its network part; all fields unset when the file does not describe it.</summary>
    public StationNetwork Network { get; } = Spec.Network ?? new StationNetwork();

    /// <summary>Whether the file describes its network part at all.</summary>
    public bool Described => Spec.Network is not null;

    /// <summary>
    /// "Mode for ethernet configuration" in effect: as given, else "Auto (DHCP client)", the setting on delivery
    /// (3.1.1); null when the station's network part is not described at all.
    /// </summary>
    public EthernetMode? Mode => Described ? Network.Mode ?? EthernetMode.DhcpClient : null;
}

/// <summary>The site as a set of networked stations, with the facts several rules share.</summary>
public sealed class SitePlan
{
    /// <summary>A plan of <paramref name="site"/>.</summary>
    public SitePlan(SiteSpec site)
    {
        Site = site ?? throw new ArgumentNullException(nameof(site));
        Stations = [.. site.Networks.SelectMany(n => n.Stations.Select(s => new PlannedStation(n.Id, s)))];
        Gateways = [.. Stations.Where(s => s.Network.WanRouter)];
        Backend = site.Backend ?? Infer(Stations);
    }

    /// <summary>The site.</summary>
    public SiteSpec Site { get; }

    /// <summary>Every station, in file order.</summary>
    public IReadOnlyList<PlannedStation> Stations { get; }

    /// <summary>Stations with WAN-Router On.</summary>
    public IReadOnlyList<PlannedStation> Gateways { get; }

    /// <summary>How the stations reach their backend (declared in the file, else inferred from the stations).</summary>
    public BackendConnection Backend { get; }

    /// <summary>Where a site-wide finding is reported: the first station.</summary>
    public string FirstStation => Stations.Count > 0 ? Stations[0].Id : "site";

    /// <summary>An IPv4 address as a number, or null when the text is not one.</summary>
    public static uint? Ipv4(string? text)
    {
        if (text is null || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || text.Count(c => c == '.') != 3)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    /// <summary>A netmask as a number when it is a valid one (contiguous ones from the top, not all zero), else null.</summary>
    public static uint? Netmask(string? text)
    {
        if (Ipv4(text) is not { } mask || mask == 0)
        {
            return null;
        }

        var inverted = ~mask;
        return (inverted & (inverted + 1)) == 0 ? mask : null;
    }

    /// <summary>Dotted form of an IPv4 number.</summary>
    public static string Dotted(uint address) => string.Create(
        CultureInfo.InvariantCulture,
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    private static BackendConnection Infer(IReadOnlyList<PlannedStation> stations)
    {
        // A gateway is what makes a SIM set-up; a station left on GSM in a LAN set-up is a mistake, not a gateway.
        if (stations.Any(s => s.Network.WanRouter))
        {
            return BackendConnection.SimGateway;
        }

        return stations.Any(s => s.Network.OcppUrl is not null || s.Network.OcppMode is not null)
            ? BackendConnection.Router
            : BackendConnection.None;
    }
}
