using Amtron.Site.Sweeps;
using Parquet;
using Parquet.Schema;

namespace Amtron.Sweep;

/// <summary>
/// A shard's table, <c>summary/part-I-of-N.parquet</c>: one row per variant with <c>variant</c>, <c>replicate</c>,
/// <c>seed</c>, <c>hash</c>, one column per axis named by its path (DOUBLE when every value of the axis is a number, else
/// the value's text) and one DOUBLE column per KPI as summary.json rounds it (empty where a variant lacks it, e.g. the
/// time above a limit that was never exceeded). The file's key-value metadata carries the sweep's hash, the tool's
/// version and the shard. Written with Parquet.Net only, so the workers need no native library.
/// </summary>
public static class PartWriter
{
    /// <summary>The key-value metadata keys.</summary>
    public const string SweepHashKey = "amtron.sweepHash";

    /// <summary>See <see cref="SweepHashKey"/>.</summary>
    public const string ToolVersionKey = "amtron.toolVersion";

    /// <summary>See <see cref="SweepHashKey"/>.</summary>
    public const string ShardKey = "amtron.shard";

    /// <summary>The fixed columns before the axes.</summary>
    public static IReadOnlyList<string> IdentityColumns { get; } = ["variant", "replicate", "seed", "hash"];

    /// <summary>The sweep hash in a part file's metadata; null when the file is not a table amtron wrote.</summary>
    public static string? SweepHashOf(string path)
    {
        try
        {
            return ReadSweepHashAsync(path).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadSweepHashAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        return reader.CustomMetadata.TryGetValue(SweepHashKey, out var hash) ? hash : null;
    }

    /// <summary>
    /// The part file's bytes for the <paramref name="records"/> (in variant order) of one shard, read one at a time:
    /// only the columns are held (a number per KPI and variant), so a shard of many variants stays small.
    /// </summary>
    public static byte[] Bytes(SweepPlan plan, Shard shard, IEnumerable<VariantRecord> records, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(records);
        // Every KPI of the catalogue in every shard (an empty shard too), then the times above each limit some variant exceeded.
        var metrics = new Dictionary<string, List<double?>>(StringComparer.Ordinal);
        var metricNames = new List<string>();
        foreach (var name in Sim.Results.KpiCatalogue.MetricNames)
        {
            metrics.Add(name, []);
            metricNames.Add(name);
        }

        var variants = new List<SweepVariant>();
        foreach (var record in records)
        {
            variants.Add(plan.Variants[record.Id]);
            foreach (var (name, value) in record.Metrics)
            {
                if (!metrics.TryGetValue(name, out var column))
                {
                    // First seen in this row: empty in the rows before.
                    metrics.Add(name, column = [.. Enumerable.Repeat<double?>(null, variants.Count - 1)]);
                    metricNames.Add(name);
                }

                column.Add(value);
            }

            foreach (var column in metrics.Values.Where(c => c.Count < variants.Count))
            {
                column.Add(null);
            }
        }

        var axes = plan.Sweep.Axes.ToList();
        var numeric = axes.Select(a => a.Values.All(v => CanonicalYaml.Number(v.Text) is not null)).ToList();
        var identity = new DataField[] { new DataField<int>("variant"), new DataField<int>("replicate"), new DataField<long>("seed"), new DataField<string>("hash") };
        var axisFields = axes.Select((a, i) => numeric[i] ? (DataField)new DataField<double>(a.Path) : new DataField<string>(a.Path)).ToList();
        var metricFields = metricNames.Select(name => new DataField<double?>(name)).ToList();
        var schema = new ParquetSchema([.. identity, .. axisFields, .. metricFields]);
        using var stream = new MemoryStream();
        WriteAsync(stream, schema, identity, axisFields, metricFields, numeric, variants, [.. metricNames.Select(n => metrics[n].ToArray())], plan, shard, toolVersion).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    private static async Task WriteAsync(
        Stream stream,
        ParquetSchema schema,
        DataField[] identity,
        List<DataField> axisFields,
        List<DataField<double?>> metricFields,
        List<bool> numeric,
        List<SweepVariant> variants,
        List<double?[]> metricColumns,
        SweepPlan plan,
        Shard shard,
        string toolVersion)
    {
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd }).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            [SweepHashKey] = plan.SweepHash,
            [ToolVersionKey] = toolVersion,
            [ShardKey] = $"{shard.Index}/{shard.Count}",
        };
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(identity[0], variants.Select(v => v.Id).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<int>(identity[1], variants.Select(v => v.Replicate).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<long>(identity[2], variants.Select(v => (long)v.Seed).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(identity[3], variants.Select(v => v.Hash).ToArray()).ConfigureAwait(false);
        for (var a = 0; a < axisFields.Count; a++)
        {
            var texts = variants.Select(v => v.Parameters[a].Value.Text).ToArray();
            if (numeric[a])
            {
                await group.WriteAsync<double>(axisFields[a], texts.Select(t => CanonicalYaml.Number(t)!.Value).ToArray()).ConfigureAwait(false);
            }
            else
            {
                await group.WriteAsync(axisFields[a], texts).ConfigureAwait(false);
            }
        }

        for (var m = 0; m < metricFields.Count; m++)
        {
            await group.WriteAsync<double>(metricFields[m], metricColumns[m]).ConfigureAwait(false);
        }
    }
}
