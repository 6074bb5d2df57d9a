using Amtron.Site.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Sweeps;

/// <summary>
/// Reads a sweep file (docs/sweeps.md) and checks everything that can be checked without the scenario: every problem
/// is collected and ends the reading with one <see cref="ScenarioException"/> (file:line:col each). Whether the paths
/// exist and the values are accepted is the scenario reader's to say, for each variant (<see cref="SweepPlanner"/>).
/// </summary>
public static class SweepReader
{
    /// <summary>The most variants one sweep may have: a week of one-second runs on one core, far more than a study needs.</summary>
    public const long MaximumVariants = 1_000_000;

    /// <summary>Reads and checks the sweep file at <paramref name="path"/> and reads its base scenario's text.</summary>
    public static SweepFile Read(string path)
    {
        var text = ScenarioLoader.ReadFile(path);
        var root = ScenarioLoader.ParseYaml(text, path, "a sweep file");
        var diagnostics = new DiagnosticList();
        var y = new YamlFields(path, diagnostics);
        var f = y.Fields(root, "the sweep", "description", "base", "seed", "seedMode", "replicates", "grid", "zip");
        var baseNode = y.Required(f, root, "base", "the sweep");
        var basePath = y.String(baseNode, "base");
        var baseFile = basePath.Length == 0 ? string.Empty : Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, basePath);
        var baseText = string.Empty;
        if (baseFile.Length > 0)
        {
            try
            {
                baseText = ScenarioLoader.ReadFile(baseFile);
            }
            catch (ScenarioException e)
            {
                y.Reject(baseNode, $"base: {e.Diagnostics[0].Problem} ({baseFile})");
            }
        }

        var seed = f.TryGetValue("seed", out var s) ? (ulong)y.Whole(s, "seed", 0, long.MaxValue) : 1UL;
        var mode = f.TryGetValue("seedMode", out var m) ? y.Choice(m, "seedMode", SeedMode.Common, ("common", SeedMode.Common), ("independent", SeedMode.Independent)) : SeedMode.Common;
        var replicates = f.TryGetValue("replicates", out var r) ? (int)y.Whole(r, "replicates", 1, 100_000) : 1;
        var grid = f.TryGetValue("grid", out var g) ? Axes(y, g, "grid") : [];
        var zip = f.TryGetValue("zip", out var z) ? Axes(y, z, "zip") : [];
        CheckZipLengths(y, zip);
        CheckPaths(y, [.. grid, .. zip]);
        var count = grid.Aggregate((double)replicates, (product, axis) => product * axis.Values.Count) * (zip.Count > 0 ? zip[0].Values.Count : 1);
        if (count > MaximumVariants)
        {
            y.Report(root, $"the sweep has {count:0} variants, more than the {MaximumVariants:N0} one sweep may have; split it into several");
        }

        diagnostics.ThrowIfAny();
        return new SweepFile(path, text, basePath, baseFile, baseText, seed, mode, replicates, grid, zip);
    }

    private static List<SweepAxis> Axes(YamlFields y, YamlNode node, string what)
    {
        var axes = new List<SweepAxis>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valuesNode) in y.Mapping(node, $"{what} (scenario paths, each with a list of values)").Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } path })
            {
                y.Reject(keyNode, $"{what}: a key is a scenario path such as networks[0].settings.evseSubDistributionLimit");
                continue;
            }

            if (!seen.Add(path))
            {
                y.Reject(keyNode, $"{what}: '{path}' appears twice");
                continue;
            }

            var list = y.Sequence(valuesNode, $"{what}: {path}: the values");
            var values = new List<SweepValue>();
            foreach (var value in list.Children)
            {
                var text = CanonicalYaml.Of(value);
                if (values.Any(v => v.Text == text))
                {
                    y.Reject(value, $"{what}: {path}: the value {text} is listed twice");
                    continue;
                }

                values.Add(new SweepValue(text, (int)value.Start.Line, (int)value.Start.Column));
            }

            if (list.Children.Count == 0 && !y.Failed(list))
            {
                y.Reject(valuesNode, $"{what}: {path}: the list of values is empty");
            }

            axes.Add(new SweepAxis(path, values, (int)keyNode.Start.Line, (int)keyNode.Start.Column));
        }

        return axes;
    }

    private static void CheckZipLengths(YamlFields y, List<SweepAxis> zip)
    {
        foreach (var axis in zip.Skip(1).Where(a => a.Values.Count != zip[0].Values.Count))
        {
            y.Diagnostics.Add(y.File, axis.Line, axis.Column, $"zip: {axis.Path} has {axis.Values.Count} values and {zip[0].Path} {zip[0].Values.Count}; zipped lists go together, so they are of one length");
        }
    }

    /// <summary>The seed is the sweep's to set; two axes may not set one value, nor one value inside another's.</summary>
    private static void CheckPaths(YamlFields y, List<SweepAxis> axes)
    {
        for (var i = 0; i < axes.Count; i++)
        {
            var axis = axes[i];
            if (axis.Path == "seed")
            {
                y.Diagnostics.Add(y.File, axis.Line, axis.Column, "the sweep sets each variant's seed (seed:, seedMode:, replicates:); seed cannot be an axis");
            }

            foreach (var earlier in axes.Take(i))
            {
                if (earlier.Path == axis.Path || Contains(earlier.Path, axis.Path) || Contains(axis.Path, earlier.Path))
                {
                    y.Diagnostics.Add(y.File, axis.Line, axis.Column, $"'{axis.Path}' and '{earlier.Path}' (line {earlier.Line}) set the same value; one axis per value");
                }
            }
        }
    }

    /// <summary>True when <paramref name="inner"/> names a value inside the one <paramref name="outer"/> names.</summary>
    private static bool Contains(string outer, string inner) =>
        inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) && inner[outer.Length] is '.' or '[';
}
