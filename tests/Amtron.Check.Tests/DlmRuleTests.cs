using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>Manual 6 and 7: DLM roles, limits, meter, master-only settings.</summary>
public sealed class DlmRuleTests
{
    private const string Meter = "meter: {type: PAC2200, measures: externalConsumers}\n";

    [Fact]
    public void Two_masters_in_one_network_is_an_error_at_the_second()
    {
        var findings = FindingsOf(SiteFile(Master("CS1") + Station("CS2") + Master("CS3")));
        Has(findings, "dlm.one-master", "CS3");
    }

    [Fact]
    public void A_network_without_a_master_is_an_error()
    {
        var findings = FindingsOf(SiteFile(Station("CS1") + Station("CS2")));
        Has(findings, "dlm.one-master", "CS1");
    }

    [Fact]
    public void A_standalone_master_counts_as_the_master()
    {
        var findings = FindingsOf(SiteFile(Station("CS1", role: "masterStandalone") + Station("CS2", role: "slaveFixedIp")));
        Assert.Empty(findings);
    }

    [Fact]
    public void Each_network_id_needs_its_own_master()
    {
        var yaml = SiteFile(Master("CS1") + Station("CS2")) + "  - id: 1\n    settings: {evseSubDistributionLimit: 32}\n    stations:\n" + Station("CS3") + Station("CS4");
        Has(FindingsOf(yaml), "dlm.one-master", "CS3");
    }

