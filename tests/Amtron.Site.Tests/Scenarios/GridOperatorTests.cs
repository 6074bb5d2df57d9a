using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary><c>gridOperator</c>: §14a dimming as the site receives it, and what counts towards P_min.</summary>
public sealed class GridOperatorTests
{
    private static string Site(string gridOperator, string meter = "meter: {type: PAC2200}", string points = "[{id: P, installationCurrentLimit: 16}, {id: Q, installationCurrentLimit: 6}]") => $$"""
        name: dimmed
        start: 2026-06-01T00:00:00Z
        duration: 1d
        {{meter}}
        gridOperator: {{gridOperator}}
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32, operatorEvseSubDistributionLimit: 30}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: {{points}}}]
        """;

    // P (16 A × 3 × 230 V = 11.04 kW) counts, Q (6 A: 4.14 kW) does not; the heat pumps and 2 storage units:
    // n = 4, P_min = 4.2 + 3 × 0.70 × 4.2 = 13.02 kW, ⌊13020 / 690⌋ = 18 A per phase.
    [Fact]
    public void The_controllable_consumers_are_counted_and_the_minimum_follows()
    {
        var site = ScenarioLoader.Parse(Site("{signal: digitalInput, dimming: [{from: 17h, to: 19h}], controllableConsumers: {heatPumpsKW: 9, storage: 2}}"), "g.yaml").Site;

        var gridOperator = site.GridOperator!;
        Assert.Equal((1, 4), (gridOperator.ChargePoints, gridOperator.ControllableConsumers));
        Assert.Equal(13.02, gridOperator.MinimumKW, 9);
        Assert.Equal(Amps.From(18), gridOperator.MinimumPerPhase(230));
        Assert.Equal(13.02, gridOperator.EffectiveRequestKW, 9);
    }

    [Fact]
    public void The_digital_input_is_energised_while_dimmed()
    {
        var site = ScenarioLoader.Parse(Site("{signal: digitalInput, dimming: [{from: 17h, to: 19h}]}", "meter: {type: PAC2200, digitalInput: [{from: 2h, to: 3h}]}"), "g.yaml").Site;

        Assert.True(site.DigitalInputAt(new DateTimeOffset(2026, 6, 1, 2, 30, 0, TimeSpan.Zero)));
        Assert.True(site.DigitalInputAt(new DateTimeOffset(2026, 6, 1, 17, 0, 0, TimeSpan.Zero)));
        Assert.False(site.DigitalInputAt(new DateTimeOffset(2026, 6, 1, 19, 0, 0, TimeSpan.Zero)));
    }

    // One consumer (P): P_min 4.2 kW, 6 A per phase written at each window's start; the Operator limit of 30 A back at its end.
    [Fact]
    public void An_EMS_writes_the_dimmed_Operator_limit_and_takes_it_back()
    {
        var site = ScenarioLoader.Parse(Site("{signal: ems, dimming: [{from: 17h, to: 19h}, {from: 6h, to: 7h}]}"), "g.yaml").Site;

        var day = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [
                new OperatorLimitChange(day.AddHours(6), PhaseCurrents.Uniform(6)), new OperatorLimitChange(day.AddHours(7), PhaseCurrents.Uniform(30)),
                new OperatorLimitChange(day.AddHours(17), PhaseCurrents.Uniform(6)), new OperatorLimitChange(day.AddHours(19), PhaseCurrents.Uniform(30)),
            ],
            site.Networks[0].OperatorLimitChanges);
    }

    [Fact]
    public void Every_problem_of_the_section_is_reported_where_it_is_written()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            Site("{signal: digitalInput, requestKW: 3, operatorLimit: 10, dimming: [{from: 17h, to: 19h}]}", meter: "# no meter"),
            "g.yaml"));

        // Line 5: "gridOperator: {signal: digitalInput, requestKW: " is 48 characters (3 at 49), "3, operatorLimit: " 18 more (10 at 67).
        Assert.Equal(
            [
                (5L, 15L, "gridOperator signal digitalInput needs a PAC2200 meter: its digital input is the downgrade input of manual 6.5"),
                (5L, 49L, "gridOperator requestKW 3 kW is below the §14a minimum the operator must leave, 4.2 kW"),
                (5L, 67L, "gridOperator operatorLimit is what an EMS writes (signal: ems); the digital input lowers the Operator limit by the meter's offset"),
            ],
            error.Diagnostics.Select(d => (d.Line, d.Column, d.Problem)));
    }

    [Fact]
    public void A_site_without_a_controllable_consumer_is_refused()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Site("{signal: ems, dimming: []}", points: "[{id: Q, installationCurrentLimit: 6}]"), "g.yaml"));

        Assert.Contains("no controllable consumer", error.Message, StringComparison.Ordinal);
    }
}
