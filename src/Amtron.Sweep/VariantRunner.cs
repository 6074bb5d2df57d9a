using System.Diagnostics;
using System.Text;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using Amtron.Site.Sweeps;

namespace Amtron.Sweep;

/// <summary>What a sweep keeps of each variant besides summary.json and variant.json.</summary>
[Flags]
public enum SweepKeep
{
    /// <summary>Only the summary.</summary>
    None = 0,

    /// <summary>timeseries.csv (every change).</summary>
    TimeSeries = 1,

    /// <summary>sessions.csv.</summary>
    Sessions = 2,
}

/// <summary>How one variant ended.</summary>
public enum VariantOutcome
{
    /// <summary>Run now, its folder in place.</summary>
    Ran,

    /// <summary>Its folder was already complete with the same hash (a resumed shard, or another worker finished it).</summary>
    AlreadyDone,

    /// <summary>It failed; the reason was reported. Retryable.</summary>
    Failed,

    /// <summary>Its folder holds something else (another hash, or not a variant's results): left alone. Not retryable.</summary>
    Conflict,
}

/// <summary>
/// Runs one variant in-process into <c>runs/vNNNNNN/</c>: the base scenario with the variant's overrides, simulated,
/// its summary.json (and the kept CSVs) and variant.json written into a temporary folder that is renamed into place
/// when complete. A complete folder with the same hash is skipped, so rerunning a shard resumes it; two workers on
/// one variant (Kubernetes may start a replacement while the old pod still runs) race to the same result.
/// </summary>
public static class VariantRunner
{
    /// <summary>Runs <paramref name="variant"/>; a failure is reported on <paramref name="error"/> in one line.</summary>
    public static VariantOutcome Run(SweepPlan plan, SweepVariant variant, SweepFolder folder, SweepKeep keep, string toolVersion, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(error);
        var final = Path.Combine(folder.Runs, variant.FolderName);
        if (Existing(final, variant, error) is { } outcome)
        {
            return outcome;
        }

        var temporary = SweepFolder.Temporary(final);
        try
        {
            Directory.CreateDirectory(temporary);
            Write(plan, variant, temporary, keep, toolVersion);
            try
            {
                Directory.Move(temporary, final);
                return VariantOutcome.Ran;
            }
            catch (IOException) when (Directory.Exists(final))
            {
                // Another worker renamed its copy first: the same variant, the same result.
                return Existing(final, variant, error) ?? VariantOutcome.Failed;
            }
        }
        catch (ScenarioException e)
        {
            Report(error, variant, string.Join("; ", e.Diagnostics.Select(d => d.ToString())));
            return VariantOutcome.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(error, variant, e.Message);
            return VariantOutcome.Failed;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>Null when there is no folder yet; else done (same hash) or a conflict (reported).</summary>
    private static VariantOutcome? Existing(string final, SweepVariant variant, TextWriter error)
    {
        if (!Directory.Exists(final) && !File.Exists(final))
        {
            return null;
        }

        if (VariantRecord.TryRead(final) is { } record && record.Hash == variant.Hash && record.Id == variant.Id)
        {
            return VariantOutcome.AlreadyDone;
        }

        Report(error, variant, $"{final} holds other results (not this variant's {VariantRecord.Name}, hash {variant.Hash[..12]}); it was left alone: move it away, or use another --out");
        return VariantOutcome.Conflict;
    }

    private static void Write(SweepPlan plan, SweepVariant variant, string directory, SweepKeep keep, string toolVersion)
    {
        var started = Stopwatch.GetTimestamp();
        Scenario scenario;
        SimulationResult result;
        using (var csv = keep.HasFlag(SweepKeep.TimeSeries) ? new StreamWriter(Path.Combine(directory, "timeseries.csv"), false, new UTF8Encoding(false), 1 << 16) : null)
        {
            (scenario, result) = Simulate(plan.Sweep, variant, csv is null ? null : new CsvTimeSeriesWriter(csv));
        }

        var assertions = ResultWriter.Check(scenario, result);
        ResultWriter.WriteSummary(directory, scenario, result, assertions, Stopwatch.GetElapsedTime(started).TotalSeconds, toolVersion);
        if (keep.HasFlag(SweepKeep.Sessions))
        {
            ResultWriter.WriteSessions(directory, result);
        }

        new VariantRecord(variant.Id, variant.Replicate, variant.Seed, variant.Hash, KpiCatalogue.RoundedMetrics(result)).Write(directory, variant);
    }

    /// <summary>The base scenario as the variant makes it, simulated in this thread's turn (a failure to read it throws <see cref="ScenarioException"/>).</summary>
    public static (Scenario Scenario, SimulationResult Result) Simulate(SweepFile sweep, SweepVariant variant, ITimeSeriesSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(variant);
        var scenario = ScenarioLoader.Parse(sweep.BaseText, sweep.BaseFile, variant.Overrides(sweep), KpiCatalogue.MetricNames);
        return (scenario, new SiteSimulation(scenario.Site, sink).Run());
    }

    private static void Report(TextWriter error, SweepVariant variant, string problem)
    {
        lock (error)
        {
            error.WriteLine($"amtron sweep: variant {variant.Id} ({string.Join(", ", variant.Parameters.Select(p => p.Assignment).Append($"seed={variant.Seed}"))}): {problem}");
        }
    }
}
