using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Results;

public sealed class LimitChecksTests
{
    private static Scenario With(params string[] assertions) => ScenarioLoader.Parse(
        $$"""
        name: checks
        start: 2026-06-01T00:00:00Z
        duration: 1h
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
        assert: [{{string.Join(", ", assertions.Select(a => $"\"{a}\""))}}]
        """,
        "checks.yaml",
        KpiCatalogue.MetricNames);

    private static SimulationResult Exceeding(double current, double imbalance) =>
        new([], [Amps.Zero, Amps.Zero, Amps.Zero], current, imbalance, new Dictionary<string, double>(), Amps.Zero, Amps.Zero, 0, 3600, 0, 0);

    [Fact]
    public void Every_metric_named_is_a_kpi()
    {
        Assert.All(LimitChecks.CurrentLimitMetrics.Concat(LimitChecks.ImbalanceLimitMetrics), m => Assert.Contains(m, KpiCatalogue.MetricNames));
    }

    [Theory]
    [InlineData("limitViolationSteadySeconds == 0", true)]
    [InlineData("limitViolationSeconds <= 5", true)]
    [InlineData("peakOvershootA <= 10", true)]
    [InlineData("limitExcursions == 1", true)]
    [InlineData("imbalanceViolationSeconds == 0", false)]
    [InlineData("sessions == 0", false)]
    public void A_current_limit_exceeded_is_asserted_only_by_a_metric_about_current_limits(string assertion, bool asserted) =>
        Assert.Equal(asserted, LimitChecks.Asserted(With(assertion), Exceeding(3, 0)));

    [Fact]
    public void Both_kinds_exceeded_need_an_assertion_each()
    {
        Assert.False(LimitChecks.Asserted(With("limitViolationSeconds <= 5"), Exceeding(3, 2)));
        Assert.True(LimitChecks.Asserted(With("limitViolationSeconds <= 5", "imbalanceExcursions <= 1"), Exceeding(3, 2)));
        Assert.True(LimitChecks.Asserted(With(), Exceeding(0, 0)));
        Assert.False(LimitChecks.Exceeded(Exceeding(0, 0)));
        Assert.True(LimitChecks.Exceeded(Exceeding(0, 0.001)));
    }
}
