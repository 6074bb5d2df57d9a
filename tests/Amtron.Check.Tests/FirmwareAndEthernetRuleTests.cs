using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>Manual 3 and 3.3: firmware 4.52; star topology and 100 m cables.</summary>
public sealed class FirmwareAndEthernetRuleTests
{
    [Theory]
    [InlineData("4.52", "5.12.4", true)]
    [InlineData("4.52.0", "4.53", true)]
    [InlineData("V4.52", "5.0", true)]
    [InlineData("4.52", "4.52", false)]
    [InlineData("4.52", "4.51", false)]
    [InlineData("5.12.4", "5.10.2", false)]
    public void Firmware_4_52_cannot_be_networked_with_a_newer_version(string first, string second, bool error)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", $"firmware: \"{first}\"") + Station("CS2", $"firmware: \"{second}\"")));
        if (error)
        {
            Has(findings, "firmware.4-52", "CS1");
        }
        else
        {
            HasNot(findings, "firmware.4-52");
        }
    }

    [Fact]
    public void Every_station_on_4_52_gets_its_own_finding()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", "firmware: \"4.52\"") + Station("CS2", "firmware: 5.12.4") + Station("CS3", "firmware: \"4.52\"")));
        Has(findings, "firmware.4-52", "CS1");
        Has(findings, "firmware.4-52", "CS3");
        Assert.Equal(2, findings.Count(f => f.Rule == "firmware.4-52"));
    }

    [Fact]
    public void A_station_cabled_to_another_station_breaks_the_star()
    {
        var findings = FindingsOf(SiteFile(Master("CS1", "uplink: switch") + Station("CS2", "uplink: CS1") + Station("CS3", "uplink: core-switch")));
        Has(findings, "ethernet.star", "CS2");
        Assert.Single(findings);
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(100.5, true)]
    [InlineData(150, true)]
    public void Cables_are_at_most_100_m(double metres, bool error)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", FormattableString.Invariant($"cableLength: {metres}"))));
        if (error)
        {
            Has(findings, "ethernet.cable-length", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }
}

/// <summary>Firmware 4.52 builds, and the spellings an installer copies from the web interface.</summary>
public sealed class FirmwareLineAndSpellingTests
{
    [Theory]
    [InlineData("4.52.3", "5.12.4", true)]
    [InlineData("4.52.1", "4.52", false)]
    [InlineData("4.52", "5.12.4-rc1", true)]
    [InlineData("4.52", "5", true)]
    public void Firmware_is_compared_by_release_line(string first, string second, bool error)
    {
        var findings = FindingsOf(SiteFile(Master("CS1", $"firmware: \"{first}\"") + Station("CS2", $"firmware: \"{second}\"")));
        Assert.Equal(error, findings.Any(f => f.Rule == "firmware.4-52" && f.Station == "CS1"));
        HasNot(findings.Where(f => f.Station == "CS2").ToList(), "firmware.4-52");
    }

    [Theory]
    [InlineData("On", true)]
    [InlineData("ON", true)]
    [InlineData("Off", false)]
    [InlineData("True", true)]
    public void Yes_no_values_read_in_any_case(string value, bool on)
    {
        var site = Amtron.Site.Scenarios.ScenarioLoader.ParsePlan(SiteFile(Master("CS1", $"wanRouter: {value}")), "site.yaml").Site;
        Assert.Equal(on, site.Networks[0].Stations[0].Network!.WanRouter);
    }

    [Fact]
    public void Plain_dhcp_is_ambiguous_and_refused()
    {
        var error = Assert.Throws<Amtron.Site.Scenarios.ScenarioException>(() => FindingsOf(SiteFile(Master("CS1", "modeForEthernetConfiguration: DHCP"))));
        Assert.Contains("modeForEthernetConfiguration must be", error.Message, StringComparison.Ordinal);
    }
}
