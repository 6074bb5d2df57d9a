using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Cli.Allocate;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a request into "path: what is wrong". The path is the
/// exception's (without the leading "$."). Our converters word their own messages; the serializer's (unknown,
/// duplicate and misshapen fields) are recognised here and reworded from the request types' metadata.
/// </summary>
internal static partial class JsonErrors
{
    public static RequestError Describe(JsonException exception, JsonTypeInfo root)
    {
        if (exception.InnerException is JsonException)
        {
            // The reader's own error (not JSON at all): its position is more useful than a path.
            var column = exception.BytePositionInLine is { } position ? $" at byte {position + 1}" : string.Empty;
            return new RequestError("$", $"invalid JSON{column}");
        }

        var path = exception.Path ?? "$";
        if (exception is JsonValueException value)
        {
            return new RequestError(Display(path + value.Item), value.Message);
        }

        var message = exception.Message;
        if (Unmapped().IsMatch(message))
        {
            var parent = TypeAt(root, Parent(path));
            var known = parent is null ? string.Empty : $" (expected one of: {string.Join(", ", parent.Properties.Select(p => p.Name))})";
            return new RequestError(Display(path), $"unknown field{known}");
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return new RequestError(Display(path), "appears twice");
        }

        // What is left is the serializer's "could not be converted to <.NET type>": worded from the type expected there.
        var target = TypeAt(root, path);
        if (exception.InnerException is InvalidOperationException && target?.Kind == JsonTypeInfoKind.Object)
        {
            // Text the reader could not decode inside an object: our converters read every value, so a field's name.
            return new RequestError(Display(path), "has a field name that is not valid Unicode text (no lone surrogate such as \\ud800)");
        }

        return new RequestError(Display(path), Expected(target) is { } expected ? $"must be {expected}" : "is not a value this field takes");
    }

    /// <summary>What a value of the request type must be, in the converters' own words; null if not known.</summary>
    private static string? Expected(JsonTypeInfo? info) => info switch
    {
        null => null,
        { Kind: JsonTypeInfoKind.Object } => "an object",
        { Kind: JsonTypeInfoKind.Enumerable } => "an array",
        _ when info.Type == typeof(bool) => BooleanConverter.Expected,
        _ when info.Type == typeof(double) => NumberConverter.Expected,
        _ when info.Type == typeof(string) => TextConverter.Expected,
        _ when info.Type == typeof(PhaseValues) => PhaseValuesConverter.Expected,
        _ when info.Type == typeof(PhaseSet) => PhaseSetConverter.Expected,
        _ => null,
    };

    /// <summary>"$.a.b[2]" as "a.b[2]"; the line as a whole stays "$".</summary>
    private static string Display(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : "$";
    }

    /// <summary>The request type found at a path, following property names and array items; null if none.</summary>
    private static JsonTypeInfo? TypeAt(JsonTypeInfo root, string path)
    {
        var info = root;
        foreach (Match step in Step().Matches(path))
        {
            var type = step.Groups["name"].Success
                ? info.Properties.FirstOrDefault(p => p.Name == step.Groups["name"].Value)?.PropertyType
                : info.ElementType;
            if (type is null || info.OriginatingResolver?.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type, info.Options) is not { } next)
            {
                return null;
            }

            info = next;
        }

        return info;
    }

    [GeneratedRegex(@"could not be mapped to any \.NET member", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<name>[^']*)'\]", RegexOptions.CultureInvariant)]
    private static partial Regex Step();
}
