using Amtron.Sim.Results;
using Amtron.Sweep.Sizing;

namespace Amtron.Sweep.Tests;

/// <summary>
/// <c>amtron size</c> on a site whose answer is known by hand: one ideal 16 A vehicle behind a fuse of F A draws
/// min(F, 16) A, so "maxPhaseCurrentA >= 12" first holds at F = 12.
/// </summary>
public sealed class SizingTests
{
    private const string Axis = "networks[0].settings.evseSubDistributionLimit";

    [Fact]
    public void Whole_amps_are_bisected_between_the_listed_values_that_miss_and_meet_for_each_other_combination()
    {
        var result = Size("maxPhaseCurrentA >= 12", listedOnly: false);

        // Listed 6, 10 (miss), 16 (meets); then 13 (meets), 11 (misses), 12 (meets): the answer 12, for fifo and roundRobin.
        Assert.Equal(["networks[0].queueing=fifo", "networks[0].queueing=roundRobin"], result.Answers.Select(a => a.Label));
        Assert.All(result.Answers, a => Assert.Equal(12.0, a.Smallest));
        Assert.All(result.Answers, a => Assert.Equal([6.0, 10, 11, 12, 13, 16], a.Probes.Select(p => p.Value)));
        Assert.All(result.Answers, a => Assert.Equal([0, 0, 0, 3, 3, 3], a.Probes.Select(p => p.Holding)));
        Assert.All(result.Answers, a => Assert.True(a.Monotone));
        // The quantity of each try: min(F, 16) A.
        Assert.All(result.Answers, a => Assert.Equal([6.0, 10, 11, 12, 13, 16], a.Probes.Select(p => p.Quantities[0]!.Value)));
        Assert.Equal(2 * 6 * 3, result.Runs);
    }

    [Fact]
    public void With_listed_values_only_the_smallest_listed_value_that_meets_is_the_answer()
    {
        var result = Size("maxPhaseCurrentA >= 12", listedOnly: true);

        Assert.All(result.Answers, a => Assert.Equal(16.0, a.Smallest));
        Assert.Equal(2 * 3 * 3, result.Runs);
    }

    [Fact]
    public void A_target_not_met_even_at_the_largest_value_has_no_answer()
    {
        var result = Size("maxPhaseCurrentA >= 20", listedOnly: false);

        Assert.All(result.Answers, a => Assert.Null(a.Smallest));
        Assert.StartsWith("not reached: even at 16 the target holds in 0 of 3 replicates", SizingReport.Answer(result, result.Answers[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_smallest_listed_value_meeting_the_target_is_the_answer_when_nothing_lower_was_listed()
    {
        var result = Size("maxPhaseCurrentA >= 4", listedOnly: false);

        Assert.All(result.Answers, a => Assert.Equal(6.0, a.Smallest));
        Assert.All(result.Answers, a => Assert.Equal([6.0, 10, 16], a.Probes.Select(p => p.Value)));
    }

    [Fact]
    public void An_axis_that_is_not_a_grid_axis_of_numbers_or_a_share_outside_0_to_1_is_refused()
    {
        var target = Target("maxPhaseCurrentA >= 12");
        var sweep = Path.Combine(AppContext.BaseDirectory, "Sweeps", "one-point.sweep.yaml");

        Assert.StartsWith("--over networks[0].queueing: its values must be numbers, and fifo is not", Assert.Throws<SizingException>(() => SizingStudy.Run(new SizingRequest(sweep, "networks[0].queueing", target, 0.9, false, 2))).Message, StringComparison.Ordinal);
        Assert.StartsWith("--over grid.mainFuse: not an axis of the sweep's grid (its grid: networks[0].settings.evseSubDistributionLimit, networks[0].queueing)", Assert.Throws<SizingException>(() => SizingStudy.Run(new SizingRequest(sweep, "grid.mainFuse", target, 0.9, false, 2))).Message, StringComparison.Ordinal);
        Assert.StartsWith("--quantile must be above 0 and at most 1", Assert.Throws<SizingException>(() => SizingStudy.Run(new SizingRequest(sweep, Axis, target, 1.5, false, 2))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sessionsFullySatisfied/sessions >= 0.95", "sessionsFullySatisfied", "sessions", ">=", 0.95)]
    [InlineData(" maxPhaseCurrentA.L1<63 ", "maxPhaseCurrentA.L1", null, "<", 63.0)]
    [InlineData("energyWithheldPercent <= 1e-1", "energyWithheldPercent", null, "<=", 0.1)]
    public void A_target_is_a_metric_or_a_ratio_of_two_compared_with_a_number(string text, string numerator, string? denominator, string op, double threshold)
    {
        var target = Target(text);

        Assert.Equal((numerator, denominator, op, threshold), (target.Numerator, target.Denominator, target.Operator, target.Threshold));
    }

    [Theory]
    [InlineData("sessionsFullySatisfied/sessions = 0.95", "expected METRIC OP NUMBER")]
    [InlineData("satisfied >= 0.95", "'satisfied' is no metric; metrics: energyDeliveredKWh")]
    [InlineData("sessions/charged >= 1", "'charged' is no metric")]
    public void A_target_that_cannot_be_read_says_why(string text, string problem)
    {
        Assert.Null(SizingTarget.Parse(text, KpiCatalogue.MetricNames, out var actual));
        Assert.Contains(problem, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ratio_over_nothing_is_not_judged_and_counts_as_met()
    {
        var target = Target("sessionsFullySatisfied/sessions >= 0.95");
        var probe = new SizingProbe(63, [null, 0.9, 1.0, 0.96], [1, 2, 3, 4], Holding: 3);

        Assert.Null(target.Value(new Dictionary<string, double> { ["sessionsFullySatisfied"] = 0, ["sessions"] = 0 }));
        // Nearest rank: 0.75 of 4 replicates is 3; best first: (nothing to judge), 1.0, 0.96, 0.9: the third is 0.96.
        Assert.Equal(0.96, SizingReport.Reached(probe, target, 0.75));
        // 0.6 of 4 is 2.4, so 3 replicates: again 0.96; 1.0 of 4: 0.9.
        Assert.Equal(0.96, SizingReport.Reached(probe, target, 0.6));
        Assert.Equal(0.9, SizingReport.Reached(probe, target, 1.0));
    }

    private static SizingTarget Target(string text)
    {
        var target = SizingTarget.Parse(text, KpiCatalogue.MetricNames, out var problem);
        Assert.True(target is not null, problem);
        return target;
    }

    private static SizingResult Size(string target, bool listedOnly) =>
        SizingStudy.Run(new SizingRequest(Path.Combine(AppContext.BaseDirectory, "Sweeps", "one-point.sweep.yaml"), Axis, Target(target), 1.0, listedOnly, 2));
}
