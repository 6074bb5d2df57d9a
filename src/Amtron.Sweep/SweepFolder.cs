namespace Amtron.Sweep;

/// <summary>
/// The layout of a sweep's output folder: <c>plan.json</c>, <c>runs/vNNNNNN/</c> (one folder per variant, renamed into
/// place when complete), <c>summary/part-I-of-N.parquet</c> (one per shard) and the merged <c>summary.parquet</c>
/// and <c>summary.csv</c>. The tool writes nothing else there, and replaces only what it wrote.
/// </summary>
/// <param name="Root">The folder (--out).</param>
public sealed record SweepFolder(string Root)
{
    /// <summary>plan.json.</summary>
    public string Plan => Path.Combine(Root, PlanFile.Name);

    /// <summary>The variants' folders.</summary>
    public string Runs => Path.Combine(Root, "runs");

    /// <summary>The shards' Parquet files.</summary>
    public string Parts => Path.Combine(Root, "summary");

    /// <summary>The merged table.</summary>
    public string MergedParquet => Path.Combine(Root, "summary.parquet");

    /// <summary>The merged table as CSV.</summary>
    public string MergedCsv => Path.Combine(Root, "summary.csv");

    /// <summary>A unique temporary name beside <paramref name="path"/> (this host and process), for writing then renaming.</summary>
    public static string Temporary(string path) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}.tmp-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>True for a name <see cref="Temporary"/> made: left by a killed worker, ignored by every reader.</summary>
    public static bool IsTemporary(string name) => name.Contains(".tmp-", StringComparison.Ordinal);

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file renamed into place, so a
    /// reader never sees half a file; replaces the file (only call it for files the tool writes).
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = Temporary(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
