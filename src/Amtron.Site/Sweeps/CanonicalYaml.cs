using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Sweeps;

/// <summary>
/// One text per YAML value, whatever its layout in the file: flow style, one space after each comma and colon, a
/// scalar plain where that reads back the same and double-quoted (JSON escapes) otherwise. Two values that mean the
/// same write the same text, so a variant's overrides, its seed and its hash depend on what was written, not how.
/// </summary>
public static partial class CanonicalYaml
{
    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string Of(YamlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>The value as a number when it is a plain number (a sweep's numeric axis), else null.</summary>
    public static double? Number(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return NumberShape().IsMatch(canonical) && double.TryParse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
    }

    private static void Write(StringBuilder text, YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode list:
                text.Append('[');
                for (var i = 0; i < list.Children.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Write(text, list.Children[i]);
                }

                text.Append(']');
                break;
            case YamlMappingNode mapping:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in mapping.Children)
                {
                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    Write(text, key);
                    text.Append(": ");
                    Write(text, value);
                }

                text.Append('}');
                break;
            case YamlScalarNode scalar when Scenarios.YamlFields.IsNull(scalar):
                text.Append("null");
                break;
            case YamlScalarNode scalar:
                WriteScalar(text, scalar.Value ?? string.Empty);
                break;
            default:
                // An alias is resolved by the parser; nothing else exists in a loaded document.
                throw new ArgumentException($"a {node.NodeType} node has no canonical text", nameof(node));
        }
    }

    private static void WriteScalar(StringBuilder text, string value)
    {
        // A quoted null word stays quoted: plain, it would read as null.
        if (PlainShape().IsMatch(value) && value is not ("null" or "Null" or "NULL"))
        {
            text.Append(value);
            return;
        }

        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                < ' ' => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    /// <summary>Text that YAML reads back as the same plain scalar in flow context (no indicator, space or colon).</summary>
    [GeneratedRegex(@"^-?[A-Za-z0-9_][A-Za-z0-9_.+\-/]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainShape();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberShape();
}
