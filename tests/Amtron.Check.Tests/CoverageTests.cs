using Amtron.Site.Scenarios;
using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>`amtron check` gives no false all-clear: what it cannot check is said, and what cannot be a plan is refused.</summary>
public sealed class CoverageTests
{
    private const string Dhcp = "modeForEthernetConfiguration: \"Auto (DHCP client)\"";

    [Fact]
    public void A_plan_without_any_network_part_warns_once_and_lists_the_rules_that_could_not_run()
    {
        var yaml = SiteFile(Master("CS1") + Station("CS2"));
        var finding = Assert.Single(AllFindingsOf(yaml));
        Assert.Equal(("plan.network-part", "CS1", Severity.Warning), (finding.Rule, finding.Station, finding.Severity));

        var notRun = NotRun(yaml);
        // Every addressing, gateway, backend and router rule (25), the firmware rule and both cabling rules need
        // network parts; the supply line, the main fuse and the grid operator's dimming are not given either.
        Assert.Equal(31, notRun.Count);
        Assert.All(notRun.Where(r => r.Rule.StartsWith("static.", StringComparison.Ordinal)), r => Assert.Equal("no station has a network part (network: {...})", r.Missing));
        Assert.Contains(new RuleNotRun("dlm.main-fuse", "the site gives no main fuse (grid: {mainFuse: ...})"), notRun);
    }

    [Fact]
    public void A_station_left_without_its_network_part_is_named()
    {
        var findings = AllFindingsOf(SiteFile(Master("CS1", Dhcp) + Station("CS2")));
        Has(findings, "plan.network-part", "CS2", Severity.Warning);
        Assert.DoesNotContain(findings, f => f.Rule == "plan.network-part" && f.Station == "CS1");
    }

    [Fact]
    public void Rules_run_only_with_their_data()
    {
        // One firmware, no uplinks, one cable length: the firmware and star rules cannot run, the length rule can.
        var yaml = SiteFile(Master("CS1", Dhcp + ", firmware: 5.12.4, cableLength: 20") + Station("CS2", Dhcp), top: "grid: {mainFuse: 63}\ngridOperator: {signal: ems, dimming: [{from: 17h, to: 19h}]}\n", network: "    supplyLineCapacity: 63\n");
        Assert.Equal(
            [new RuleNotRun("firmware.4-52", "fewer than two stations give their firmware"), new RuleNotRun("ethernet.star", "no station gives its uplink (switch, router or another station)")],
            NotRun(yaml));
    }

    [Fact]
    public void A_meter_location_without_the_wiring_cannot_be_checked_and_without_a_meter_needs_none()
    {
        var metered = SiteFile(Master("CS1", Dhcp), settings: "{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}", top: "meter: {type: PAC2200}\n");
        Assert.Contains(NotRun(metered), r => r.Rule == "dlm.meter-location");
        Assert.DoesNotContain(NotRun(SiteFile(Master("CS1", Dhcp))), r => r.Rule == "dlm.meter-location");
    }

    [Fact]
    public void Two_stations_with_one_id_are_a_located_error()
    {
        var twice = Master("CS1") + Station("CS1").Replace("CS1P1", "CS9P1", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParsePlan(SiteFile(twice), "site.yaml"));
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((9L, 14L, "station id 'CS1' is used twice"), (only.Line, only.Column, only.Problem));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("five")]
    [InlineData("5..12")]
    public void A_firmware_that_is_not_a_version_is_a_located_error(string firmware)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParsePlan(SiteFile(Master("CS1", $"firmware: \"{firmware}\"")), "site.yaml"));
        Assert.Equal($"firmware must be a version such as 5.12.4 or 4.52, not '{firmware}'", Assert.Single(error.Diagnostics).Problem);
    }

    [Theory]
    [InlineData("5.12.4")]
    [InlineData("V4.52")]
    [InlineData("5")]
    [InlineData("5.12.4-rc1")]
    public void Firmware_versions_as_the_web_interface_shows_them_are_read(string firmware) =>
        Assert.Empty(FindingsOf(SiteFile(Master("CS1", $"firmware: \"{firmware}\""))));

    [Fact]
    public void A_site_file_needs_no_name_nor_period()
    {
        var site = ScenarioLoader.ParsePlan("networks: [{id: 0, settings: {evseSubDistributionLimit: 63}, stations: [{id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}]\n", "site.yaml").Site;
        Assert.Equal("CS1", Assert.Single(Assert.Single(site.Networks).Stations).Id);
    }

    private static IReadOnlyList<RuleNotRun> NotRun(string yaml) => RuleCoverage.NotRun(new SitePlan(ScenarioLoader.ParsePlan(yaml, "site.yaml").Site));
}
