using System.Globalization;
using System.Text.Json;
using Amtron.Dlm.Units;

namespace Amtron.Benchmarks.Allocate.Legacy;

/// <summary>Typed, path-aware reads from a JSON document; every failure names the field and what is wrong.</summary>
internal static class JsonFields
{
    /// <summary>Largest current accepted anywhere, far above any fuse, so arithmetic in milliamps cannot overflow.</summary>
    public const double MaximumAmps = 1_000_000;

    public static void RequireObject(JsonElement element, JsonPath path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RequestException(path, $"must be an object, not {Describe(element)}");
        }
    }

    public static RequestException Unknown(JsonPath path, string name, string known) =>
        new(path.Field(name), $"unknown field (expected one of: {known})");

    public static RequestException Missing(JsonPath path, string name) => new(path.Field(name), "is required");

    public static bool Boolean(JsonElement element, JsonPath path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new RequestException(path, $"must be true or false, not {Describe(element)}"),
    };

    public static string String(JsonElement element, JsonPath path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new RequestException(path, $"must be a string, not {Describe(element)}");

    public static double Number(JsonElement element, JsonPath path, double minimum, double maximum = MaximumAmps)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new RequestException(path, $"must be a number, not {Describe(element)}");
        }

        if (value < minimum || value > maximum)
        {
            throw new RequestException(path, $"must be between {Format(minimum)} and {Format(maximum)}, not {Format(value)}");
        }

        return value;
    }

    public static long WholeNumber(JsonElement element, JsonPath path, long minimum, long maximum)
    {
        var value = Number(element, path, minimum, maximum);
        return value == Math.Floor(value)
            ? (long)value
            : throw new RequestException(path, $"must be a whole number, not {Format(value)}");
    }

    /// <summary>A setting in whole amps (as the web interface takes it), at least 0.</summary>
    public static Amps WholeAmps(JsonElement element, JsonPath path) =>
        Amps.From(WholeNumber(element, path, 0, (long)MaximumAmps));

    /// <summary>An "(L1/L2/L3) [A]" setting: three whole amps.</summary>
    public static PhaseCurrents WholePhaseAmps(JsonElement element, JsonPath path)
    {
        RequireTriple(element, path);
        return new PhaseCurrents(WholeAmps(element[0], path.Item(0)), WholeAmps(element[1], path.Item(1)), WholeAmps(element[2], path.Item(2)));
    }

    /// <summary>A measurement: three numbers in amps, fractional, not below <paramref name="minimum"/>.</summary>
    public static PhaseCurrents MeasuredPhaseAmps(JsonElement element, JsonPath path, double minimum)
    {
        RequireTriple(element, path);
        return PhaseCurrents.FromDoubles(
            Number(element[0], path.Item(0), minimum),
            Number(element[1], path.Item(1), minimum),
            Number(element[2], path.Item(2), minimum));
    }

    public static DateTimeOffset UtcTime(JsonElement element, JsonPath path)
    {
        var text = String(element, path);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new RequestException(path, $"must be an ISO 8601 time such as 2026-06-01T16:30:00Z, not \"{text}\"");
    }

    /// <summary>Checks an array's length and returns it; its items are read by index.</summary>
    public static int ArrayLength(JsonElement element, JsonPath path, int minimumLength, int maximumLength)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new RequestException(path, $"must be an array, not {Describe(element)}");
        }

        var length = element.GetArrayLength();
        if (length < minimumLength || length > maximumLength)
        {
            var expected = minimumLength == maximumLength ? $"{minimumLength}" : $"{minimumLength} to {maximumLength}";
            throw new RequestException(path, $"must have {expected} items, not {length}");
        }

        return length;
    }

    private static void RequireTriple(JsonElement element, JsonPath path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new RequestException(path, $"must be an array of 3 values [L1, L2, L3], not {Describe(element)}");
        }

        ArrayLength(element, path, PhaseSet.PhaseCount, PhaseSet.PhaseCount);
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Thrown inside the request reader only, and turned into a <see cref="RequestError"/> at its boundary.</summary>
internal sealed class RequestException(JsonPath path, string message) : Exception(message)
{
    public string Path { get; } = path.ToString();
}
