using System.Globalization;

namespace Amtron.Sweep;

/// <summary>One of <see cref="Count"/> slices of a sweep: variant v belongs to shard v mod Count.</summary>
/// <param name="Index">0 .. Count - 1.</param>
/// <param name="Count">How many shards the sweep is split into.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole sweep in one shard (a local run).</summary>
    public static Shard Whole => new(0, 1);

    /// <summary>True when variant <paramref name="variantId"/> runs in this shard.</summary>
    public bool Holds(int variantId) => variantId % Count == Index;

    /// <summary>The shard's Parquet file under <c>summary/</c>.</summary>
    public string PartFileName => string.Create(CultureInfo.InvariantCulture, $"part-{Index}-of-{Count}.parquet");
}

/// <summary>
/// Which shard this process runs, from the command line or the batch engine's environment: the index from the first
/// of <c>--shard</c>, <see cref="IndexVariables"/>; the count from the first of <c>--shards</c>,
/// <see cref="CountVariables"/>. Neither: the whole sweep. A Slurm array must be <c>--array=0-(N-1)</c> (step 1), or
/// shards would be missed or run twice without anyone noticing.
/// </summary>
public static class ShardSelection
{
    /// <summary>Where a shard index is read from, first found first: ours, Kubernetes Indexed Job, Slurm, AWS Batch, GCP Batch.</summary>
    public static IReadOnlyList<string> IndexVariables { get; } = ["AMTRON_SHARD_INDEX", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX", "BATCH_TASK_INDEX"];

    /// <summary>Where the shard count is read from, first found first (Kubernetes has none: its manifest sets ours).</summary>
    public static IReadOnlyList<string> CountVariables { get; } = ["AMTRON_SHARD_COUNT", "SLURM_ARRAY_TASK_COUNT", "AWS_BATCH_JOB_ARRAY_SIZE", "BATCH_TASK_COUNT"];

    /// <summary>The shard, or null with the problem in one line.</summary>
    /// <param name="shardOption">--shard as given, or null.</param>
    /// <param name="shardsOption">--shards as given, or null.</param>
    /// <param name="environment">Reads an environment variable (null when it is not set).</param>
    /// <param name="problem">Why there is no shard.</param>
    public static Shard? Resolve(string? shardOption, string? shardsOption, Func<string, string?> environment, out string problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var index = First("--shard", shardOption, IndexVariables, environment);
        var count = First("--shards", shardsOption, CountVariables, environment);
        problem = string.Empty;
        if (index is null && count is null)
        {
            return Shard.Whole;
        }

        if (index is not { } i)
        {
            problem = $"the shard count comes from {count!.Value.Source}={count.Value.Text} but no shard index is given (--shard, {string.Join(", ", IndexVariables)})";
            return null;
        }

        if (count is not { } c)
        {
            problem = $"the shard index comes from {i.Source}={i.Text} but no shard count is given (--shards, {string.Join(", ", CountVariables)})";
            return null;
        }

        if (!TryWhole(c.Text, out var shards) || shards < 1)
        {
            problem = $"{c.Source}={c.Text}: the shard count must be a whole number of at least 1";
            return null;
        }

        if (!TryWhole(i.Text, out var shard) || shard >= shards)
        {
            problem = $"{i.Source}={i.Text}: the shard index must be a whole number from 0 to {shards - 1} ({c.Source}={c.Text})";
            return null;
        }

        if (i.Source == "SLURM_ARRAY_TASK_ID" && SlurmArrayProblem(environment, shards) is { } slurm)
        {
            problem = slurm;
            return null;
        }

        return new Shard(shard, shards);
    }

    /// <summary>Why the Slurm array is not 0..N-1 in steps of 1, or null when it is.</summary>
    private static string? SlurmArrayProblem(Func<string, string?> environment, int shards)
    {
        var minimum = environment("SLURM_ARRAY_TASK_MIN");
        var maximum = environment("SLURM_ARRAY_TASK_MAX");
        var step = environment("SLURM_ARRAY_TASK_STEP");
        var expected = (shards - 1).ToString(CultureInfo.InvariantCulture);
        if ((minimum is not null && minimum != "0") || (maximum is not null && maximum != expected) || (step is not null && step != "1"))
        {
            return $"the Slurm array runs tasks {minimum ?? "?"} to {maximum ?? "?"} in steps of {step ?? "?"}, for {shards} shards it must be --array=0-{expected} (SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_MAX={expected}, step 1): submit it so, or give --shard and --shards";
        }

        return null;
    }

    private static (string Source, string Text)? First(string option, string? optionValue, IReadOnlyList<string> variables, Func<string, string?> environment)
    {
        if (optionValue is not null)
        {
            return (option, optionValue);
        }

        foreach (var name in variables)
        {
            if (environment(name) is { Length: > 0 } value)
            {
                return (name, value);
            }
        }

        return null;
    }

    private static bool TryWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
