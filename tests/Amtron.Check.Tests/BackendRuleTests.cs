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
        Assert.Empty(FindingsOf(Site(Master("CS1", Lan("wss://backend.example.com/ocpp/CS1")) + Station("CS2", Lan("wss://backend.example.com/ocpp/CS2")), top: Router)));
    }

    [Theory]
    [InlineData("OCPP-S 1.5")]
    [InlineData("OCPP-S 1.6")]
    [InlineData("none")]
    public void Any_mode_but_ocpp_j_1_6_is_an_error(string mode)
    {
        var findings = FindingsOf(Site(Master("CS1", Lan("wss://backend.example.com/ocpp", mode: mode)), top: Router));
        Has(findings, "ocpp.mode", "CS1");
    }

    [Theory]
    [InlineData("ocppJ16")]
    [InlineData("OCPP-J 1.6")]
    [InlineData("ocpp-j-1.6")]
    public void Ocpp_j_1_6_may_be_written_as_in_the_web_interface_or_in_camel_case(string mode)
    {
        var findings = FindingsOf(Site(Master("CS1", Lan("wss://backend.example.com/ocpp", mode: mode)), top: Router));
        HasNot(findings, "ocpp.mode");
    }

    [Theory]
    [InlineData("http://backend.example.com/ocpp")]
    [InlineData("https://backend.example.com/ocpp")]
    [InlineData("backend.example.com/ocpp")]
    public void A_url_that_is_not_ws_or_wss_is_an_error(string url)
    {
        var findings = FindingsOf(Site(Master("CS1", Lan(url)), top: Router));
        Has(findings, "ocpp.url", "CS1");
    }

    [Fact]
    public void A_missing_url_is_an_error()
    {
        var findings = FindingsOf(Site(Master("CS1", "connectionType: Ethernet, ocppMode: OCPP-J 1.6"), top: Router));
        Has(findings, "ocpp.url", "CS1");
    }

    [Fact]
    public void Router_set_up_needs_connection_type_ethernet()
    {
        var findings = FindingsOf(Site(Master("CS1", Lan("wss://backend.example.com/ocpp", type: "GSM")), top: Router));
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
        var findings = FindingsOf(Site(Master("CS1", Lan(url, auth)), top: Router));
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
        // An OCPP URL and no gateway: a router set-up, so Connection Type GSM is wrong.
        var findings = FindingsOf(Site(Master("CS1", Lan("wss://backend.example.com/ocpp", type: "GSM"))));
        Has(findings, "gateway.one", "CS1");
        var router = FindingsOf(Site(Master("CS1", "ocppMode: OCPP-J 1.6, ocppUrl: wss://backend.example.com/ocpp")));
        Has(router, "router.connection-type", "CS1");
    }

    [Fact]
    public void Without_a_backend_no_ocpp_rule_applies()
    {
        Assert.Empty(FindingsOf(Site(Master("CS1", "modeForEthernetConfiguration: Auto (DHCP client)"))));
    }
}
