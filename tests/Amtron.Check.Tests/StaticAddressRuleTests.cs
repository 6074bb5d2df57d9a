using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>Manual 3.2: static addresses.</summary>
public sealed class StaticAddressRuleTests
{
    private static IReadOnlyList<Finding> Three(string a, string b, string c, string maskB = "255.255.255.0") =>
        FindingsOf(SiteFile(Master("CS1", Static(a)) + Station("CS2", Static(b, maskB)) + Station("CS3", Static(c))));

    [Fact]
    public void Consecutive_addresses_in_one_subnet_pass_every_static_rule()
    {
        var findings = Three("192.168.0.2", "192.168.0.3", "192.168.0.4");
        Assert.Empty(findings);
    }

    [Fact]
    public void An_address_used_twice_is_an_error_at_the_second_station()
    {
        var findings = Three("192.168.0.2", "192.168.0.3", "192.168.0.2");
        Has(findings, "static.duplicate-ip", "CS3");
        Assert.Single(findings, f => f.Rule == "static.duplicate-ip");
    }

    [Theory]
    [InlineData("192.168.123.5")]
    [InlineData("192.168.124.123")]
    [InlineData("192.168.125.1")]
    public void The_ecus_own_service_networks_are_refused(string reserved)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Static(reserved, "255.255.0.0")) + Station("CS2", Static("192.168.126.1", "255.255.0.0"))));
        Has(findings, "static.reserved-range", "CS1");
        HasNot(findings, "static.subnet");
    }

    [Fact]
    public void The_neighbouring_192_168_122_and_126_networks_are_allowed()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Static("192.168.122.255", "255.255.0.0")) + Station("CS2", Static("192.168.126.0", "255.255.0.0"))));
        HasNot(findings, "static.reserved-range");
    }

    [Fact]
    public void A_gap_in_the_numbering_is_a_warning_not_an_error()
    {
        var findings = Three("192.168.0.2", "192.168.0.3", "192.168.0.10");
        Has(findings, "static.not-consecutive", "CS3", Severity.Warning);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
    }

    [Theory]
    [InlineData("255.255.0.255")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.300")]
    [InlineData("24")]
    public void A_netmask_that_is_not_contiguous_ones_is_an_error(string mask)
    {
        var findings = Three("192.168.0.2", "192.168.0.3", "192.168.0.4", mask);
        Has(findings, "static.netmask-invalid", "CS2");
    }

    [Fact]
    public void A_missing_netmask_is_an_error()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", Static("192.168.0.2")) + Station("CS2", "modeForEthernetConfiguration: Static, staticIp: 192.168.0.3")));
        Has(findings, "static.netmask-invalid", "CS2");
    }

    [Fact]
    public void A_station_in_another_subnet_is_an_error()
    {
        var findings = Three("192.168.0.2", "192.168.1.3", "192.168.0.3");
        Has(findings, "static.subnet", "CS2");
        Assert.Single(findings, f => f.Rule == "static.subnet");
    }

    [Fact]
    public void A_different_netmask_is_another_subnet_even_when_the_address_fits()
    {
        var findings = Three("192.168.0.2", "192.168.0.3", "192.168.0.4", "255.255.0.0");
        Has(findings, "static.subnet", "CS2");
    }

    [Fact]
    public void Static_without_an_address_and_a_malformed_address_are_errors()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", "modeForEthernetConfiguration: Static, staticNetmask: 255.255.255.0") + Station("CS2", Static("192.168.0.256"))));
        Has(findings, "static.ip-missing", "CS1");
        Has(findings, "static.ip-invalid", "CS2");
    }

    [Fact]
    public void Stations_on_dhcp_are_not_checked_as_static()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", "modeForEthernetConfiguration: Auto (DHCP client), staticIp: 192.168.123.1") + Station("CS2", "modeForEthernetConfiguration: auto")));
        Assert.Empty(findings);
    }
}

/// <summary>Manual 3.2 and 3.1.1: addresses that are no host's, and the mode on delivery.</summary>
public sealed class AddressEdgeTests
{
    [Theory]
    [InlineData("192.168.0.0", "255.255.255.0")]
    [InlineData("192.168.0.255", "255.255.255.0")]
    [InlineData("10.0.255.255", "255.255.0.0")]
    [InlineData("127.0.0.5", "255.0.0.0")]
    [InlineData("0.0.0.1", "255.0.0.0")]
    [InlineData("224.0.0.2", "255.255.255.0")]
    public void Network_broadcast_loopback_and_multicast_addresses_are_refused(string ip, string mask)
    {
        Has(FindingsOf(SiteFile(Master("CS1", Static(ip, mask)))), "static.ip-invalid", "CS1");
    }

    [Theory]
    [InlineData("192.168.0.254", "255.255.255.0")]
    [InlineData("10.0.0.1", "255.255.255.254")]
    public void Ordinary_host_addresses_pass(string ip, string mask)
    {
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", Static(ip, mask)))));
    }

    [Fact]
    public void A_station_without_a_mode_is_a_dhcp_client_as_delivered()
    {
        // No false alarm next to an ECU DHCP server ...
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", "modeForEthernetConfiguration: DHCP server") + Station("CS2", "firmware: 5.12.4"))));

        // ... and a SIM gateway whose stations all wait for a DHCP server that nobody is.
        const string Ocpp = "ocppMode: OCPP-J 1.6, ocppUrl: wss://b.example.com/ocpp";
        var findings = FindingsOf(SiteFile(Master("CS1", $"connectionType: GSM, wanRouter: on, modem: true, sim: true, {Ocpp}") + Station("CS2", $"connectionType: Ethernet, {Ocpp}")));
        Has(findings, "dhcp.sim-needs-ecu-server", "CS1");
    }
}
