using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Applies <see cref="ScenarioOverride"/>s to a scenario's YAML before it is read, so that every value set is checked
/// by the same reader as one written in the file. Every step of a path but the last must exist (a key of a mapping, an
/// index of a list); the last may name a key the mapping does not have yet (a setting left at its default), which the
/// reader then judges as any key. Where each new node came from is kept, so that an error in it names the override.
/// </summary>
internal static class ScenarioOverrides
{
    /// <summary>
    /// Where a node set by an override came from: the override's label and, for a value, the column before its text
    /// (the node's own column is added); for a key the path gave, its column itself (<paramref name="Fixed"/>).
    /// </summary>
    internal readonly record struct Origin(string Label, int Line, int Column, bool Fixed = false)
    {
        public int ColumnOf(YamlNode node) => Fixed ? Column : Column + (int)node.Start.Column;
    }

    public static Dictionary<YamlNode, Origin> Apply(YamlNode root, IReadOnlyList<ScenarioOverride> overrides, DiagnosticList diagnostics)
    {
        var origins = new Dictionary<YamlNode, Origin>(ReferenceEqualityComparer.Instance);
        foreach (var change in overrides)
        {
            var before = diagnostics.Count;
            void Report(int column, string problem) => diagnostics.Add(change.Label, change.Line, column, problem);
            var steps = Steps(change, Report);
            void ReportValue(int column, string problem)
            {
                if (change.ValuePlace is { } place)
                {
                    diagnostics.Add(change.Label, place.Line, place.Column, problem);
                }
                else
                {
                    Report(column, problem);
                }
            }

            var value = Value(change, ReportValue);
            if (diagnostics.Count != before || value is null)
            {
                continue;
            }

            var node = root;
            for (var i = 0; i < steps.Count; i++)
            {
                var (key, index, column) = steps[i];
                var last = i == steps.Count - 1;
                if (key is not null && node is YamlMappingNode mapping)
                {
                    var keyNode = new YamlScalarNode(key);
                    if (last)
                    {
                        if (!mapping.Children.ContainsKey(keyNode))
                        {
                            origins[keyNode] = new Origin(change.Label, change.Line, column, Fixed: true);
                        }

                        mapping.Children[keyNode] = value;
                    }
                    else if (mapping.Children.TryGetValue(keyNode, out var child))
                    {
                        node = child;
                        continue;
                    }
                    else
                    {
                        Report(column, $"the scenario has no '{key}' here (it has {Names(mapping)})");
                    }
                }
                else if (key is null && node is YamlSequenceNode list)
                {
                    if (index < list.Children.Count)
                    {
                        if (last)
                        {
                            list.Children[index] = value;
                        }
                        else
                        {
                            node = list.Children[index];
                            continue;
                        }
                    }
                    else
                    {
                        Report(column, $"[{index}] is past the end of a list of {list.Children.Count}");
                    }
                }
                else
                {
                    Report(column, key is null ? $"[{index}] indexes a list, and this is not one" : $"'{key}' names a key of a mapping, and this is not one");
                }

                break;
            }

            if (diagnostics.Count == before)
            {
                foreach (var set in value.AllNodes)
                {
                    origins[set] = change.ValuePlace is { } place
                        ? new Origin(change.Label, place.Line, place.Column, Fixed: true)
                        : new Origin(change.Label, change.Line, change.ValueColumn - 1);
                }
            }
        }

        return origins;
    }

    /// <summary>The path's steps: a key, or an index (key null), each with the column it starts at.</summary>
    private static List<(string? Key, int Index, int Column)> Steps(ScenarioOverride change, Action<int, string> report)
    {
        var steps = new List<(string?, int, int)>();
        var path = change.Path;
        var at = 0;
        while (at < path.Length)
        {
            var column = change.PathColumn + at;
            if (path[at] == '[')
            {
                var close = path.IndexOf(']', at);
                if (close < 0 || !int.TryParse(path.AsSpan(at + 1, close - at - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    report(column, "an index is a whole number in brackets, e.g. networks[0]");
                    return steps;
                }

                steps.Add((null, index, column));
                at = close + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], at);
                end = end < 0 ? path.Length : end;
                if (end == at)
                {
                    report(column, "a key is missing here (keys are separated by dots: networks[0].settings.evseSubDistributionLimit)");
                    return steps;
                }

                steps.Add((path[at..end], 0, column));
                at = end;
            }

            if (at < path.Length && path[at] == '.')
            {
                at++;
                if (at == path.Length)
                {
                    report(change.PathColumn + at, "a key is missing after the dot");
                }
            }
            else if (at < path.Length && path[at] != '[')
            {
                report(change.PathColumn + at, $"unexpected '{path[at]}' in the path");
                return steps;
            }
        }

        if (steps.Count == 0)
        {
            report(change.PathColumn, "the path is empty");
        }

        return steps;
    }

    /// <summary>The value as one YAML node, or null (reported).</summary>
    private static YamlNode? Value(ScenarioOverride change, Action<int, string> report)
    {
        if (string.IsNullOrWhiteSpace(change.Value))
        {
            report(change.ValueColumn, "the value is missing");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(change.Value));
        }
        catch (YamlException e)
        {
            report(change.ValueColumn + (int)e.Start.Column - 1, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            report(change.ValueColumn, "not valid YAML: an unclosed [ or { (or a quote)");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            report(change.ValueColumn, "the value must be one YAML value");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static string Names(YamlMappingNode mapping) =>
        string.Join(", ", mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value));
}
