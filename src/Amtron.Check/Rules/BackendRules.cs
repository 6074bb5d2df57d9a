using System.Net;
using System.Net.Sockets;
using Amtron.Site.Model;
using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 4.2 and 5: OCPP settings, and the router set-up's connection and security.</summary>
internal static class BackendRules
{
    // "OCPP-J 1.6" as the web interface shows it; "OCPP 1.6j" as the manual's chapter 4 writes it.
    private static readonly string[] RequiredOcppMode = ["ocppj16", "ocpp16j"];

    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        if (plan.Backend == BackendConnection.None)
        {
            yield break;
        }

        foreach (var station in plan.Stations)
        {
            var network = station.Network;
            if (network.OcppMode is not { } mode || !RequiredOcppMode.Contains(Simplified(mode)))
            {
                yield return OcppMode.At(station.Id, $"{station.Id}'s OCPP Mode is {(network.OcppMode is null ? "not set" : $"\"{network.OcppMode}\"")}", "set OCPP Mode to \"OCPP-J 1.6\"");
            }

            if (network.OcppUrl is not { } url || !IsWebSocketUrl(url))
            {
                yield return OcppUrl.At(station.Id, network.OcppUrl is null ? $"{station.Id} has no WebSockets JSON OCPP URL of the Backend" : $"\"{network.OcppUrl}\" is not a ws:// or wss:// URL", "enter the backend's ws:// or wss:// URL (from the backend provider)");
            }

            if (plan.Backend != BackendConnection.Router)
            {
                continue;
            }

            if (network.ConnectionType != ConnectionType.Ethernet)
            {
                yield return RouterConnectionType.At(station.Id, $"{station.Id} reaches the backend through the router, but its Connection Type is {(network.ConnectionType is null ? "not set" : "GSM")}", "set Connection Type to Ethernet");
            }

            if (network.WanRouter)
            {
                yield return RouterWanRouterOff.At(station.Id, $"the site reaches its backend through an external router, but {station.Id} has WAN-Router On", "set WAN-Router Off (Network > GSM), or describe the site as a SIM gateway set-up (backend: simGateway)");
            }

            if (network.OcppUrl is { } plain && Uri.TryCreate(plain, UriKind.Absolute, out var uri) && uri.Scheme == "ws" && IsPublic(uri) && !network.HttpBasicAuthentication)
            {
                yield return RouterInsecureUrl.At(station.Id, $"{plain} goes over the public Internet unencrypted and without HTTP Basic Authentication", "use a wss:// URL (TLS), or at least set the HTTP Basic Authentication password");
            }
        }
    }

    private static bool IsWebSocketUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" && uri.Host.Length > 0;

    /// <summary>A host that is not a private, loopback or link-local address counts as the public Internet (names too).</summary>
    private static bool IsPublic(Uri uri)
    {
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            // A single-label name ("backend") or a .local name resolves inside the LAN.
            return uri.Host.Contains('.', StringComparison.Ordinal) && !uri.Host.EndsWith(".local", StringComparison.OrdinalIgnoreCase);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254));
    }

    private static string Simplified(string text) => string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
