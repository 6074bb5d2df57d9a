using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>Manual 4, 4.1 and 4.3: one gateway charge point with a modem and SIM.</summary>
public sealed class GatewayRuleTests
{
    private const string Ocpp = "ocppMode: OCPP-J 1.6, ocppUrl: wss://backend.example.com/ocpp";
    private const string Gateway = "modeForEthernetConfiguration: DHCP server, connectionType: GSM, wanRouter: on, modem: true, sim: true, " + Ocpp;
    private const string Other = "modeForEthernetConfiguration: Auto (DHCP client), connectionType: Ethernet, wanRouter: off, " + Ocpp;

    [Fact]
    public void One_gateway_with_modem_and_sim_and_ethernet_satellites_pass()
    {
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", Gateway) + Station("CS2", Other) + Station("CS3", Other))));
    }

    [Fact]
    public void No_gateway_in_a_sim_set_up_is_an_error()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Other) + Station("CS2", Other), top: "backend: simGateway\n"));
        Has(findings, "gateway.one", "CS1");
    }

    [Fact]
    public void A_second_wan_router_is_an_error_at_the_second()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Gateway) + Station("CS2", Other) + Station("CS3", Other.Replace("wanRouter: off", "wanRouter: on", StringComparison.Ordinal))));
        Has(findings, "gateway.one", "CS3");
    }

    [Fact]
    public void The_gateway_needs_a_modem_and_a_sim()
    {
        var noModem = FindingsOf(SiteFile(Master("CS1", Gateway.Replace("modem: true", "modem: false", StringComparison.Ordinal)) + Station("CS2", Other)));
        var noSim = FindingsOf(SiteFile(Master("CS1", Gateway.Replace("sim: true", "sim: false", StringComparison.Ordinal)) + Station("CS2", Other)));
        Has(noModem, "gateway.modem", "CS1");
        HasNot(noModem, "gateway.sim");
        Has(noSim, "gateway.sim", "CS1");
        HasNot(noSim, "gateway.modem");
    }

    [Fact]
    public void Connection_type_is_gsm_on_the_gateway_and_ethernet_elsewhere()
    {
        var gatewayOnEthernet = FindingsOf(SiteFile(Master("CS1", Gateway.Replace("connectionType: GSM", "connectionType: Ethernet", StringComparison.Ordinal)) + Station("CS2", Other)));
        var otherOnGsm = FindingsOf(SiteFile(Master("CS1", Gateway) + Station("CS2", Other.Replace("connectionType: Ethernet", "connectionType: GSM", StringComparison.Ordinal))));
        Has(gatewayOnEthernet, "gateway.connection-type", "CS1");
        Has(otherOnGsm, "gateway.connection-type", "CS2");
    }

    [Fact]
    public void Static_set_up_routes_every_other_station_through_the_gateways_ip()
    {
        var gateway = Gateway.Replace("modeForEthernetConfiguration: DHCP server", Static("192.168.0.2"), StringComparison.Ordinal);
        string Other(string ip, string? via) => Static(ip) + (via is null ? string.Empty : $", staticGateway: {via}") + ", connectionType: Ethernet, " + Ocpp;

        var good = FindingsOf(SiteFile(Master("CS1", gateway) + Station("CS2", Other("192.168.0.3", "192.168.0.2")) + Station("CS3", Other("192.168.0.4", "192.168.0.2"))));
        var bad = FindingsOf(SiteFile(Master("CS1", gateway + ", staticGateway: 192.168.0.1") + Station("CS2", Other("192.168.0.3", "192.168.0.1")) + Station("CS3", Other("192.168.0.4", null))));

        Assert.Empty(good);
        Has(bad, "gateway.own-gateway-empty", "CS1");
        Has(bad, "gateway.static-gateway", "CS2");
        Has(bad, "gateway.static-gateway", "CS3");
    }

    [Fact]
    public void More_than_50_charge_points_on_one_sim_is_a_warning()
    {
        var fifty = FindingsOf(SiteFile(Master("CS1", Gateway, points: 2) + string.Concat(Enumerable.Range(2, 24).Select(i => Station($"CS{i}", Other, points: 2)))));
        var more = FindingsOf(SiteFile(Master("CS1", Gateway, points: 2) + string.Concat(Enumerable.Range(2, 25).Select(i => Station($"CS{i}", Other, points: 2)))));
        HasNot(fifty, "gateway.max-charge-points");
        Has(more, "gateway.max-charge-points", "CS1", Severity.Warning);
        Assert.DoesNotContain(more, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Gateway_rules_do_not_apply_without_a_sim_set_up()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", "modeForEthernetConfiguration: DHCP server") + Station("CS2", "modeForEthernetConfiguration: Auto (DHCP client)"), top: "backend: none\n"));
        Assert.Empty(findings);
    }
}
