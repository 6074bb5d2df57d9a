using System.Globalization;
using FsCheck.Xunit;

namespace Amtron.Testing;

/// <summary>
/// How many cases a property runs: its own count times <c>AMTRON_PROPERTY_SCALE</c> (default 1). Mutation testing
/// reruns the properties once per mutant, so it sets a smaller scale (docs/testing.md); CI keeps the full count.
/// </summary>
public static class PropertyCases
{
    /// <summary>The environment variable that scales every property's case count.</summary>
    public const string ScaleVariable = "AMTRON_PROPERTY_SCALE";

    /// <summary>Fewer cases than this find too little to be worth running.</summary>
    public const int Minimum = 10;

    /// <summary><paramref name="cases"/> scaled, at least <see cref="Minimum"/> (or <paramref name="cases"/> when smaller).</summary>
    public static int Scaled(int cases)
    {
        var text = Environment.GetEnvironmentVariable(ScaleVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return cases;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || !(scale > 0) || double.IsInfinity(scale))
        {
            throw new InvalidOperationException($"{ScaleVariable}={text}: expected a positive number such as 0.1");
        }

        return Math.Max(Math.Min(cases, Minimum), (int)Math.Round(cases * scale));
    }
}

/// <summary>An FsCheck property of <paramref name="cases"/> cases, scaled by <see cref="PropertyCases"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ScaledPropertyAttribute : PropertyAttribute
{
    /// <summary>A property of <paramref name="cases"/> cases before scaling.</summary>
    public ScaledPropertyAttribute(int cases = 100) => MaxTest = PropertyCases.Scaled(cases);
}
