using Amtron.Site.Model;
using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 4: several charge points reach the backend through one gateway charge point with a SIM.</summary>
internal static class GatewayRules
{
    /// <summary>MENNEKES recommends at most this many charge points per SIM.</summary>
    public const int MaximumChargePointsPerSim = 50;

    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        if (plan.Backend != BackendConnection.SimGateway)
        {
            yield break;
        }

        if (plan.Gateways.Count == 0)
        {
            var candidate = plan.Stations.FirstOrDefault(s => s.Network.Modem && s.Network.Sim);
            yield return GatewayOne.At(candidate?.Id ?? plan.FirstStation, "the site connects to its backend via SIM, but no station has WAN-Router On", candidate is null ? "set WAN-Router On on the station with the modem (\"+\" variant) and SIM" : $"set WAN-Router On on {candidate.Id}");
            yield break;
        }

        var gateway = plan.Gateways[0];
        foreach (var extra in plan.Gateways.Skip(1))
        {
            yield return GatewayOne.At(extra.Id, $"{extra.Id} has WAN-Router On, but {gateway.Id} is already the gateway charge point", "set WAN-Router Off on every station except the gateway");
        }

        if (!gateway.Network.Modem)
        {
            yield return GatewayModem.At(gateway.Id, $"{gateway.Id} is the gateway but has no wireless modem (not a \"+\" variant)", "make a station with a modem (\"+\" in the product name) the gateway");
        }

        if (!gateway.Network.Sim)
        {
            yield return GatewaySim.At(gateway.Id, $"{gateway.Id} is the gateway but has no SIM card", "insert the backend operator's micro SIM into the gateway");
        }

        if (gateway.Network.ConnectionType != ConnectionType.Gsm)
        {
            yield return GatewayConnectionType.At(gateway.Id, $"{gateway.Id} is the gateway but its Connection Type is {Name(gateway.Network.ConnectionType)}", "set Connection Type to GSM on the gateway");
        }

        foreach (var other in plan.Stations.Where(s => s != gateway && !s.Network.WanRouter && s.Network.ConnectionType != ConnectionType.Ethernet))
        {
            yield return GatewayConnectionType.At(other.Id, $"{other.Id} reaches the backend through {gateway.Id}, but its Connection Type is {Name(other.Network.ConnectionType)}", "set Connection Type to Ethernet");
        }

        foreach (var finding in StaticGateways(plan, gateway))
        {
            yield return finding;
        }

        var points = plan.Site.Networks.Sum(n => n.Stations.Sum(s => s.ChargePoints.Count));
        if (points > MaximumChargePointsPerSim)
        {
            yield return GatewayMaxChargePoints.At(gateway.Id, $"{points} charge points share {gateway.Id}'s SIM; MENNEKES recommends at most {MaximumChargePointsPerSim}", "split the site over several SIM gateways or connect it through a router (chapter 5)");
        }
    }

    /// <summary>4.3: with static addresses every other station routes through the gateway's IP.</summary>
    private static IEnumerable<Finding> StaticGateways(SitePlan plan, PlannedStation gateway)
    {
        if (gateway.Mode != EthernetMode.Static)
        {
            yield break;
        }

        if (gateway.Network.StaticGateway is { } own)
        {
            yield return GatewayOwnGatewayEmpty.At(gateway.Id, $"the gateway {gateway.Id} has \"Static network configuration gateway\" {own}", "leave the gateway's own \"Static network configuration gateway\" empty");
        }

        var gatewayIp = gateway.Network.StaticIp;
        foreach (var other in plan.Stations.Where(s => s != gateway && s.Mode == EthernetMode.Static))
        {
            var entered = other.Network.StaticGateway;
            if (gatewayIp is not null && (entered is null || SitePlan.Ipv4(entered) != SitePlan.Ipv4(gatewayIp)))
            {
                var found = entered is null ? "is empty" : $"is {entered}";
                yield return GatewayStaticGateway.At(other.Id, $"{other.Id}'s \"Static network configuration gateway\" {found}, not the gateway's IP {gatewayIp}", $"enter {gatewayIp} ({gateway.Id}) as \"Static network configuration gateway\"");
            }
        }
    }

    private static string Name(ConnectionType? type) => type switch
    {
        ConnectionType.Gsm => "GSM",
        ConnectionType.Ethernet => "Ethernet",
        _ => "not set",
    };
}
