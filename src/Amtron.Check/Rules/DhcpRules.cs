using Amtron.Site.Model;
using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 3.1.1: an ECU as DHCP server.</summary>
internal static class DhcpRules
{
    /// <summary>172.16.23.100 to 172.16.23.254.</summary>
    public const int PoolAddresses = 155;

    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var servers = plan.Stations.Where(s => s.Mode == EthernetMode.DhcpServer).ToList();
        foreach (var extra in servers.Skip(1))
        {
            yield return DhcpOneServer.At(extra.Id, $"{extra.Id} is a DHCP server, and so is {servers[0].Id}", $"keep one DHCP server ({(plan.Gateways.Count == 1 ? plan.Gateways[0].Id : servers[0].Id)}) and set the others to \"Auto (DHCP client)\"");
        }

        if (servers.Count > 0)
        {
            foreach (var other in plan.Stations.Where(s => s.Mode == EthernetMode.Static))
            {
                yield return DhcpClientsAuto.At(other.Id, $"{servers[0].Id} hands out addresses, but {other.Id} is set to \"Static\"", "set \"Mode for ethernet configuration\" to \"Auto (DHCP client)\"");
            }

            var clients = plan.Stations.Count - servers.Count;
            if (clients > PoolAddresses)
            {
                yield return DhcpPoolSize.At(servers[0].Id, $"{clients} stations ask for an address, but the ECU's pool 172.16.23.100–254 has {PoolAddresses}", "use a router as DHCP server or static addresses for a network this large");
            }
        }

        if (plan.Backend == BackendConnection.Router && servers.Count > 0)
        {
            yield return DhcpRouterIsServer.At(servers[0].Id, $"the stations reach the backend through an external router, but {servers[0].Id} is a DHCP server", "let the router with the Internet connection hand out the addresses: set every ECU to \"Auto (DHCP client)\" (or use static addresses)");
        }

        if (plan.Backend != BackendConnection.SimGateway)
        {
            yield break;
        }

        if (servers.Count > 0 && plan.Gateways.Count > 0 && servers.All(s => s != plan.Gateways[0]))
        {
            yield return DhcpServerIsGateway.At(servers[0].Id, $"{servers[0].Id} is the DHCP server, but the gateway charge point is {plan.Gateways[0].Id}", $"make {plan.Gateways[0].Id} the DHCP server and {servers[0].Id} \"Auto (DHCP client)\"");
        }

        if (servers.Count == 0 && plan.Stations.FirstOrDefault(s => s.Mode == EthernetMode.DhcpClient) is { } client)
        {
            var gateway = plan.Gateways.Count > 0 ? plan.Gateways[0].Id : "the gateway charge point";
            yield return DhcpSimNeedsEcuServer.At(client.Id, $"{client.Id} expects an address from a DHCP server, but with a SIM gateway no ECU is DHCP server", $"set {gateway} to \"DHCP server\", or give every station a static address (4.3)");
        }
    }
}
