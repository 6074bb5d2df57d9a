using System.Diagnostics;
using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Site.Scenarios;
using Amtron.Site.Sweeps;

namespace Amtron.Sweep;

/// <summary>How <c>amtron sweep run</c> runs a shard.</summary>
/// <param name="SweepPath">The sweep file.</param>
/// <param name="Out">The sweep's output folder.</param>
/// <param name="Shard">Which shard.</param>
/// <param name="Jobs">Variants run at once.</param>
/// <param name="Keep">What is kept besides the summary.</param>
/// <param name="ToolVersion">Written into plan.json, each summary.json and the part file.</param>
public sealed record SweepRunOptions(string SweepPath, string Out, Shard Shard, int Jobs, SweepKeep Keep, string ToolVersion);

/// <summary>
/// <c>amtron sweep plan</c> and <c>amtron sweep run</c>: the plan checked against (or written to) the folder, then the
/// shard's variants in-process on every core, then the shard's Parquet file. Exit 0 when every variant of the shard is
/// done, 1 when one failed (retryable: rerunning resumes), 2 for a bad sweep, a plan that does not match the folder's,
/// or a folder in the way (not retryable).
/// </summary>
public static class SweepRunner
{
    /// <summary>Every variant of the shard done.</summary>
    public const int ExitOk = 0;

    /// <summary>A variant failed; running the same command again retries it.</summary>
    public const int ExitRetry = 1;

    /// <summary>The sweep or the folder is wrong: retrying cannot help.</summary>
    public const int ExitInvalid = 2;

    /// <summary>
    /// Reads and expands the sweep and makes sure the folder holds its plan: an existing plan.json must be the same
    /// bytes; else every parameter combination is checked (all problems at once) and plan.json is written. Null with
    /// the problem reported when the sweep or the folder is wrong.
    /// </summary>
    public static SweepPlan? Prepare(string sweepPath, SweepFolder folder, int jobs, string toolVersion, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(error);
        SweepPlan plan;
        try
        {
            plan = SweepPlanner.Expand(SweepReader.Read(sweepPath));
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return null;
        }

        var bytes = PlanFile.Bytes(plan, toolVersion);
        try
        {
            if (File.Exists(folder.Root))
            {
                error.WriteLine($"amtron sweep: {folder.Root} is a file, not a folder (nothing written)");
                return null;
            }

            if (File.Exists(folder.Plan))
            {
                return SamePlan(folder, bytes, error) ? plan : null;
            }

            try
            {
                SweepPlanner.Validate(plan, KpiCatalogue.MetricNames, jobs);
            }
            catch (ScenarioException e)
            {
                error.WriteLine(e.Message);
                return null;
            }

            Directory.CreateDirectory(folder.Root);
            var temporary = SweepFolder.Temporary(folder.Plan);
            File.WriteAllBytes(temporary, bytes);
            try
            {
                // Not replacing: a worker that wrote it in the meantime wrote the same bytes, or another sweep's.
                File.Move(temporary, folder.Plan, overwrite: false);
            }
            catch (IOException) when (File.Exists(folder.Plan))
            {
                File.Delete(temporary);
                return SamePlan(folder, bytes, error) ? plan : null;
            }

            return plan;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"amtron sweep: {folder.Root}: {e.Message}");
            return null;
        }
    }

    private static bool SamePlan(SweepFolder folder, byte[] bytes, TextWriter error)
    {
        if (File.ReadAllBytes(folder.Plan).AsSpan().SequenceEqual(bytes))
        {
            return true;
        }

        error.WriteLine($"amtron sweep: {folder.Plan} is the plan of another sweep, base scenario or tool version than this one; its results would not belong together: use another --out (nothing run)");
        return false;
    }

    /// <summary>Runs one shard (<see cref="SweepRunner"/>); progress and failures on <paramref name="error"/>.</summary>
    public static int Run(SweepRunOptions options, TextWriter error, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        var folder = new SweepFolder(options.Out);
        if (Prepare(options.SweepPath, folder, options.Jobs, options.ToolVersion, error) is not { } plan)
        {
            return ExitInvalid;
        }

        var shard = options.Shard;
        var mine = plan.Variants.Where(v => shard.Holds(v.Id)).ToList();
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(folder.Runs);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron sweep: shard {shard.Index} of {shard.Count}: {mine.Count} of {plan.Variants.Count} variants, {options.Jobs} at once"));
        var outcomes = new VariantOutcome[mine.Count];
        try
        {
            Parallel.For(0, mine.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellation }, i =>
                outcomes[i] = VariantRunner.Run(plan, mine[i], folder, options.Keep, options.ToolVersion, error));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            error.WriteLine("amtron sweep: stopped; the variants completed so far are kept, the same command resumes");
            return ExitRetry;
        }

        var ran = outcomes.Count(o => o == VariantOutcome.Ran);
        var before = outcomes.Count(o => o == VariantOutcome.AlreadyDone);
        var failed = outcomes.Count(o => o == VariantOutcome.Failed);
        var conflicts = outcomes.Count(o => o == VariantOutcome.Conflict);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron sweep: {ran} run ({ran / Math.Max(seconds, 1e-9):0.#} per second), {before} done before, {failed} failed, {conflicts} in the way; {seconds:0.###} s"));
        if (conflicts > 0)
        {
            return ExitInvalid;
        }

        if (failed > 0)
        {
            error.WriteLine($"amtron sweep: {failed} variants failed; the shard's table is written when all are done: run the same command again to retry them");
            return ExitRetry;
        }

        return WritePart(plan, shard, folder, mine, options.ToolVersion, error);
    }

    private static int WritePart(SweepPlan plan, Shard shard, SweepFolder folder, List<SweepVariant> mine, string toolVersion, TextWriter error)
    {
        var missing = -1;
        IEnumerable<VariantRecord> Records()
        {
            foreach (var variant in mine)
            {
                if (VariantRecord.TryRead(Path.Combine(folder.Runs, variant.FolderName)) is not { } record || record.Hash != variant.Hash)
                {
                    missing = variant.Id;
                    yield break;
                }

                yield return record;
            }
        }

        try
        {
            var bytes = PartWriter.Bytes(plan, shard, Records(), toolVersion);
            if (missing >= 0)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron sweep: variant {missing}: its {VariantRecord.Name} vanished or changed while the shard ran; run the same command again"));
                return ExitRetry;
            }

            Directory.CreateDirectory(folder.Parts);
            SweepFolder.WriteAtomically(Path.Combine(folder.Parts, shard.PartFileName), bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"amtron sweep: {folder.Parts}: cannot write the shard's table: {e.Message}");
            return ExitRetry;
        }

        return ExitOk;
    }

}