    [Theory]
    [InlineData("{evseSubDistributionLimit: 100, operatorEvseSubDistributionLimit: 100}", false)]
    [InlineData("{evseSubDistributionLimit: 100, operatorEvseSubDistributionLimit: 101}", true)]
    [InlineData("{evseSubDistributionLimit: [100, 100, 100], operatorEvseSubDistributionLimit: [80, 100, 120]}", true)]
    public void Operator_limit_above_the_sub_distribution_limit_is_an_error(string settings, bool error)
    {
        var findings = FindingsOf(SiteFile(Master("CS1"), settings));
        if (error)
        {
            Has(findings, "dlm.operator-limit", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void An_operator_limit_sent_later_above_the_sub_distribution_limit_is_an_error()
    {
        var network = "    operatorLimitChanges: [{at: 2h, limit: 80}]\n";
        Has(FindingsOf(SiteFile(Master("CS1"), "{evseSubDistributionLimit: 63}", network: network)), "dlm.operator-limit", "CS1");
    }

    [Theory]
    [InlineData(3, 20, 63, false)]
    [InlineData(3, 22, 63, true)]
    [InlineData(4, 16, 63, true)]
    public void With_a_meter_the_installation_limits_add_up_to_at_most_the_supply_line(int stations, int limit, int line, bool error)
    {
        var settings = "{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}";
        var all = Master("CS1", limit: limit) + string.Concat(Enumerable.Range(2, stations - 1).Select(i => Station($"CS{i}", limit: limit)));
        var findings = FindingsOf(SiteFile(all, settings, Meter, $"    supplyLineCapacity: {line}\n"));
        if (error)
        {
            Has(findings, "dlm.supply-line", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void Phase_rotation_spreads_single_phase_points_over_the_supply_line()
    {
        // Three 1-phase 32 A points on L1, L2, L3: 32 A per phase, within a 35 A line.
        var stations = Master("CS1", more: "").Replace("installationCurrentLimit: 16}", "installationCurrentLimit: 32, phaseRotation: [L1]}", StringComparison.Ordinal)
            + Station("CS2").Replace("installationCurrentLimit: 16}", "installationCurrentLimit: 32, phaseRotation: [L2]}", StringComparison.Ordinal)
            + Station("CS3").Replace("installationCurrentLimit: 16}", "installationCurrentLimit: 32, phaseRotation: [L3]}", StringComparison.Ordinal);
        var settings = "{evseSubDistributionLimit: 35, externalMeter: {location: excluding, mainDistributionLimit: 63}}";
        Assert.Empty(FindingsOf(SiteFile(stations, settings, Meter, "    supplyLineCapacity: 35\n")));
    }

    [Fact]
    public void Without_a_meter_the_sub_distribution_limit_must_not_exceed_the_supply_line()
    {
        var many = Master("CS1", limit: 32) + Station("CS2", limit: 32) + Station("CS3", limit: 32);
        Assert.Empty(FindingsOf(SiteFile(many, "{evseSubDistributionLimit: 63}", network: "    supplyLineCapacity: 63\n")));
        Has(FindingsOf(SiteFile(many, "{evseSubDistributionLimit: 80}", network: "    supplyLineCapacity: 63\n")), "dlm.supply-line", "CS1");
    }

    [Fact]
    public void A_network_set_up_for_a_meter_the_site_does_not_have_is_an_error()
    {
        var findings = FindingsOf(SiteFile(Master("CS1"), "{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}"));
        Has(findings, "dlm.meter-missing", "CS1");
    }

    [Theory]
    [InlineData("excluding", "externalConsumers", false)]
    [InlineData("including", "total", false)]
    [InlineData("including", "externalConsumers", true)]
    [InlineData("excluding", "external consumers and charge points", true)]
    public void The_meter_location_matches_the_wiring(string location, string measures, bool error)
    {
        var settings = $"{{evseSubDistributionLimit: 63, externalMeter: {{location: {location}, mainDistributionLimit: 63}}}}";
        var findings = FindingsOf(SiteFile(Master("CS1") + Station("CS2"), settings, $"meter: {{type: PAC2200, measures: \"{measures}\"}}\n"));
        if (error)
        {
            Has(findings, "dlm.meter-location", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void Two_networks_on_one_meter_is_an_error()
    {
        var settings = "{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}";
        var yaml = SiteFile(Master("CS1"), settings, Meter) + $"  - id: 1\n    settings: {settings}\n    stations:\n" + Master("CS2");
        Has(FindingsOf(yaml), "dlm.meter-one-network", "CS2");
    }

    [Fact]
    public void Imbalance_and_limits_entered_on_a_satellite_are_errors_on_the_master_they_are_not()
    {
        var findings = FindingsOf(SiteFile(
            Master("CS1", more: "dlmSettings: {currentImbalancePrevention: true, currentImbalanceLimit: 20}, ") +
            Station("CS2", more: "dlmSettings: {currentImbalanceLimit: 20}, ") +
            Station("CS3", more: "dlmSettings: {operatorEvseSubDistributionLimit: 50}, ") +
            Station("CS4")));
        Has(findings, "dlm.master-only-setting", "CS2");
        Has(findings, "dlm.master-only-setting", "CS3");
        Assert.Equal(2, findings.Count);
        Assert.Contains("imbalance", findings.Single(f => f.Station == "CS2").Message, StringComparison.Ordinal);
    }
}

/// <summary>Manual 6.1, 6.3, 6.5, 6.6: main fuse, one point behind a meter, the downgrade meter, the schedule's clock.</summary>
public sealed class DlmRequirementTests
{
    private const string Excluding = "{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 63}}";

    [Theory]
    [InlineData("{evseSubDistributionLimit: 63}", "", 63, false)]
    [InlineData("{evseSubDistributionLimit: 80}", "", 63, true)]
    [InlineData(Excluding, "meter: {type: PAC2200}\n", 63, false)]
    [InlineData("{evseSubDistributionLimit: 63, externalMeter: {location: excluding, mainDistributionLimit: 100}}", "meter: {type: PAC2200}\n", 63, true)]
    public void What_the_dlm_plans_for_fits_behind_the_main_fuse(string settings, string meter, int fuse, bool error)
    {
        var findings = FindingsOf(SiteFile(Master("CS1") + Station("CS2"), settings, meter + $"grid: {{mainFuse: {fuse}}}\n"));
        if (error)
        {
            Has(findings, "dlm.main-fuse", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void A_standalone_masters_own_points_count_on_the_supply_line()
    {
        var stations = Station("CS1", role: "masterStandalone", limit: 32) + Station("CS2", limit: 32);
        var findings = FindingsOf(SiteFile(stations, Excluding, "meter: {type: PAC2200}\n", "    supplyLineCapacity: 32\n"));
        Has(findings, "dlm.supply-line", "CS1");
    }

    [Theory]
    [InlineData("{evseSubDistributionLimit: 16, externalMeter: {location: including, mainDistributionLimit: 35}}", false)]
    [InlineData("{evseSubDistributionLimit: 32, operatorEvseSubDistributionLimit: 16, externalMeter: {location: including, mainDistributionLimit: 35}}", true)]
    [InlineData("{evseSubDistributionLimit: 35, externalMeter: {location: including, mainDistributionLimit: 35}}", true)]
    public void One_point_behind_a_meter_has_its_installation_limit_as_sub_distribution_limits(string settings, bool error)
    {
        var findings = FindingsOf(SiteFile(Master("CS1"), settings, "meter: {type: PAC2200, measures: total}\n"));
        if (error)
        {
            Has(findings, "dlm.single-point-limits", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Theory]
    [InlineData("PAC2200", true, false)]
    [InlineData("EEM-MB371", true, true)]
    [InlineData("PAC2200", false, true)]
    public void The_downgrade_offset_needs_the_siemens_meter(string type, bool configured, bool error)
    {
        var settings = configured
            ? "{evseSubDistributionLimit: 63, meterDigitalInputCurrentOffset: 10, externalMeter: {location: excluding, mainDistributionLimit: 63}}"
            : "{evseSubDistributionLimit: 63, meterDigitalInputCurrentOffset: 10}";
        var findings = FindingsOf(SiteFile(Master("CS1") + Station("CS2"), settings, $"meter: {{type: {type}}}\n"));
        if (error)
        {
            Has(findings, "dlm.downgrade-meter", "CS1");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void A_schedule_without_a_backend_is_a_warning()
    {
        const string Scheduled = "{evseSubDistributionLimit: 32, maximumCurrentScheduler: [{hour: 7, limit: 16}]}";
        var alone = FindingsOf(SiteFile(Master("CS1"), Scheduled));
        Has(alone, "dlm.scheduler-backend", "CS1", Severity.Warning);
        var connected = FindingsOf(SiteFile(Master("CS1", "connectionType: Ethernet, ocppMode: OCPP-J 1.6, ocppUrl: wss://b.example.com/ocpp"), Scheduled));
        HasNot(connected, "dlm.scheduler-backend");
    }
}
