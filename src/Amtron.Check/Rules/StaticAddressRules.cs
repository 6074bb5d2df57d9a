using Amtron.Site.Model;
using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 3.2: static IP addresses.</summary>
internal static class StaticAddressRules
{
    private const uint ServiceNetworkMask = 0xFFFFFF00;

    // 192.168.123.x (USB), 192.168.124.x (Ethernet adapter), 192.168.125.x: the ECU's own service networks.
    private static readonly uint[] ReservedNetworks = [0xC0A87B00, 0xC0A87C00, 0xC0A87D00];

    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var statics = plan.Stations.Where(s => s.Mode == EthernetMode.Static).ToList();
        var addressed = new List<(PlannedStation Station, uint Ip)>();
        foreach (var station in statics)
        {
            var text = station.Network.StaticIp;
            if (text is null)
            {
                yield return StaticIpMissing.At(station.Id, $"{station.Id} is set to Static but has no \"Static network configuration IP\"", "enter the station's static IP address, or set the mode to \"Auto (DHCP client)\"");
                continue;
            }

            if (SitePlan.Ipv4(text) is not { } ip)
            {
                yield return StaticIpInvalid.At(station.Id, $"\"{text}\" is not an IPv4 address", "enter the address as four numbers 0-255, e.g. 192.168.0.2");
                continue;
            }

            if ((ip >> 24) is 0 or 127 or >= 224)
            {
                yield return StaticIpInvalid.At(station.Id, $"{text} is not a host address (0.x, loopback 127.x, multicast or reserved)", "use an address of the LAN, e.g. 192.168.0.2");
                continue;
            }

            if (ReservedNetworks.Contains(ip & ServiceNetworkMask))
            {
                yield return StaticReservedRange.At(station.Id, $"{text} is in {SitePlan.Dotted(ip & ServiceNetworkMask)}/24, which the ECU uses itself (USB and service access)", "choose an address outside 192.168.123.x, 192.168.124.x and 192.168.125.x");
            }

            if (addressed.FirstOrDefault(a => a.Ip == ip) is { Station: { } first })
            {
                yield return StaticDuplicateIp.At(station.Id, $"{text} is also the address of {first.Id}", "give every ECU its own address");
            }

            addressed.Add((station, ip));
        }

        foreach (var finding in Netmasks(statics, addressed))
        {
            yield return finding;
        }

        if (Consecutive(addressed) is { } gap)
        {
            yield return gap;
        }
    }

    private static IEnumerable<Finding> Netmasks(List<PlannedStation> statics, List<(PlannedStation Station, uint Ip)> addressed)
    {
        (uint Network, uint Mask, string Station)? reference = null;
        foreach (var station in statics)
        {
            var maskText = station.Network.StaticNetmask;
            if (SitePlan.Netmask(maskText) is not { } mask)
            {
                yield return StaticNetmaskInvalid.At(
                    station.Id,
                    maskText is null ? $"{station.Id} has no \"Static network configuration netmask\"" : $"\"{maskText}\" is not a valid netmask",
                    "enter the netmask of the LAN, e.g. 255.255.255.0, the same on every station");
                continue;
            }

            if (addressed.FirstOrDefault(a => a.Station == station) is not { Station: not null } entry)
            {
                continue;
            }

            var network = entry.Ip & mask;
            var host = entry.Ip & ~mask;
            if (~mask > 1 && (host == 0 || host == ~mask))
            {
                // /31 and /32 have no network or broadcast address.
                var what = host == 0 ? "network" : "broadcast";
                yield return StaticIpInvalid.At(station.Id, $"{station.Network.StaticIp} is the {what} address of its subnet {SitePlan.Dotted(network)}/{SitePlan.Dotted(mask)}", $"use a host address between {SitePlan.Dotted(network + 1)} and {SitePlan.Dotted(network + ~mask - 1)}");
            }

            if (reference is not { } r)
            {
                reference = (network, mask, station.Id);
            }
            else if (r.Mask != mask || r.Network != network)
            {
                yield return StaticSubnet.At(
                    station.Id,
                    $"{station.Network.StaticIp}/{station.Network.StaticNetmask} is not in {r.Station}'s subnet {SitePlan.Dotted(r.Network)}/{SitePlan.Dotted(r.Mask)}",
                    $"use an address in {SitePlan.Dotted(r.Network)} with netmask {SitePlan.Dotted(r.Mask)}, like the other stations");
            }
        }
    }

    /// <summary>The manual asks for consecutive addresses: one warning at the first gap.</summary>
    private static Finding? Consecutive(List<(PlannedStation Station, uint Ip)> addressed)
    {
        var ordered = addressed.DistinctBy(a => a.Ip).OrderBy(a => a.Ip).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Ip != ordered[i - 1].Ip + 1)
            {
                return StaticNotConsecutive.At(
                    ordered[i].Station.Id,
                    $"{ordered[i].Station.Id} has {SitePlan.Dotted(ordered[i].Ip)}, but {ordered[i - 1].Station.Id} has {SitePlan.Dotted(ordered[i - 1].Ip)}: the addresses are not consecutive",
                    $"number the ECUs consecutively, e.g. {SitePlan.Dotted(ordered[i - 1].Ip + 1)} for {ordered[i].Station.Id}");
            }
        }

        return null;
    }
}
