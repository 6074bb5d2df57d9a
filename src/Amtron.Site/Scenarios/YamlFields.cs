using System.Globalization;
using System.Text.RegularExpressions;
using Amtron.Dlm.Units;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>Typed reads from YAML nodes; every failure names the file, line and column of the offending node.</summary>
internal sealed partial class YamlFields(string file)
{
    private const double MaximumAmps = 1_000_000;

    public string File { get; } = file;

    public ScenarioException Error(YamlNode node, string problem) => new(File, node.Start.Line, node.Start.Column, problem);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of keys to values");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    /// <summary>The mapping's entries by key; a key not in <paramref name="known"/> is an error at that key.</summary>
    public Dictionary<string, YamlNode> Fields(YamlNode node, string what, params string[] known)
    {
        var mapping = Mapping(node, what);
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw Error(keyNode, $"{what}: keys must be plain names");
            if (Array.IndexOf(known, key) < 0)
            {
                throw Error(keyNode, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", known)})");
            }

            if (!fields.TryAdd(key, value))
            {
                throw Error(keyNode, $"key '{key}' appears twice in {what}");
            }
        }

        return fields;
    }

    public YamlNode Required(Dictionary<string, YamlNode> fields, YamlNode parent, string key, string what) =>
        fields.TryGetValue(key, out var value) ? value : throw Error(parent, $"{what} needs '{key}'");

    public string String(YamlNode node, string what)
    {
        if (node is not YamlScalarNode { Value: { } text } || text.Length == 0)
        {
            throw Error(node, $"{what} must be a non-empty text");
        }

        return text;
    }

    public bool Boolean(YamlNode node, string what) => String(node, what).ToLowerInvariant() switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        var other => throw Error(node, $"{what} must be true or false, not '{other}'"),
    };

    public double Number(YamlNode node, string what, double minimum, double maximum)
    {
        var text = String(node, what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(node, $"{what} must be a number, not '{text}'");
        }

        if (value < minimum || value > maximum)
        {
            throw Error(node, $"{what} must be between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)}, not {text}");
        }

        return value;
    }

    public long Whole(YamlNode node, string what, long minimum, long maximum)
    {
        var value = Number(node, what, minimum, maximum);
        return value == Math.Floor(value) ? (long)value : throw Error(node, $"{what} must be a whole number, not {value.ToString(CultureInfo.InvariantCulture)}");
    }

    public Amps Amps(YamlNode node, string what) => Dlm.Units.Amps.FromDouble(Number(node, what, 0, MaximumAmps));

    public Amps WholeAmps(YamlNode node, string what) => Dlm.Units.Amps.From(Whole(node, what, 0, (long)MaximumAmps));

    /// <summary>Three values [L1, L2, L3]; a single number means the same on every phase.</summary>
    public PhaseCurrents PhaseAmps(YamlNode node, string what, bool whole)
    {
        if (node is YamlScalarNode)
        {
            var one = whole ? WholeAmps(node, what) : Amps(node, what);
            return new PhaseCurrents(one, one, one);
        }

        var items = Sequence(node, what);
        if (items.Children.Count != PhaseSet.PhaseCount)
        {
            throw Error(node, $"{what} must have 3 values [L1, L2, L3], not {items.Children.Count}");
        }

        Amps Read(int p) => whole ? WholeAmps(items[p], $"{what} L{p + 1}") : Amps(items[p], $"{what} L{p + 1}");
        return new PhaseCurrents(Read(0), Read(1), Read(2));
    }

    public DateTimeOffset Time(YamlNode node, string what, DateTimeOffset? start = null)
    {
        var text = String(node, what);
        if (start is { } origin && TryDuration(text, out var offset))
        {
            return origin + offset;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw Error(node, $"{what} must be a UTC time such as 2026-06-01T08:00:00Z{(start is null ? string.Empty : " or a duration after the start such as 8h30m")}, not '{text}'");
    }

    public TimeSpan Duration(YamlNode node, string what, bool allowZero = false)
    {
        var text = String(node, what);
        if (!TryDuration(text, out var duration) || (duration == TimeSpan.Zero && !allowZero))
        {
            throw Error(node, $"{what} must be a {(allowZero ? string.Empty : "positive ")}duration such as 30s, 15m, 2h, 1d or 1h30m, not '{text}'");
        }

        return duration;
    }

    /// <summary>Durations as sums of number-unit parts: d, h, m, s, ms (e.g. 1d12h, 90s, 0.5h).</summary>
    public static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }

        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += match.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return true;
    }

    public List<TimeWindowNode> Windows(YamlNode node, string what, DateTimeOffset start)
    {
        var result = new List<TimeWindowNode>();
        foreach (var item in Sequence(node, what))
        {
            var fields = Fields(item, what, "from", "to");
            var from = Time(Required(fields, item, "from", what), $"{what} 'from'", start);
            var to = Time(Required(fields, item, "to", what), $"{what} 'to'", start);
            if (to <= from)
            {
                throw Error(item, $"{what}: 'to' must be after 'from'");
            }

            result.Add(new TimeWindowNode(new Model.TimeWindow(from, to), item));
        }

        return result;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|d|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}

/// <summary>A time window and where it was written.</summary>
internal readonly record struct TimeWindowNode(Model.TimeWindow Window, YamlNode Node);
