using Amtron.Dlm.Units;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A daily step at a time of day to the minute or to the second (a machine's short bursts).</summary>
public sealed class DailyStepTests
{
    private static string Site(string steps) => $$"""
        name: daily
        start: 2026-06-01T00:00:00Z
        duration: 1d
        externalLoads:
          - {name: welder, daily: {{steps}}}
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 16}]}]
        """;

    [Fact]
    public void A_step_may_be_given_to_the_second()
    {
        var site = ScenarioLoader.Parse(Site("""[{at: "07:00:10", currents: 45}, {at: "07:01", currents: 0}]"""), "d.yaml").Site;
        var day = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(PhaseCurrents.Zero, site.ExternalLoadAt(day.AddHours(7).AddSeconds(9)));
        Assert.Equal(PhaseCurrents.Uniform(45), site.ExternalLoadAt(day.AddHours(7).AddSeconds(10)));
        Assert.Equal(PhaseCurrents.Zero, site.ExternalLoadAt(day.AddHours(7).AddMinutes(1)));
    }

    [Theory]
    [InlineData("7:00:10")]
    [InlineData("07:00:60")]
    [InlineData("24:00")]
    public void Anything_else_is_refused_with_both_forms(string at)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Site($$"""[{at: "{{at}}", currents: 45}]"""), "d.yaml"));

        Assert.Equal($"'at' must be a UTC time of day hh:mm or hh:mm:ss such as 07:30, not '{at}'", error.Diagnostics[0].Problem);
    }
}
