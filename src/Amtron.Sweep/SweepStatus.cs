using System.Globalization;
using System.Text.RegularExpressions;

namespace Amtron.Sweep;

/// <summary>
/// How far a sweep's folder is (<c>amtron sweep status</c>, and what <c>merge</c> checks): which variants have a
/// complete folder, which shards have written their table, and which variants no table holds yet.
/// </summary>
/// <param name="Folder">The sweep's folder.</param>
/// <param name="Plan">The folder's plan.</param>
/// <param name="Parts">The shards' tables present, as (index, count), with their paths.</param>
/// <param name="Uncovered">Variants that no present table holds.</param>
public sealed partial record SweepStatus(SweepFolder Folder, PlannedSweep Plan, IReadOnlyList<(Shard Shard, string Path)> Parts, IReadOnlyList<int> Uncovered)
{
    /// <summary>
    /// Variants whose folder is complete with the plan's hash: read from every variant.json, so only when asked
    /// (status lists them; merge and query need only the tables).
    /// </summary>
    public IReadOnlyList<int> Complete => field ??= [.. Enumerable.Range(0, Plan.Hashes.Count)
        .Where(v => VariantRecord.TryRead(Path.Combine(Folder.Runs, Site.Sweeps.SweepVariant.FolderNameOf(v))) is { } record && record.Hash == Plan.Hashes[v])];

    /// <summary>True when every variant is in some shard's table.</summary>
    public bool Finished => Uncovered.Count == 0;

    /// <summary>The folder's status; null with the problem when it holds no plan.</summary>
    public static SweepStatus? Of(SweepFolder folder, out string problem)
    {
        if (PlannedSweep.Read(folder, out problem) is not { } plan)
        {
            return null;
        }

        var parts = (Directory.Exists(folder.Parts) ? Directory.GetFiles(folder.Parts) : [])
            .Select(path => (Match: PartName().Match(Path.GetFileName(path)), Path: path))
            .Where(p => p.Match.Success && int.TryParse(p.Match.Groups[1].Value, CultureInfo.InvariantCulture, out var i) && int.TryParse(p.Match.Groups[2].Value, CultureInfo.InvariantCulture, out var n) && i < n)
            .Select(p => (new Shard(int.Parse(p.Match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(p.Match.Groups[2].Value, CultureInfo.InvariantCulture)), p.Path))
            .OrderBy(p => p.Item1.Count).ThenBy(p => p.Item1.Index)
            .ToList();
        var uncovered = Enumerable.Range(0, plan.Hashes.Count).Where(v => !parts.Any(p => p.Item1.Holds(v))).ToList();
        return new SweepStatus(folder, plan, parts, uncovered);
    }

    /// <summary>What is missing, for people: the shards whose table is missing (per shard count seen) and the variants.</summary>
    public IEnumerable<string> Describe()
    {
        var total = Plan.Hashes.Count;
        yield return string.Create(CultureInfo.InvariantCulture, $"plan: {total} variants (sweep {Plan.SweepHash[..Math.Min(12, Plan.SweepHash.Length)]}, amtron {Plan.ToolVersion})");
        var missingRuns = Enumerable.Range(0, total).Except(Complete).ToList();
        yield return string.Create(CultureInfo.InvariantCulture, $"runs: {Complete.Count} of {total} complete{(missingRuns.Count > 0 ? $"; not yet: {Ranges(missingRuns)}" : string.Empty)}");
        foreach (var count in Parts.Select(p => p.Shard.Count).Distinct())
        {
            var present = Parts.Where(p => p.Shard.Count == count).Select(p => p.Shard.Index).ToHashSet();
            var absent = Enumerable.Range(0, count).Where(i => !present.Contains(i)).ToList();
            yield return string.Create(CultureInfo.InvariantCulture, $"tables of {count} shards: {present.Count} written{(absent.Count > 0 ? $"; missing shards {Ranges(absent)} (amtron sweep run --shard I --shards {count})" : string.Empty)}");
        }

        yield return Uncovered.Count == 0
            ? "every variant is in a shard's table: amtron sweep merge can write the whole table"
            : string.Create(CultureInfo.InvariantCulture, $"{Uncovered.Count} variants are in no shard's table yet: {Ranges(Uncovered)}");
    }

    /// <summary>Ids as ranges: 0-3, 7, 9-11 (at most 20 ranges, then how many more).</summary>
    public static string Ranges(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var ranges = new List<string>();
        for (var i = 0; i < ids.Count;)
        {
            var j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1)
            {
                j++;
            }

            ranges.Add(i == j ? ids[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{ids[i]}-{ids[j]}"));
            i = j + 1;
        }

        return ranges.Count <= 20 ? string.Join(", ", ranges) : $"{string.Join(", ", ranges.Take(20))} and {ranges.Count - 20} more ranges";
    }

    [GeneratedRegex(@"^part-(\d{1,9})-of-(\d{1,9})\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex PartName();
}
