using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results;

/// <summary>Whether a run exceeded a limit, and whether its scenario asserts anything about that (one rule for the terminal and the report).</summary>
public static class LimitChecks
{
    /// <summary>The metrics that look at time above a current limit.</summary>
    public static readonly IReadOnlyList<string> CurrentLimitMetrics =
        ["limitViolationSeconds", "limitViolationTransientSeconds", "limitViolationSteadySeconds", "limitExcursions", "peakOvershootA"];

    /// <summary>The metrics that look at time above an imbalance limit.</summary>
    public static readonly IReadOnlyList<string> ImbalanceLimitMetrics =
        ["imbalanceViolationSeconds", "imbalanceViolationTransientSeconds", "imbalanceViolationSteadySeconds", "imbalanceExcursions"];

    /// <summary>A current or imbalance limit was exceeded at some moment.</summary>
    public static bool Exceeded(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.LimitViolationSeconds > 0 || result.ImbalanceViolationSeconds > 0;
    }

    /// <summary>Every kind of limit the run exceeded (current, imbalance) has an assertion that looks at it.</summary>
    public static bool Asserted(Scenario scenario, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        bool Looks(IReadOnlyList<string> metrics) => scenario.Assertions.Any(a => metrics.Contains(a.Metric, StringComparer.Ordinal));
        return (result.LimitViolationSeconds <= 0 || Looks(CurrentLimitMetrics))
            && (result.ImbalanceViolationSeconds <= 0 || Looks(ImbalanceLimitMetrics));
    }
}
