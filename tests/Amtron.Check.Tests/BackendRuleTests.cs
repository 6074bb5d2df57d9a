using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>Manual 4.2 and 5: OCPP-J 1.6 with a ws/wss URL; the router set-up's connection type and security.</summary>
public sealed class BackendRuleTests
{
    private const string Router = "backend: router\n";

    private static string Lan(string url, bool auth = false, string type = "Ethernet", string mode = "OCPP-J 1.6") =>
        $"modeForEthernetConfiguration: Auto (DHCP client), connectionType: {type}, ocppMode: {mode}, ocppUrl: \"{url}\", httpBasicAuthentication: {(auth ? "true" : "false")}";

    [Fact]
    public void Router_set_up_with_wss_and_ocpp_j_passes()
    {
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp/CS1")) + Station("CS2", Lan("wss://backend.example.com/ocpp/CS2")), top: Router)));
    }

    [Theory]
    [InlineData("OCPP-S 1.5")]
    [InlineData("OCPP-S 1.6")]
    [InlineData("none")]
    public void Any_mode_but_ocpp_j_1_6_is_an_error(string mode)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp", mode: mode)), top: Router));
        Has(findings, "ocpp.mode", "CS1");
    }

    [Theory]
    [InlineData("ocppJ16")]
    [InlineData("OCPP-J 1.6")]
    [InlineData("ocpp-j-1.6")]
    public void Ocpp_j_1_6_may_be_written_as_in_the_web_interface_or_in_camel_case(string mode)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp", mode: mode)), top: Router));
        HasNot(findings, "ocpp.mode");
    }

    [Theory]
    [InlineData("http://backend.example.com/ocpp")]
    [InlineData("https://backend.example.com/ocpp")]
    [InlineData("backend.example.com/ocpp")]
    public void A_url_that_is_not_ws_or_wss_is_an_error(string url)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan(url)), top: Router));
        Has(findings, "ocpp.url", "CS1");
    }

    [Fact]
    public void A_missing_url_is_an_error()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", "connectionType: Ethernet, ocppMode: OCPP-J 1.6"), top: Router));
        Has(findings, "ocpp.url", "CS1");
    }

    [Fact]
    public void A_wan_router_in_a_declared_router_set_up_is_a_warning()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp") + ", wanRouter: On") + Station("CS2", Lan("wss://backend.example.com/ocpp")), top: Router));
        Has(findings, "router.wan-router-off", "CS1", Severity.Warning);
        HasNot(FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp")), top: Router)), "router.wan-router-off");
    }

    [Fact]
    public void Router_set_up_needs_connection_type_ethernet()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp", type: "GSM")), top: Router));
        Has(findings, "router.connection-type", "CS1");
    }

    [Theory]
    [InlineData("ws://backend.example.com/ocpp", false, true)]
    [InlineData("ws://203.0.113.7:8180/ocpp", false, true)]
    [InlineData("ws://backend.example.com/ocpp", true, false)]
    [InlineData("wss://backend.example.com/ocpp", false, false)]
    [InlineData("ws://192.168.1.20:8180/ocpp", false, false)]
    [InlineData("ws://10.1.2.3/ocpp", false, false)]
    [InlineData("ws://172.20.0.4/ocpp", false, false)]
    public void Plain_ws_over_the_public_internet_without_basic_authentication_is_a_warning(string url, bool auth, bool warned)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan(url, auth)), top: Router));
        if (warned)
        {
            Has(findings, "router.insecure-url", "CS1", Severity.Warning);
            Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        }
        else
        {
            HasNot(findings, "router.insecure-url");
        }
    }

    [Fact]
    public void The_set_up_is_inferred_from_the_stations_when_the_file_does_not_say()
    {
        // An OCPP URL and no WAN-Router: a router set-up, in which a station left on GSM is a mistake.
        var router = FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp", type: "GSM")) + Station("CS2", Lan("wss://backend.example.com/ocpp"))));
        Has(router, "router.connection-type", "CS1");
        HasNot(router, "gateway.one");

        // A WAN-Router makes it a SIM set-up: the other station must then be Ethernet and the gateway GSM.
        var sim = FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp") + ", wanRouter: On, modem: true, sim: true") + Station("CS2", Lan("wss://backend.example.com/ocpp"))));
        Has(sim, "gateway.connection-type", "CS1");
        HasNot(sim, "router.connection-type");
    }

    [Theory]
    [InlineData("OCPP 1.6j")]
    [InlineData("OCPP-J 1.6")]
    public void Ocpp_1_6_json_is_accepted_as_the_web_interface_and_the_manual_write_it(string mode)
    {
        HasNot(FindingsOf(SiteFile(Master("CS1", Lan("wss://backend.example.com/ocpp", mode: mode)), top: Router)), "ocpp.mode");
    }

    [Fact]
    public void With_a_router_an_ecu_must_not_be_the_dhcp_server()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Lan("wss://b.example.com/ocpp").Replace("Auto (DHCP client)", "DHCP server", StringComparison.Ordinal)) + Station("CS2", Lan("wss://b.example.com/ocpp")), top: Router));
        Has(findings, "dhcp.router-is-server", "CS1");
        HasNot(FindingsOf(SiteFile(Master("CS1", Lan("wss://b.example.com/ocpp")) + Station("CS2", Lan("wss://b.example.com/ocpp")), top: Router)), "dhcp.router-is-server");
    }

    [Theory]
    [InlineData("ws://backend:8180/ocpp")]
    [InlineData("ws://charging.local/ocpp")]
    [InlineData("ws://[::ffff:192.168.0.5]/ocpp")]
    public void Names_and_addresses_inside_the_lan_are_not_the_public_internet(string url)
    {
        HasNot(FindingsOf(SiteFile(Master("CS1", Lan(url)), top: Router)), "router.insecure-url");
    }

    [Fact]
    public void Without_a_backend_no_ocpp_rule_applies()
    {
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", "modeForEthernetConfiguration: Auto (DHCP client)"))));
    }
}
