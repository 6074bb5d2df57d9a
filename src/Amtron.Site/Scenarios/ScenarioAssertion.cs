using System.Globalization;
using System.Text.RegularExpressions;

namespace Amtron.Site.Scenarios;

/// <summary>One line of a scenario's <c>assert:</c> section: <c>metric op number</c>, e.g. <c>limitViolationSeconds == 0</c>.</summary>
public sealed partial record ScenarioAssertion(string Metric, string Operator, double Value, string Text)
{
    /// <summary>Metrics an assertion may name (the numeric fields of summary.json).</summary>
    public static readonly IReadOnlyList<string> Metrics =
    [
        "energyDeliveredKWh", "energyRequestedKWh", "sessions", "sessionsFullySatisfied", "sessionsRejected",
        "maxPhaseCurrentA", "maxPhaseCurrentA.L1", "maxPhaseCurrentA.L2", "maxPhaseCurrentA.L3",
        "limitViolationSeconds", "imbalanceViolationSeconds", "peakOvershootA", "maxImbalanceA", "contactorCycles", "simulatedSeconds", "events",
    ];

    /// <summary>Parses <c>metric op number</c>; null when the text does not have that shape or names no metric.</summary>
    public static ScenarioAssertion? TryParse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success || !Metrics.Contains(match.Groups[1].Value)
            || !double.TryParse(match.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new ScenarioAssertion(match.Groups[1].Value, match.Groups[2].Value, value, text.Trim());
    }

    /// <summary>True when the metric's value satisfies the assertion.</summary>
    public bool Holds(double actual) => Operator switch
    {
        "==" => actual == Value,
        "!=" => actual != Value,
        ">=" => actual >= Value,
        "<=" => actual <= Value,
        ">" => actual > Value,
        _ => actual < Value,
    };

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9.]*)\s*(==|!=|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
