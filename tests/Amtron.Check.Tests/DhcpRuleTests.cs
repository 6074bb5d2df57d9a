using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>Manual 3.1.1: an ECU as DHCP server.</summary>
public sealed class DhcpRuleTests
{
    private const string Server = "modeForEthernetConfiguration: DHCP server";
    private const string Client = "modeForEthernetConfiguration: Auto (DHCP client)";

    [Fact]
    public void One_server_and_clients_pass()
    {
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", Server) + Station("CS2", Client) + Station("CS3", "modeForEthernetConfiguration: dhcpClient"))));
    }

    [Fact]
    public void Two_servers_are_an_error_at_the_second()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Server) + Station("CS2", Client) + Station("CS3", Server)));
        Has(findings, "dhcp.one-server", "CS3");
    }

    [Fact]
    public void With_an_ecu_server_a_static_station_is_an_error()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Server) + Station("CS2", Static("172.16.23.20"))));
        Has(findings, "dhcp.clients-auto", "CS2");
    }

    [Fact]
    public void Without_an_ecu_server_static_and_client_stations_are_not_a_dhcp_finding()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Client) + Station("CS2", Static("192.168.0.3"))));
        HasNot(findings, "dhcp.clients-auto");
    }

    [Fact]
    public void With_a_sim_gateway_the_dhcp_server_must_be_the_gateway()
    {
        const string Backend = "ocppMode: OCPP-J 1.6, ocppUrl: wss://b.example/ocpp";
        var good = FindingsOf(SiteFile(
            Master("CS1", $"{Server}, connectionType: GSM, wanRouter: on, modem: true, sim: true, {Backend}") + Station("CS2", $"{Client}, connectionType: Ethernet, {Backend}")));
        var bad = FindingsOf(SiteFile(
            Master("CS1", $"{Server}, connectionType: Ethernet, {Backend}") + Station("CS2", $"{Client}, connectionType: GSM, wanRouter: on, modem: true, sim: true, {Backend}")));
        HasNot(good, "dhcp.server-is-gateway");
        Assert.Empty(good);
        Has(bad, "dhcp.server-is-gateway", "CS1");
    }

    [Fact]
    public void A_sim_gateway_with_dhcp_clients_but_no_ecu_server_is_an_error()
    {
        const string Backend = "ocppMode: OCPP-J 1.6, ocppUrl: wss://b.example/ocpp";
        var findings = FindingsOf(SiteFile(
            Master("CS1", $"{Client}, connectionType: GSM, wanRouter: on, modem: true, sim: true, {Backend}") + Station("CS2", $"{Client}, connectionType: Ethernet, {Backend}")));
        Has(findings, "dhcp.sim-needs-ecu-server", "CS1");
    }

    [Fact]
    public void More_clients_than_the_155_addresses_of_the_pool_is_a_warning()
    {
        var stations = Master("CS000", Server) + string.Concat(Enumerable.Range(1, DhcpPoolClients + 1).Select(i => Station($"CS{i:000}", Client)));
        var findings = FindingsOf(SiteFile(stations));
        Has(findings, "dhcp.pool-size", "CS000", Severity.Warning);

        var fits = FindingsOf(SiteFile(Master("CS000", Server) + string.Concat(Enumerable.Range(1, DhcpPoolClients).Select(i => Station($"CS{i:000}", Client)))));
        HasNot(fits, "dhcp.pool-size");
    }

    /// <summary>172.16.23.100 to 172.16.23.254.</summary>
    private const int DhcpPoolClients = 155;
}
