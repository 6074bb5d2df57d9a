using Amtron.Dlm.Control;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>The master's reaction allowance must cover the slowest vehicle at its points (issue 11, item 1).</summary>
public sealed class ReactionAllowanceTests
{
    private static string Scenario(string networkExtra, string reaction) => $$"""
        name: allowance
        start: 2026-06-01T00:00:00Z
        duration: 1h
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
        {{networkExtra}}
            stations:
              - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
          - id: 1
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: N, role: masterWithInternalSlave, chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
        vehicles:
          sessions:
            - {id: slow, chargePoint: CP1, arrival: 0s, departure: 1h, energyKWh: 5, reactionDelay: {{reaction}}}
            - {id: quick, chargePoint: CP2, arrival: 0s, departure: 1h, energyKWh: 5, reactionDelay: 2s}
        """;

    [Fact]
    public void Without_a_setting_it_is_five_seconds_or_the_slowest_vehicle_of_the_network()
    {
        var site = ScenarioLoader.Parse(Scenario(string.Empty, "20s"), "a.yaml").Site;
        Assert.Equal(TimeSpan.FromSeconds(20), site.Networks[0].Options.ReactionAllowance);
        Assert.Equal(DlmControllerOptions.DefaultReactionAllowance, site.Networks[1].Options.ReactionAllowance);
        Assert.Equal(TimeSpan.FromSeconds(5), DlmControllerOptions.DefaultReactionAllowance);
    }

    [Fact]
    public void A_setting_at_least_the_slowest_reaction_is_kept()
    {
        var site = ScenarioLoader.Parse(Scenario("    reactionAllowance: 30s", "20s"), "a.yaml").Site;
        Assert.Equal(TimeSpan.FromSeconds(30), site.Networks[0].Options.ReactionAllowance);
    }

    [Fact]
    public void A_setting_shorter_than_a_vehicle_reaction_is_an_error_at_it()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Scenario("    reactionAllowance: 10s", "20s"), "a.yaml"));
        // Line 7 "    reactionAllowance: 10s": the value starts after 4 spaces and "reactionAllowance: " (19), column 24.
        Assert.Equal(
            "a.yaml:7:24: network 0's reactionAllowance 10 s is shorter than the reactionDelay 20 s of session 'slow': the master would judge that vehicle's draw before it follows its signal",
            Assert.Single(error.Message.Split('\n')));
    }
}
