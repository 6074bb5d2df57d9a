using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

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

        if (message.StartsWith("The JSON value could not be converted to System.String.", StringComparison.Ordinal))
        {
            // A string value the reader could not turn into text: an escaped lone surrogate such as "\ud800".
            return new RequestError(Display(path), "must be a string of valid Unicode text (no lone surrogate such as \\ud800)");
        }

        return TypeAt(root, path)?.Kind switch
        {
            JsonTypeInfoKind.Object => new RequestError(Display(path), "must be an object"),
            JsonTypeInfoKind.Enumerable => new RequestError(Display(path), "must be an array"),
            _ => new RequestError(Display(path), message.Split(" Path: ")[0]),
        };
    }

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
