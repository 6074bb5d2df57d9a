using System.Globalization;
using System.Text.RegularExpressions;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Typed reads from YAML nodes. A bad value is reported (file, line and column of the offending node) and the read
/// returns a placeholder, so the reader goes on and finds every problem in one run. A node is reported once: reads of
/// a node already rejected, or of a required value that is missing, return the placeholder silently, and checks that
/// combine values ask <see cref="Failed"/> or compare <see cref="Errors"/> first, so one mistake gives one line.
/// </summary>
internal sealed partial class YamlFields(string file, DiagnosticList diagnostics)
{
    private const double MaximumAmps = 1_000_000;

    /// <summary>Where a missing required value would be; reads of it give placeholders without a second report.</summary>
    private static readonly YamlScalarNode Missing = new(string.Empty);

    /// <summary>A time that stands for one that could not be read; far from both ends, so arithmetic on it is safe.</summary>
    private static readonly DateTimeOffset PlaceholderTime = DateTimeOffset.UnixEpoch;

    private readonly HashSet<YamlNode> _rejected = new(ReferenceEqualityComparer.Instance);

    public string File { get; } = file;

    public DiagnosticList Diagnostics { get; } = diagnostics;

    /// <summary>Problems reported so far; compare two counts to learn whether a step found any.</summary>
    public int Errors => Diagnostics.Count;

    /// <summary>What reading changed or left out of the data without it being an error (said when the scenario runs).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>A data file named in this file, as the user can open it: relative to this file's folder.</summary>
    public string DataFile(string relative) => Path.Combine(Path.GetDirectoryName(File) ?? string.Empty, relative);

    /// <summary>The nodes that overrides set (<see cref="ScenarioOverrides"/>): an error in one names the override, not this file.</summary>
    public IReadOnlyDictionary<YamlNode, ScenarioOverrides.Origin> Origins { get; init; } = new Dictionary<YamlNode, ScenarioOverrides.Origin>();

    /// <summary>Reports a contradiction at a node whose own value was read fine.</summary>
    public void Report(YamlNode node, string problem)
    {
        var place = PlaceOf(node);
        Diagnostics.Add(place.File, place.Line, place.Column, problem);
    }

    /// <summary>Reports a problem at a place (in this file or in a data file it names).</summary>
    public void ReportAt(Place place, string problem) => Diagnostics.Add(place.File, place.Line, place.Column, problem);

    public Place PlaceOf(YamlNode node) => Origins.TryGetValue(node, out var origin)
        ? new(origin.Label, origin.Line, origin.ColumnOf(node))
        : new(File, node.Start.Line, node.Start.Column);

    /// <summary>Reports that a node's value cannot be used, unless it already was.</summary>
    public void Reject(YamlNode node, string problem)
    {
        if (!Failed(node))
        {
            _rejected.Add(node);
            Report(node, problem);
        }
    }

    /// <summary>True when the node's value was already reported bad or missing: checks on it would only repeat that.</summary>
    public bool Failed(YamlNode node) => ReferenceEquals(node, Missing) || _rejected.Contains(node);

