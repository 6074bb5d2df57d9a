using Amtron.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Site.Tests.Sweeps;

/// <summary>
/// Seeds and hashes come from a variant's content, not its position: listing the axes or their values in another
/// order renumbers the variants but gives each combination the same seed and hash.
/// </summary>
public sealed class SweepOrderProperties
{
    private static readonly string[] Paths =
    [
        "networks[0].settings.evseSubDistributionLimit",
        "networks[0].queueing",
        "vehicles.generator.energyKWh.mean",
        "vehicles.generator.dwellHours.mean",
        "duration",
    ];

    [ScaledProperty(100)]
    public Property Reordering_axes_and_values_keeps_each_combination_s_seed_and_hash()
    {
        var sweeps =
            from axisCount in Gen.Choose(1, 3)
            from axes in Gen.Shuffle(Paths)
            from values in Gen.ListOf(Gen.Choose(1, 3).SelectMany(n => Gen.Shuffle(Enumerable.Range(1, 6)).Select(v => v.Take(n).ToArray())), axisCount)
            from replicates in Gen.Choose(1, 3)
            from independent in Gen.Elements(false, true)
            from axisOrder in Gen.Shuffle(Enumerable.Range(0, axisCount))
            from valueOrders in Gen.ListOf(Gen.Shuffle(Enumerable.Range(0, 3)), axisCount)
            select (Axes: axes.Take(axisCount).Zip(values, (path, v) => (path, v)).ToArray(), replicates, independent, axisOrder, valueOrders);

        return Prop.ForAll(sweeps.ToArbitrary(), s =>
        {
            var reordered = s.axisOrder.Select(a => (s.Axes[a].path, s.valueOrders[a].Where(i => i < s.Axes[a].v.Length).Select(i => s.Axes[a].v[i]).ToArray())).ToArray();
            var first = Combinations(Text(s.Axes, s.replicates, s.independent));
            var second = Combinations(Text(reordered, s.replicates, s.independent));
            return first.Count == second.Count && first.All(kv => second.TryGetValue(kv.Key, out var other) && other == kv.Value);
        });
    }

    private static string Text((string Path, int[] Values)[] axes, int replicates, bool independent) =>
        $"base: base.yaml\nreplicates: {replicates}\nseedMode: {(independent ? "independent" : "common")}\ngrid:\n"
        + string.Concat(axes.Select(a => $"  {a.Path}: [{string.Join(", ", a.Values)}]\n"));

    /// <summary>Each combination (sorted PATH=VALUE and the replicate) with its seed and hash.</summary>
    private static Dictionary<string, (ulong, string)> Combinations(string sweep)
    {
        using var files = new SweepFiles(sweep);
        return files.Plan().Variants.ToDictionary(
            v => string.Join(";", v.Parameters.Select(p => p.Assignment).Order(StringComparer.Ordinal)) + "|" + v.Replicate,
            v => (v.Seed, v.Hash));
    }
}
