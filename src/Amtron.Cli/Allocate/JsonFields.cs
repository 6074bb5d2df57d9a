using System.Globalization;
using System.Text.Json;
using Amtron.Dlm.Units;

namespace Amtron.Cli.Allocate;

/// <summary>Typed, path-aware reads from a JSON document; every failure names the field and what is wrong.</summary>
internal static class JsonFields
{
    /// <summary>Largest current accepted anywhere, far above any fuse, so arithmetic in milliamps cannot overflow.</summary>
    public const double MaximumAmps = 1_000_000;

    public static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RequestException(path, $"must be an object, not {Describe(element)}");
        }
    }

    public static void RejectUnknown(JsonElement element, string path, params string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (System.Array.IndexOf(known, property.Name) < 0)
            {
                throw new RequestException(Join(path, property.Name), $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static JsonElement Required(JsonElement parent, string path, string name) =>
        TryGet(parent, name, out var value) ? value : throw new RequestException(Join(path, name), "is required");

    public static bool Boolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new RequestException(path, $"must be true or false, not {Describe(element)}"),
    };

    public static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new RequestException(path, $"must be a string, not {Describe(element)}");

    public static double Number(JsonElement element, string path, double minimum, double maximum = MaximumAmps)
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

    public static long WholeNumber(JsonElement element, string path, long minimum, long maximum)
    {
        var value = Number(element, path, minimum, maximum);
        return value == Math.Floor(value)
            ? (long)value
            : throw new RequestException(path, $"must be a whole number, not {Format(value)}");
    }

    /// <summary>A setting in whole amps (as the web interface takes it), at least 0.</summary>
    public static Amps WholeAmps(JsonElement element, string path) =>
        Amps.From(WholeNumber(element, path, 0, (long)MaximumAmps));

    /// <summary>An "(L1/L2/L3) [A]" setting: three whole amps.</summary>
    public static PhaseCurrents WholePhaseAmps(JsonElement element, string path)
    {
        var items = Triple(element, path);
        return new PhaseCurrents(WholeAmps(items[0], path + "[0]"), WholeAmps(items[1], path + "[1]"), WholeAmps(items[2], path + "[2]"));
    }

    /// <summary>A measurement: three numbers in amps, fractional, of either sign unless <paramref name="minimum"/> says.</summary>
    public static PhaseCurrents MeasuredPhaseAmps(JsonElement element, string path, double minimum)
    {
        var items = Triple(element, path);
        return PhaseCurrents.FromDoubles(
            Number(items[0], path + "[0]", minimum),
            Number(items[1], path + "[1]", minimum),
            Number(items[2], path + "[2]", minimum));
    }

    public static DateTimeOffset UtcTime(JsonElement element, string path)
    {
        var text = String(element, path);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new RequestException(path, $"must be an ISO 8601 time such as 2026-06-01T16:30:00Z, not \"{text}\"");
    }

    public static JsonElement[] Array(JsonElement element, string path, int minimumLength, int maximumLength)
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

        return [.. element.EnumerateArray()];
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static JsonElement[] Triple(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new RequestException(path, $"must be an array of 3 values [L1, L2, L3], not {Describe(element)}");
        }

        return Array(element, path, PhaseSet.PhaseCount, PhaseSet.PhaseCount);
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
internal sealed class RequestException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}