    public YamlMappingNode Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping && !Failed(node))
        {
            return mapping;
        }

        Reject(node, $"{what} must be a mapping of keys to values");
        return new YamlMappingNode();
    }

    public YamlSequenceNode Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence && !Failed(node))
        {
            return sequence;
        }

        Reject(node, $"{what} must be a list");
        return new YamlSequenceNode();
    }

    /// <summary>The mapping's entries by key; a key not in <paramref name="known"/>, or given twice, is reported at that key and left out.</summary>
    public Dictionary<string, YamlNode> Fields(YamlNode node, string what, params string[] known)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in Mapping(node, what).Children)
        {
            if ((keyNode as YamlScalarNode)?.Value is not { } key)
            {
                Reject(keyNode, $"{what}: keys must be plain names");
            }
            else if (Array.IndexOf(known, key) < 0)
            {
                Reject(keyNode, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", known)})");
            }
            else if (!fields.TryAdd(key, value))
            {
                Reject(keyNode, $"key '{key}' appears twice in {what}");
            }
        }

        return fields;
    }

    /// <summary>The value of a required key; when it is missing, reported at the parent (unless the parent itself was rejected).</summary>
    public YamlNode Required(Dictionary<string, YamlNode> fields, YamlNode parent, string key, string what)
    {
        if (fields.TryGetValue(key, out var value))
        {
            return value;
        }

        if (!Failed(parent))
        {
            Report(parent, $"{what} needs '{key}'");
        }

        return Missing;
    }

    public string String(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } text } && !Failed(node))
        {
            return text;
        }

        Reject(node, $"{what} must be a non-empty text");
        return string.Empty;
    }

    /// <summary>One of the named <paramref name="choices"/>; anything else is reported and reads as <paramref name="placeholder"/>.</summary>
    public T Choice<T>(YamlNode node, string what, T placeholder, params (string Name, T Value)[] choices)
    {
        var text = String(node, what);
        foreach (var (name, value) in choices)
        {
            if (text == name)
            {
                return value;
            }
        }

        var names = choices.Select(c => c.Name).ToArray();
        Reject(node, $"{what} must be {string.Join(", ", names[..^1])} or {names[^1]}, not '{text}'");
        return placeholder;
    }

    public bool Boolean(YamlNode node, string what)
    {
        switch (String(node, what).ToLowerInvariant())
        {
            case "true" or "on" or "yes":
                return true;
            case "false" or "off" or "no":
                return false;
            case var other:
                Reject(node, $"{what} must be true or false, not '{other}'");
                return false;
        }
    }

    /// <summary>A finite number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; placeholder the minimum.</summary>
    public double Number(YamlNode node, string what, double minimum, double maximum)
    {
        var text = String(node, what);
        if (Failed(node))
        {
            return minimum;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Reject(node, $"{what} must be a number, not '{text}'");
            return minimum;
        }

        if (value < minimum || value > maximum)
        {
            Reject(node, $"{what} must be between {minimum.ToString("0.###", CultureInfo.InvariantCulture)} and {maximum.ToString("0.###", CultureInfo.InvariantCulture)}, not {text}");
            return minimum;
        }

        return value;
    }

    /// <summary>A number, any finite value (the caller's rules judge it).</summary>
    public double Number(YamlNode node, string what) => Number(node, what, double.MinValue, double.MaxValue);

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; placeholder the minimum.</summary>
    public long Whole(YamlNode node, string what, long minimum, long maximum)
    {
        // Read exactly where the text is an integer: through a double, a seed above 2^53 would lose its last digits.
        if (node is YamlScalarNode { Value: { } digits } && !Failed(node) && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
        {
            if (exact >= minimum && exact <= maximum)
            {
                return exact;
            }

            Reject(node, string.Create(CultureInfo.InvariantCulture, $"{what} must be between {minimum} and {maximum}, not {digits}"));
            return minimum;
        }

        var value = Number(node, what, minimum, maximum);
        if (!Failed(node) && (value >= maximum + 1.0 || value < minimum))
        {
            // long.MaxValue as a double is 2^63, which the range check above lets through and no long holds.
            Reject(node, string.Create(CultureInfo.InvariantCulture, $"{what} must be between {minimum} and {maximum}, not {(node as YamlScalarNode)?.Value}"));
            return minimum;
        }

        if (value != Math.Floor(value))
        {
            Reject(node, $"{what} must be a whole number, not {value.ToString(CultureInfo.InvariantCulture)}");
            return minimum;
        }

        return (long)value;
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
        if (Failed(node))
        {
            return PhaseCurrents.Zero;
        }

        if (items.Children.Count != PhaseSet.PhaseCount)
        {
            Reject(node, $"{what} must have 3 values [L1, L2, L3], not {items.Children.Count}");
            return PhaseCurrents.Zero;
        }

        Amps Read(int p) => whole ? WholeAmps(items[p], $"{what} L{p + 1}") : Amps(items[p], $"{what} L{p + 1}");
        return new PhaseCurrents(Read(0), Read(1), Read(2));
    }

    /// <summary>Per-phase values as written, for <see cref="DlmSettingsRules"/>: a list [L1, L2, L3] or one number for all phases.</summary>
    public PhaseValues PhaseValues(YamlNode node, string what) => node switch
    {
        YamlScalarNode => Dlm.Settings.PhaseValues.Same(Number(node, what)),
        YamlSequenceNode items => Dlm.Settings.PhaseValues.Of([.. items.Children.Select((item, p) => Number(item, $"{what} L{p + 1}"))]),
        _ => RejectedPhaseValues(node, what),
    };

    private Dlm.Settings.PhaseValues RejectedPhaseValues(YamlNode node, string what)
    {
        Reject(node, $"{what} must be a number or a list [L1, L2, L3]");
        return Dlm.Settings.PhaseValues.Same(0);
    }

    /// <summary>A plain <c>~</c>, <c>null</c> or empty value: YAML's null, which settings read as "not given".</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>
    /// The node a settings path such as <c>maximumCurrentScheduler[1].limit[2]</c> leads to from <paramref name="root"/>,
    /// or the last node on the way that exists (the mapping missing a required key; a single number for three phases).
    /// </summary>
    public static YamlNode Locate(YamlNode root, string path)
    {
        var node = root;
        foreach (Match step in PathStep().Matches(path))
        {
            YamlNode? next = step.Groups["name"].Success
                ? (node as YamlMappingNode)?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var key } && key == step.Groups["name"].Value).Value
                : node is YamlSequenceNode items && int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture) is var index && index < items.Children.Count ? items[index] : null;
            if (next is null)
            {
                return node;
            }

            node = next;
        }

        return node;
    }

    /// <summary>A UTC time, or with <paramref name="start"/> also a duration after it; placeholder the start.</summary>
    public DateTimeOffset Time(YamlNode node, string what, DateTimeOffset? start = null)
    {
        var text = String(node, what);
        if (Failed(node))
        {
            return start ?? PlaceholderTime;
        }

        if (start is { } origin && DurationText.TryParse(text, out var offset) && offset <= DateTimeOffset.MaxValue - origin)
        {
            return origin + offset;
        }

        if (IsoTime.TryParse(text, out var time))
        {
            return time;
        }

        Reject(node, $"{what} must be a UTC time such as 2026-06-01T08:00:00Z{(start is null ? string.Empty : " or a duration after the start such as 8h30m")}, not '{text}'");
        return start ?? PlaceholderTime;
    }

    /// <summary>A duration; placeholder one second (zero when zero is allowed).</summary>
    public TimeSpan Duration(YamlNode node, string what, bool allowZero = false)
    {
        var text = String(node, what);
        var placeholder = allowZero ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
        if (Failed(node))
        {
            return placeholder;
        }

        if (!DurationText.TryParse(text, out var duration) || (duration == TimeSpan.Zero && !allowZero))
        {
            Reject(node, $"{what} must be a {(allowZero ? string.Empty : "positive ")}duration such as 30s, 15m, 2h, 1d or 1h30m, not '{text}'");
            return placeholder;
        }

        return duration;
    }

    /// <summary>Windows [from, to) given as times or durations after the start; a window with to before from is reported.</summary>
    public List<TimeWindowNode> Windows(YamlNode node, string what, DateTimeOffset start)
    {
        var result = new List<TimeWindowNode>();
        foreach (var item in Sequence(node, what))
        {
            var before = Errors;
            var fields = Fields(item, what, "from", "to");
            var from = Time(Required(fields, item, "from", what), $"{what} 'from'", start);
            var to = Time(Required(fields, item, "to", what), $"{what} 'to'", start);
            if (Errors != before)
            {
                continue;
            }

            if (to <= from)
            {
                Report(item, $"{what}: 'to' must be after 'from'");
                continue;
            }

            result.Add(new TimeWindowNode(new Model.TimeWindow(from, to), item));
        }

        return result;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z]+)|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathStep();
}

/// <summary>A time window and where it was written.</summary>
internal readonly record struct TimeWindowNode(Model.TimeWindow Window, YamlNode Node);

/// <summary>Where something was written: a YAML node or a CSV row.</summary>
internal readonly record struct Place(string File, long Line, long Column);
