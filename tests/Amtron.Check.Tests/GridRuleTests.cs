using static Amtron.Check.Tests.Sites;

namespace Amtron.Check.Tests;

/// <summary>
/// §14a: one 16 A point (16 A × 3 × 230 V = 11.04 kW, a controllable consumer) and a 9 kW heat pump: n = 2,
/// P_min = 4.2 kW + (2 − 1) × 0.80 × 4.2 kW = 7.56 kW, ⌊7560 W / (3 × 230 V)⌋ = 10 A per phase (6.9 kW).
/// </summary>
public sealed class GridRuleTests
{
    private const string Rule = "grid.14a-minimum";

    private static string Dimmed(string signal, string settings, string more = "") => SiteFile(
        Master("CS1"),
        settings,
        top: "meter: {type: PAC2200}\ngridOperator: {signal: " + signal + ", dimming: [{from: 17h, to: 19h}], controllableConsumers: {heatPumpsKW: 9}" + more + "}\n");

    [Fact]
    public void An_offset_that_leaves_exactly_the_minimum_in_whole_amps_passes()
    {
        HasNot(FindingsOf(Dimmed("digitalInput", "{evseSubDistributionLimit: 16, operatorEvseSubDistributionLimit: 16, meterDigitalInputCurrentOffset: 6}")), Rule);
    }

    [Fact]
    public void An_offset_that_leaves_less_than_the_minimum_is_an_error_with_the_arithmetic()
    {
        var finding = Assert.Single(FindingsOf(Dimmed("digitalInput", "{evseSubDistributionLimit: 16, operatorEvseSubDistributionLimit: 16, meterDigitalInputCurrentOffset: 10}")), f => f.Rule == Rule);

        Assert.Equal(
            "dimmed, network 0's DLM limit is Operator [16 A, 16 A, 16 A] − offset [10 A, 10 A, 10 A] = [6 A, 6 A, 6 A]: (6 + 6 + 6) A × 230 V = 4.14 kW, below the §14a minimum P_min = 4.2 kW + (2 − 1) × 0.80 × 4.2 kW = 7.56 kW (10 A per phase, 6.9 kW)",
            finding.Message);
        Assert.Equal("set meterDigitalInputCurrentOffset so that 10 A per phase remain while dimmed (6.9 kW on three phases at 230 V)", finding.Fix);
    }

    [Fact]
    public void An_offset_that_cannot_bring_charging_down_to_the_request_is_an_error()
    {
        var finding = Assert.Single(FindingsOf(Dimmed("digitalInput", "{evseSubDistributionLimit: 16, operatorEvseSubDistributionLimit: 16, meterDigitalInputCurrentOffset: 2}")), f => f.Rule == Rule);

        Assert.Equal(
            "dimmed, network 0's DLM limit is Operator [16 A, 16 A, 16 A] − offset [2 A, 2 A, 2 A] = [14 A, 14 A, 14 A]: (14 + 14 + 14) A × 230 V = 9.66 kW, above the operator's request 7.56 kW (P_min = 4.2 kW + (2 − 1) × 0.80 × 4.2 kW = 7.56 kW): charging cannot be brought down to it",
            finding.Message);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(", operatorLimit: 10", false)]
    [InlineData(", operatorLimit: 8", true)]
    [InlineData(", operatorLimit: 12", true)]
    public void The_operator_limit_an_EMS_writes_is_held_to_the_same_rule(string limit, bool error)
    {
        var findings = FindingsOf(Dimmed("ems", "{evseSubDistributionLimit: 16, operatorEvseSubDistributionLimit: 16}", limit));

        Assert.Equal(error, findings.Any(f => f.Rule == Rule));
    }

    [Fact]
    public void A_site_without_a_grid_operator_does_not_run_the_rule()
    {
        var plan = new SitePlan(Site.Scenarios.ScenarioLoader.ParsePlan(SiteFile(Master("CS1")), "site.yaml").Site);

        Assert.Contains(RuleCoverage.NotRun(plan), r => r.Rule == Rule);
    }
}
