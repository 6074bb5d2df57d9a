using System.CommandLine;
using System.Globalization;
using Amtron.Sweep;

namespace Amtron.Cli.Sweep;

/// <summary>`amtron sweep plan | run | merge | status | query` (docs/sweeps.md).</summary>
internal static class SweepCommands
{
    private const int ExitUsage = 2;

    public static Command Create()
    {
        var sweep = new Command("sweep", "Run a scenario over a grid of parameters and replicates, on every core, in shards on a batch engine (Slurm arrays, Kubernetes Indexed Jobs), with results in Parquet (docs/sweeps.md).");
        sweep.Subcommands.Add(Plan());
        sweep.Subcommands.Add(Run());
        sweep.Subcommands.Add(Merge());
        sweep.Subcommands.Add(Status());
        sweep.Subcommands.Add(Query());
        return sweep;
    }

    private static Argument<string> SweepFile() => new("sweep") { Description = "The sweep file (YAML, docs/sweeps.md)." };

    private static Option<string> Out() => new("--out") { Description = "The sweep's output folder (plan.json, runs/, summary/).", Required = true };

    private static Option<int> Jobs() => new("--jobs") { Description = "Variants run at once (default: the cores this process may use).", DefaultValueFactory = _ => Environment.ProcessorCount };

    private static Command Plan()
    {
        var file = SweepFile();
        var output = Out();
        var jobs = Jobs();
        var plan = new Command("plan", "Expand the sweep, check every variant, and write DIR/plan.json (variant ids, parameters, seeds, hashes). Exit 2 for a bad sweep.");
        plan.Arguments.Add(file);
        plan.Options.Add(output);
        plan.Options.Add(jobs);
        plan.SetAction(parsed =>
        {
            if (parsed.GetValue(jobs) < 1)
            {
                Console.Error.WriteLine($"amtron sweep plan: --jobs must be at least 1, not {parsed.GetValue(jobs)}");
                return ExitUsage;
            }

            var folder = new SweepFolder(parsed.GetValue(output)!);
            if (SweepRunner.Prepare(parsed.GetValue(file)!, folder, parsed.GetValue(jobs), ToolVersion.Text, Console.Error) is not { } prepared)
            {
                return SweepRunner.ExitInvalid;
            }

            var combinations = prepared.Variants.Count / prepared.Sweep.Replicates;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prepared.Variants.Count} variants ({combinations} parameter combinations x {prepared.Sweep.Replicates} replicates): {folder.Plan}"));
            return SweepRunner.ExitOk;
        });
        return plan;
    }

    private static Command Run()
    {
        var file = SweepFile();
        var output = Out();
        var jobs = Jobs();
        var shard = new Option<string?>("--shard") { Description = "This shard's index, 0 .. N-1 (default: from AMTRON_SHARD_INDEX, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or BATCH_TASK_INDEX; none: the whole sweep)." };
        var shards = new Option<string?>("--shards") { Description = "How many shards (default: from AMTRON_SHARD_COUNT, SLURM_ARRAY_TASK_COUNT, AWS_BATCH_JOB_ARRAY_SIZE or BATCH_TASK_COUNT). Variant v runs in shard v mod N." };
        var keep = new Option<string?>("--keep") { Description = "Keep more of each variant than summary.json: timeseries, sessions, or both (timeseries,sessions)." };
        var run = new Command("run", "Run the shard's variants (resuming: finished ones are skipped) and write DIR/summary/part-I-of-N.parquet. Exit 0: done; 1: a variant failed (run again to retry); 2: bad sweep or a folder holding another plan.");
        run.Arguments.Add(file);
        foreach (var option in new Option[] { output, shard, shards, jobs, keep })
        {
            run.Options.Add(option);
        }

        run.SetAction(parsed =>
        {
            if (parsed.GetValue(jobs) < 1)
            {
                Console.Error.WriteLine($"amtron sweep run: --jobs must be at least 1, not {parsed.GetValue(jobs)}");
                return ExitUsage;
            }

            if (!TryParseKeep(parsed.GetValue(keep), out var kept))
            {
                Console.Error.WriteLine($"amtron sweep run: --keep: timeseries, sessions or timeseries,sessions, not '{parsed.GetValue(keep)}'");
                return ExitUsage;
            }

            if (ShardSelection.Resolve(parsed.GetValue(shard), parsed.GetValue(shards), Environment.GetEnvironmentVariable, out var problem) is not { } selected)
            {
                Console.Error.WriteLine($"amtron sweep run: {problem}");
                return ExitUsage;
            }

            using var signals = new Run.StopSignals();
            return SweepRunner.Run(new SweepRunOptions(parsed.GetValue(file)!, parsed.GetValue(output)!, selected, parsed.GetValue(jobs), kept, ToolVersion.Text), Console.Error, signals.Token);
        });
        return run;
    }

    private static Argument<string> Folder() => new("dir") { Description = "The sweep's output folder (--out of sweep run)." };

    private static Command Merge()
    {
        var folder = Folder();
        var merge = new Command("merge", "Merge the shards' tables into DIR/summary.parquet and DIR/summary.csv (one row per variant) and list what is missing. Exit 0: every variant in; 1: some missing (what is there is written); 2: not a sweep's folder.");
        merge.Arguments.Add(folder);
        merge.SetAction(parsed => Amtron.Sweep.Query.SweepMerge.Run(new SweepFolder(parsed.GetValue(folder)!), Console.Out, Console.Error));
        return merge;
    }

    private static Command Status()
    {
        var folder = Folder();
        var status = new Command("status", "List which variants and shards of the sweep are done and which are missing. Exit 0: every variant in a shard's table; 1: some missing; 2: not a sweep's folder.");
        status.Arguments.Add(folder);
        status.SetAction(parsed =>
        {
            if (SweepStatus.Of(new SweepFolder(parsed.GetValue(folder)!), out var problem) is not { } found)
            {
                Console.Error.WriteLine($"amtron sweep status: {problem}");
                return SweepRunner.ExitInvalid;
            }

            foreach (var line in found.Describe())
            {
                Console.Out.WriteLine(line);
            }

            return found.Finished ? SweepRunner.ExitOk : SweepRunner.ExitRetry;
        });
        return status;
    }

    private static Command Query()
    {
        var folder = Folder();
        var sql = new Argument<string>("sql") { Description = "SQL over the table runs (one row per variant: variant, replicate, seed, hash, one column per axis named by its path, one per KPI), e.g. 'SELECT \"networks[0].queueing\", avg(sessionsFullySatisfied / sessions) FROM runs GROUP BY 1'." };
        var query = new Command("query", "Run SQL (DuckDB) over the sweep's results and print the answer as a table.");
        query.Arguments.Add(folder);
        query.Arguments.Add(sql);
        query.SetAction(parsed => Amtron.Sweep.Query.SweepQuery.Run(new SweepFolder(parsed.GetValue(folder)!), parsed.GetValue(sql)!, Console.Out, Console.Error));
        return query;
    }

    /// <summary>`--keep`: a comma-separated list of timeseries and sessions.</summary>
    internal static bool TryParseKeep(string? text, out SweepKeep keep)
    {
        keep = SweepKeep.None;
        if (text is null)
        {
            return true;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            switch (part)
            {
                case "timeseries":
                    keep |= SweepKeep.TimeSeries;
                    break;
                case "sessions":
                    keep |= SweepKeep.Sessions;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
