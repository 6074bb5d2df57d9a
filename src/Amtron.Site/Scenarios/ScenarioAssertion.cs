using System.Globalization;
using System.Text.RegularExpressions;

namespace Amtron.Site.Scenarios;

/// <summary>
/// One line of a scenario's <c>assert:</c> section: <c>metric op number</c>, e.g. <c>limitViolationSeconds == 0</c>.
/// This project reads the shape only; which metrics exist is the simulator's to say, so whoever loads a scenario to
/// run it passes their names to <see cref="ScenarioLoader"/>, and an unknown one is reported at its line.
/// </summary>
public sealed partial record ScenarioAssertion(string Metric, string Operator, double Value, string Text)
{
    /// <summary>1-based line of the assertion in its file.</summary>
    public long Line { get; init; }

    /// <summary>1-based column of the assertion in its file.</summary>
    public long Column { get; init; }

    /// <summary>Parses <c>metric op number</c>; null when the text does not have that shape.</summary>
    public static ScenarioAssertion? TryParse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new ScenarioAssertion(match.Groups[1].Value, match.Groups[2].Value, value, text.Trim());
    }

    /// <summary>Why <paramref name="assertion"/> names no metric of <paramref name="metrics"/>, or null when it names one.</summary>
    public static string? UnknownMetric(ScenarioAssertion assertion, IReadOnlyCollection<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Contains(assertion.Metric) ? null : $"'{assertion.Text}' names no metric; metrics: {string.Join(", ", metrics)}";
    }

    /// <summary>True when the metric's value satisfies the assertion.</summary>
    public bool Holds(double actual) => Compare(actual, Operator, Value);

    /// <summary><paramref name="actual"/> <paramref name="op"/> <paramref name="value"/>, for op one of == != &gt;= &lt;= &gt; &lt;.</summary>
    public static bool Compare(double actual, string op, double value) => op switch
    {
        "==" => actual == value,
        "!=" => actual != value,
        ">=" => actual >= value,
        "<=" => actual <= value,
        ">" => actual > value,
        "<" => actual < value,
        _ => throw new ArgumentException($"'{op}' is no comparison", nameof(op)),
    };

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9.]*)\s*(==|!=|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
