using Amtron.Site.Model;
using Amtron.Site.Scenarios;
using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>The network part of the site file: spellings, errors with file:line:col, and what plan mode tolerates.</summary>
public sealed class SiteFileTests
{
    [Theory]
    [InlineData("DHCP server", EthernetMode.DhcpServer)]
    [InlineData("dhcpServer", EthernetMode.DhcpServer)]
    [InlineData("Auto (DHCP client)", EthernetMode.DhcpClient)]
    [InlineData("auto", EthernetMode.DhcpClient)]
    [InlineData("Static", EthernetMode.Static)]
    public void Modes_read_as_the_web_interface_writes_them_or_in_camel_case(string text, EthernetMode mode)
    {
        var site = ScenarioLoader.ParsePlan(SiteFile(Master("CS1", $"modeForEthernetConfiguration: \"{text}\"")), "site.yaml").Site;
        Assert.Equal(mode, site.Networks[0].Stations[0].Network!.Mode);
    }

    [Fact]
    public void Every_network_field_is_read()
    {
        var net = "modeForEthernetConfiguration: Static, staticIp: 192.168.0.2, staticNetmask: 255.255.255.0, staticGateway: 192.168.0.1, " +
                  "connectionType: GSM, wanRouter: on, modem: true, sim: true, ocppMode: OCPP-J 1.6, ocppUrl: wss://b/ocpp, " +
                  "httpBasicAuthentication: true, firmware: 5.12.4, cableLength: 42.5, uplink: switch";
        var network = ScenarioLoader.ParsePlan(SiteFile(Master("CS1", net)), "site.yaml").Site.Networks[0].Stations[0].Network!;
        Assert.Equal(
            new StationNetwork
            {
                Mode = EthernetMode.Static,
                StaticIp = "192.168.0.2",
                StaticNetmask = "255.255.255.0",
                StaticGateway = "192.168.0.1",
                ConnectionType = ConnectionType.Gsm,
                WanRouter = true,
                Modem = true,
                Sim = true,
                OcppMode = "OCPP-J 1.6",
                OcppUrl = "wss://b/ocpp",
                HttpBasicAuthentication = true,
                Firmware = "5.12.4",
                CableLengthMetres = 42.5,
                Uplink = "switch",
            },
            network);
    }

    [Fact]
    public void The_web_interfaces_full_parameter_names_are_read_too()
    {
        var net = "modeForEthernetConfiguration: Static, staticNetworkConfigurationIp: 192.168.0.2, staticNetworkConfigurationNetmask: 255.255.255.0, " +
                  "staticNetworkConfigurationGateway: 192.168.0.1, webSocketsJsonOcppUrlOfTheBackend: wss://b/ocpp, httpBasicAuthenticationPassword: s3cret, " +
                  "firmwareVersion: 5.12.4, modemPresent: true, simPresent: true, cableLengthM: 30";
        var network = ScenarioLoader.ParsePlan(SiteFile(Master("CS1", net)), "site.yaml").Site.Networks[0].Stations[0].Network!;
        Assert.Equal(
            new StationNetwork
            {
                Mode = EthernetMode.Static,
                StaticIp = "192.168.0.2",
                StaticNetmask = "255.255.255.0",
                StaticGateway = "192.168.0.1",
                OcppUrl = "wss://b/ocpp",
                HttpBasicAuthentication = true,
                Firmware = "5.12.4",
                Modem = true,
                Sim = true,
                CableLengthMetres = 30,
            },
            network);
    }

    [Theory]
    [InlineData("httpBasicAuthenticationPassword: \"\"", false)]
    [InlineData("httpBasicAuthentication: false", false)]
    [InlineData("httpBasicAuthentication: true", true)]
    [InlineData("httpBasicAuthenticationPassword: hunter2", true)]
    public void The_basic_authentication_password_may_be_given_as_set_or_as_the_password(string field, bool set)
    {
        var network = ScenarioLoader.ParsePlan(SiteFile(Master("CS1", field)), "site.yaml").Site.Networks[0].Stations[0].Network!;
        Assert.Equal(set, network.HttpBasicAuthentication);
    }

    [Fact]
    public void A_field_given_under_two_names_is_an_error()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParsePlan(SiteFile(Master("CS1", "staticIp: 192.168.0.2, staticNetworkConfigurationIp: 192.168.0.3")), "site.yaml"));
        Assert.Contains("staticIp twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("network: {modeForEthernetConfiguration: Dynamic}", "modeForEthernetConfiguration must be")]
    [InlineData("network: {connectionType: WiFi}", "connectionType must be GSM or Ethernet")]
    [InlineData("network: {wanRouter: maybe}", "wanRouter must be true or false")]
    [InlineData("network: {cableLength: -3}", "cableLength must be between")]
    [InlineData("network: {staticIP: 192.168.0.2}", "unknown key 'staticIP'")]
    [InlineData("dlmSettings: {currentImbalanceLimit: lots}", "currentImbalanceLimit must be a number")]
    public void A_bad_network_part_is_one_located_error(string station, string message)
    {
        var yaml = "name: test\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks:\n  - id: 0\n    settings: {evseSubDistributionLimit: 63}\n    stations:\n" +
                   $"      - id: CS1\n        role: masterWithInternalSlave\n        {station}\n        chargePoints: [{{id: CP1, installationCurrentLimit: 16}}]\n";
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParsePlan(yaml, "site.yaml"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("site.yaml:10:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_mode_reads_what_the_simulator_refuses_so_the_checker_can_report_it()
    {
        var twoMasters = SiteFile(Master("CS1") + Master("CS2"));
        var operatorAbove = SiteFile(Master("CS1"), "{evseSubDistributionLimit: 63, operatorEvseSubDistributionLimit: 80}");
        var noMeter = SiteFile(Master("CS1"), "{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}");
        foreach (var yaml in new[] { twoMasters, operatorAbove, noMeter })
        {
            Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "site.yaml"));
            Assert.NotEmpty(FindingsOf(yaml));
        }
    }

    [Fact]
    public void The_rule_catalogue_has_unique_ids_and_every_finding_uses_one_of_them()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        var ids = RuleCatalog.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios", "sites"), "*.yaml"))
        {
            Assert.All(PlanChecker.Check(ScenarioLoader.LoadPlan(file).Site), f => Assert.Contains(f.Rule, ids));
        }
    }
}
