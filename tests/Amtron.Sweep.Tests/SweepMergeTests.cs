using System.Globalization;
using Amtron.Sweep.Query;

namespace Amtron.Sweep.Tests;

/// <summary><c>amtron sweep merge | status | query</c> over the shards' tables (DuckDB).</summary>
public sealed class SweepMergeTests
{
    [Fact]
    public void Merging_the_shards_gives_one_table_and_one_csv_equal_row_for_row_to_a_one_process_run()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(output: "one").Exit);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(i, 3), output: "sharded", jobs: 1).Exit);
        }

        var (exit, said, _) = Merge(work.Out("sharded"));

        Assert.Equal(SweepRunner.ExitOk, exit);
        Assert.StartsWith("18 of 18 variants from 3 shard tables", said, StringComparison.Ordinal);
        var one = ParquetRows.Read(Path.Combine(work.Out("one").Parts, "part-0-of-1.parquet"));
        var merged = ParquetRows.Read(work.Out("sharded").MergedParquet);
        Assert.Equal(one.Columns.Take(6), merged.Columns.Take(6));
        Assert.Equal(Column(one, "variant"), Column(merged, "variant"));
        foreach (var name in new[] { "seed", "hash", "networks[0].queueing", "energyDeliveredKWh", "sessionsFullySatisfied", "maxPhaseCurrentA.L3" })
        {
            Assert.Equal(Column(one, name), Column(merged, name));
        }

        var csv = File.ReadAllLines(work.Out("sharded").MergedCsv);
        Assert.Equal(19, csv.Length);
        Assert.StartsWith("variant,replicate,seed,hash,networks[0].settings.evseSubDistributionLimit,networks[0].queueing,energyDeliveredKWh", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("7,1,", csv[8], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_shard_is_listed_and_what_is_there_is_merged_with_exit_1()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(0, 3)).Exit);
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(2, 3)).Exit);

        var (exit, said, errors) = Merge(work.Out());

        Assert.Equal(SweepRunner.ExitRetry, exit);
        Assert.StartsWith("12 of 18 variants from 2 shard tables", said, StringComparison.Ordinal);
        // Shard 1 of 3 holds 1, 4, 7, 10, 13, 16.
        Assert.Contains("tables of 3 shards: 2 written; missing shards 1 (amtron sweep run --shard I --shards 3)", errors, StringComparison.Ordinal);
        Assert.Contains("6 variants are in no shard's table yet: 1, 4, 7, 10, 13, 16", errors, StringComparison.Ordinal);
        Assert.Equal(13, File.ReadAllLines(work.Out().MergedCsv).Length);
        Assert.Equal(SweepRunner.ExitRetry, Status(work.Out()).Exit);
    }

    [Fact]
    public void Tables_of_two_shard_counts_hold_each_variant_once_in_the_merge()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(0, 2)).Exit);
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(1, 4)).Exit);
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(3, 4)).Exit);

        var (exit, said, _) = Merge(work.Out());

        // Even ids from 0 of 2, odd ids from 1 and 3 of 4: every variant, none twice.
        Assert.Equal(SweepRunner.ExitOk, exit);
        Assert.StartsWith("18 of 18 variants from 3 shard tables", said, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 18).Select(v => v.ToString(CultureInfo.InvariantCulture)), Column(ParquetRows.Read(work.Out().MergedParquet), "variant"));
    }

    [Fact]
    public void A_table_of_another_sweep_stops_the_merge_with_exit_2_and_nothing_written()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(0, 2), output: "a").Exit);
        File.WriteAllText(work.SweepPath, File.ReadAllText(work.SweepPath).Replace("seed: 11", "seed: 12", StringComparison.Ordinal));
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(1, 2), output: "b").Exit);
        File.Copy(Path.Combine(work.Out("b").Parts, "part-1-of-2.parquet"), Path.Combine(work.Out("a").Parts, "part-1-of-2.parquet"));

        var (exit, _, errors) = Merge(work.Out("a"));

        Assert.Equal(SweepRunner.ExitInvalid, exit);
        Assert.Contains("part-1-of-2.parquet is not a table of this folder's sweep", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(work.Out("a").MergedParquet));
        Assert.False(File.Exists(work.Out("a").MergedCsv));
    }

    [Fact]
    public void Status_says_what_is_done_and_a_folder_without_a_plan_is_exit_2()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(1, 2)).Exit);

        var (exit, lines) = Status(work.Out());

        Assert.Equal(SweepRunner.ExitRetry, exit);
        Assert.Equal("runs: 9 of 18 complete; not yet: 0, 2, 4, 6, 8, 10, 12, 14, 16", lines[1]);
        Assert.Equal("tables of 2 shards: 1 written; missing shards 0 (amtron sweep run --shard I --shards 2)", lines[2]);
        Assert.Null(SweepStatus.Of(work.Out("nothing"), out var problem));
        Assert.Contains("holds no plan.json", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_answers_sql_over_the_runs_as_a_table_and_refuses_bad_sql_in_one_line()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run().Exit);
        var output = new StringWriter();
        var error = new StringWriter();

        // 18 variants; under common seeds the 6 combinations share 3 seeds (one per replicate); 3 fuses.
        var exit = SweepQuery.Run(work.Out(), "SELECT count(*) AS variants, count(DISTINCT seed) AS seeds, count(DISTINCT \"networks[0].settings.evseSubDistributionLimit\") AS fuses FROM runs", output, error);

        Assert.Equal(SweepRunner.ExitOk, exit);
        Assert.Equal(["variants  seeds  fuses", "--------  -----  -----", "      18      3      3", "(1 rows)"], output.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.Equal(SweepRunner.ExitInvalid, SweepQuery.Run(work.Out(), "SELECT nothing FROM runs", new StringWriter(), error));
        var line = Assert.Single(error.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith("amtron sweep query: ", line, StringComparison.Ordinal);
        Assert.Contains("nothing", line, StringComparison.Ordinal);
    }

    private static List<string> Column((List<string> Columns, List<string[]> Rows, IReadOnlyDictionary<string, string> Metadata) table, string name) =>
        [.. table.Rows.Select(r => r[table.Columns.IndexOf(name)])];

    private static (int Exit, string Said, string Errors) Merge(SweepFolder folder)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = SweepMerge.Run(folder, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string[] Lines) Status(SweepFolder folder)
    {
        var status = SweepStatus.Of(folder, out var problem);
        Assert.True(status is not null, problem);
        return (status.Finished ? SweepRunner.ExitOk : SweepRunner.ExitRetry, [.. status.Describe()]);
    }
}
