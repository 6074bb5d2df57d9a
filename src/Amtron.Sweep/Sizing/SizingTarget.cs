using System.Globalization;
using System.Text.RegularExpressions;

namespace Amtron.Sweep.Sizing;

/// <summary>
/// What a sizing study asks of one run: <c>metric op number</c> or <c>metric/metric op number</c>, e.g.
/// <c>sessionsFullySatisfied/sessions >= 0.95</c>, the metrics being KPIs of summary.json.
/// </summary>
/// <param name="Numerator">The KPI, or the ratio's numerator.</param>
/// <param name="Denominator">The ratio's denominator, or null.</param>
/// <param name="Operator">One of &gt;= &lt;= &gt; &lt;.</param>
/// <param name="Threshold">The number it is compared with.</param>
/// <param name="Text">As written.</param>
public sealed partial record SizingTarget(string Numerator, string? Denominator, string Operator, double Threshold, string Text)
{
    /// <summary>The left side as written (<c>sessionsFullySatisfied/sessions</c>).</summary>
    public string Quantity => Denominator is null ? Numerator : $"{Numerator}/{Denominator}";

    /// <summary>The target, or null with the problem (naming the metrics when one is unknown).</summary>
    public static SizingTarget? Parse(string text, IReadOnlyCollection<string> metrics, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(metrics);
        var match = Shape().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[4].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
        {
            problem = $"--target '{text}': expected METRIC OP NUMBER or METRIC/METRIC OP NUMBER with OP one of >= <= > <, e.g. \"sessionsFullySatisfied/sessions >= 0.95\"";
            return null;
        }

        var names = new[] { match.Groups[1].Value, match.Groups[2].Success ? match.Groups[2].Value : null };
        if (names.FirstOrDefault(n => n is not null && !metrics.Contains(n)) is { } unknown)
        {
            problem = $"--target '{text}': '{unknown}' is no metric; metrics: {string.Join(", ", metrics)}";
            return null;
        }

        problem = string.Empty;
        return new SizingTarget(names[0]!, names[1], match.Groups[3].Value, threshold, text.Trim());
    }

    /// <summary>The quantity for one run's metrics; null when the denominator is 0 (nothing to judge: no sessions).</summary>
    public double? Value(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var numerator = metrics[Numerator];
        if (Denominator is null)
        {
            return numerator;
        }

        var denominator = metrics[Denominator];
        return denominator == 0 ? null : numerator / denominator;
    }

    /// <summary>True when <paramref name="value"/> meets the target.</summary>
    public bool Holds(double value) => Site.Scenarios.ScenarioAssertion.Compare(value, Operator, Threshold);

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9.]*)\s*(?:/\s*([A-Za-z][A-Za-z0-9.]*)\s*)?(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
