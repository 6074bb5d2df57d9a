namespace Amtron.Sweep.Tests;

/// <summary>
/// <c>amtron sweep run</c>: a shard's variants in-process, each into its own folder renamed into place, resumable after
/// a kill, and the shard's Parquet table; shards together give exactly what one process gives.
/// </summary>
public sealed class SweepRunnerTests
{
    [Fact]
    public void A_local_run_writes_the_plan_every_variant_s_folder_and_one_table_of_every_variant()
    {
        using var work = new SweepWorkspace();

        var (exit, said) = work.Run();

        Assert.True(exit == SweepRunner.ExitOk, said);
        var folder = work.Out();
        Assert.True(File.Exists(folder.Plan));
        Assert.Equal(Enumerable.Range(0, SweepWorkspace.Variants).Select(v => $"v{v:D6}"), Directory.GetDirectories(folder.Runs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetDirectories(folder.Runs), d => Assert.Equal(["summary.json", "variant.json"], Directory.GetFiles(d).Select(Path.GetFileName).Order(StringComparer.Ordinal)));
        var (columns, rows, metadata) = ParquetRows.Read(Path.Combine(folder.Parts, "part-0-of-1.parquet"));
        Assert.Equal(["variant", "replicate", "seed", "hash", "networks[0].settings.evseSubDistributionLimit", "networks[0].queueing", "energyDeliveredKWh"], columns.Take(7));
        Assert.Equal(Enumerable.Range(0, SweepWorkspace.Variants).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        // Variant 7 = fuse 32 (the second of three), fifo (first of two), replicate 1: id = (1 * 2 + 0) * 3 + 1.
        Assert.Equal(["7", "1", "32", "fifo"], rows[7].Take(2).Concat(rows[7].Skip(4).Take(2)));
        Assert.Equal("0/1", metadata[PartWriter.ShardKey]);
        Assert.Equal("test", metadata[PartWriter.ToolVersionKey]);
    }

    [Fact]
    public void The_row_of_a_variant_holds_the_kpis_its_summary_json_holds()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run().Exit);

        var (columns, rows, _) = ParquetRows.Read(Path.Combine(work.Out().Parts, "part-0-of-1.parquet"));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(work.Out().Runs, "v000005", "summary.json")));

        foreach (var name in new[] { "energyDeliveredKWh", "sessions", "sessionsFullySatisfied", "limitViolationSeconds", "maxImbalanceA" })
        {
            Assert.Equal(summary.RootElement.GetProperty(name).GetDouble(), double.Parse(rows[5][columns.IndexOf(name)], System.Globalization.CultureInfo.InvariantCulture));
        }

        // Per phase: the array of summary.json, and its largest as the KPI itself.
        var phases = summary.RootElement.GetProperty("maxPhaseCurrentA").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(phases[1], double.Parse(rows[5][columns.IndexOf("maxPhaseCurrentA.L2")], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(phases.Max(), double.Parse(rows[5][columns.IndexOf("maxPhaseCurrentA")], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(summary.RootElement.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), rows[5][2]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(25)]
    public void Shards_together_give_row_for_row_what_one_process_gives(int count)
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(output: "one").Exit);

        for (var i = 0; i < count; i++)
        {
            var (exit, said) = work.Run(new Shard(i, count), output: "sharded", jobs: 1);
            Assert.True(exit == SweepRunner.ExitOk, said);
        }

        var one = ParquetRows.Read(Path.Combine(work.Out("one").Parts, "part-0-of-1.parquet"));
        var parts = Enumerable.Range(0, count).Select(i => ParquetRows.Read(Path.Combine(work.Out("sharded").Parts, $"part-{i}-of-{count}.parquet"))).ToList();
        // Shard i holds the variants i, i + count, ... (none for i >= 18, whose table is empty but has the columns).
        Assert.All(parts.Select((p, i) => (p, i)), x => Assert.All(x.p.Rows, r => Assert.Equal(x.i, int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture) % count)));
        Assert.All(parts, p => Assert.Equal(one.Columns.Take(30), p.Columns.Take(30)));
        // Row for row by column name: a column of a limit only some shard's variants exceeded is empty in the others.
        static Dictionary<string, string> Row(List<string> columns, string[] row) => columns.Zip(row).Where(c => c.Second.Length > 0).ToDictionary(c => c.First, c => c.Second);
        Assert.Equal(
            one.Rows.Select(r => Row(one.Columns, r)),
            parts.SelectMany(p => p.Rows.Select(r => Row(p.Columns, r))).OrderBy(r => int.Parse(r["variant"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(File.ReadAllBytes(work.Out("one").Plan), File.ReadAllBytes(work.Out("sharded").Plan));
    }

    [Fact]
    public void A_killed_shard_resumes_running_only_what_is_missing_and_ends_as_an_uninterrupted_run()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run().Exit);
        var folder = work.Out();
        var part = Path.Combine(folder.Parts, "part-0-of-1.parquet");
        var before = ParquetRows.Read(part).Rows;
        var kept = File.GetLastWriteTimeUtc(Path.Combine(folder.Runs, "v000000", "variant.json"));

        // What a kill leaves: two variants not yet renamed into place (their half-written temporary folders), no table.
        Directory.Delete(Path.Combine(folder.Runs, "v000004"), recursive: true);
        Directory.Move(Path.Combine(folder.Runs, "v000011"), Path.Combine(folder.Runs, "v000011.tmp-host-1-deadbeef"));
        File.Delete(Path.Combine(folder.Runs, "v000011.tmp-host-1-deadbeef", "variant.json"));
        File.Delete(part);
        var (exit, said) = work.Run();

        Assert.True(exit == SweepRunner.ExitOk, said);
        Assert.Contains("2 run", said, StringComparison.Ordinal);
        Assert.Contains("16 done before", said, StringComparison.Ordinal);
        Assert.Equal(kept, File.GetLastWriteTimeUtc(Path.Combine(folder.Runs, "v000000", "variant.json")));
        Assert.Equal(before, ParquetRows.Read(part).Rows);
    }

    [Fact]
    public void Two_workers_on_the_same_shard_at_once_race_to_the_same_result()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(output: "alone").Exit);

        // As Kubernetes may start a replacement pod while the old one still runs: both take every variant.
        var exits = new int[2];
        Parallel.For(0, 2, i => exits[i] = work.Run(output: "raced", jobs: 2).Exit);

        Assert.Equal([SweepRunner.ExitOk, SweepRunner.ExitOk], exits);
        Assert.Equal(ParquetRows.Read(Path.Combine(work.Out("alone").Parts, "part-0-of-1.parquet")).Rows, ParquetRows.Read(Path.Combine(work.Out("raced").Parts, "part-0-of-1.parquet")).Rows);
        // Every variant once, complete, and no temporary folder left behind.
        Assert.Equal(Enumerable.Range(0, SweepWorkspace.Variants).Select(v => $"v{v:D6}"), Directory.GetDirectories(work.Out("raced").Runs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(work.Out("raced").Parts), f => SweepFolder.IsTemporary(Path.GetFileName(f)));
    }

    [Fact]
    public void A_variant_s_overrides_in_plan_json_rerun_it_alone_as_amtron_run_would()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run().Exit);
        using var plan = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(work.Out().Plan));
        var variant = plan.RootElement.GetProperty("variants")[13];
        var overrides = variant.GetProperty("overrides").EnumerateArray().Select(o => o.GetString()!).ToList();

        // Variant 13 = fuse 63 (third), fifo (first), replicate 1: ((2 * 2) + 0) * 3 + 1.
        Assert.Equal(["networks[0].settings.evseSubDistributionLimit=63", "networks[0].queueing=fifo", $"seed={variant.GetProperty("seed").GetUInt64()}"], overrides);
        var scenario = Site.Scenarios.ScenarioLoader.Load(Path.Combine(work.Root, "small.yaml"), [.. overrides.Select(o => Site.Scenarios.ScenarioOverride.FromAssignment(o, out _)!)]);
        var alone = Sim.Results.KpiCatalogue.RoundedMetrics(new Sim.Runtime.SiteSimulation(scenario.Site).Run());
        Assert.Equal(VariantRecord.TryRead(Path.Combine(work.Out().Runs, "v000013"))!.Metrics, alone);
    }

    [Fact]
    public void Rerunning_a_finished_shard_runs_nothing_and_writes_the_same_table()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run().Exit);
        var part = Path.Combine(work.Out().Parts, "part-0-of-1.parquet");
        var bytes = File.ReadAllBytes(part);

        var (exit, said) = work.Run();

        Assert.Equal(SweepRunner.ExitOk, exit);
        Assert.Contains("0 run", said, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(part));
    }

    [Fact]
    public void A_folder_holding_another_plan_is_refused_with_exit_2_and_left_as_it_was()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run().Exit);
        File.AppendAllText(Path.Combine(work.Root, "small.yaml"), "# changed\n");
        var plan = File.ReadAllBytes(work.Out().Plan);

        var (exit, said) = work.Run();

        Assert.Equal(SweepRunner.ExitInvalid, exit);
        Assert.Contains("is the plan of another sweep, base scenario or tool version", said, StringComparison.Ordinal);
        Assert.Equal(plan, File.ReadAllBytes(work.Out().Plan));
    }

    [Fact]
    public void A_variant_folder_that_is_not_the_variant_s_is_left_alone_and_the_run_ends_with_exit_2()
    {
        using var work = new SweepWorkspace();
        var mine = Path.Combine(work.Out().Runs, "v000003");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "mine");

        var (exit, said) = work.Run();

        Assert.Equal(SweepRunner.ExitInvalid, exit);
        Assert.Contains("v000003 holds other results", said, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFiles(mine).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(work.Out().Parts, "part-0-of-1.parquet")));
    }

    [Fact]
    public void A_file_in_the_way_of_a_variant_stops_the_shard_with_exit_2_and_once_moved_the_same_command_finishes()
    {
        using var work = new SweepWorkspace();
        Directory.CreateDirectory(work.Out().Runs);
        var blocker = Path.Combine(work.Out().Runs, "v000002");
        File.WriteAllText(blocker, "mine");

        var (exit, said) = work.Run();
        Assert.Equal(SweepRunner.ExitInvalid, exit);
        Assert.Equal("mine", File.ReadAllText(blocker));
        Assert.False(File.Exists(Path.Combine(work.Out().Parts, "part-0-of-1.parquet")));
        File.Delete(blocker);
        (exit, said) = work.Run();

        Assert.True(exit == SweepRunner.ExitOk, said);
        Assert.Contains("1 run", said, StringComparison.Ordinal);
        Assert.Equal(SweepWorkspace.Variants, ParquetRows.Read(Path.Combine(work.Out().Parts, "part-0-of-1.parquet")).Rows.Count);
    }

    [Fact]
    public void A_variant_that_fails_ends_the_shard_with_exit_1_and_the_same_command_retries_only_it()
    {
        using var work = new SweepWorkspace();
        // A load series beside the base: not part of the plan's hash, so the plan still matches when it changes.
        var loads = Path.Combine(work.Root, "loads.csv");
        File.WriteAllText(loads, "time,I1,I2,I3\n0h,1,1,1\n");
        File.AppendAllText(Path.Combine(work.Root, "small.yaml"), "externalLoads: [{name: office, csv: loads.csv}]\n");
        Assert.Equal(SweepRunner.ExitOk, work.Run(new Shard(0, 2)).Exit);
        File.WriteAllText(loads, "time,I1,I2,I3\n0h,1,x,1\n");

        var (exit, said) = work.Run(new Shard(1, 2));
        Assert.Equal(SweepRunner.ExitRetry, exit);
        Assert.Contains("variant 1 (networks[0].settings.evseSubDistributionLimit=16, networks[0].queueing=fifo, seed=", said, StringComparison.Ordinal);
        Assert.Contains("loads.csv:2:", said, StringComparison.Ordinal);
        Assert.Contains("9 failed", said, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(work.Out().Runs), d => int.Parse(Path.GetFileName(d)[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1);
        Assert.False(File.Exists(Path.Combine(work.Out().Parts, "part-1-of-2.parquet")));
        File.WriteAllText(loads, "time,I1,I2,I3\n0h,1,1,1\n");
        (exit, said) = work.Run(new Shard(1, 2));

        Assert.True(exit == SweepRunner.ExitOk, said);
        Assert.Contains("9 run", said, StringComparison.Ordinal);
        Assert.Equal(9, ParquetRows.Read(Path.Combine(work.Out().Parts, "part-1-of-2.parquet")).Rows.Count);
    }

    [Fact]
    public void Variants_that_differ_only_in_a_control_see_the_same_sessions_under_common_seeds()
    {
        using var work = new SweepWorkspace();
        Assert.Equal(SweepRunner.ExitOk, work.Run(keep: SweepKeep.Sessions).Exit);

        // Replicate 1 of fuse 16 / fifo (variant 1), fuse 63 / roundRobin (variant 16): the same arrivals, points and wants.
        static string[] Arrivals(string folder) => [.. File.ReadLines(Path.Combine(folder, "sessions.csv")).Select(l => string.Join(',', l.Split(',').Take(5)))];
        var low = Arrivals(Path.Combine(work.Out().Runs, "v000001"));
        var high = Arrivals(Path.Combine(work.Out().Runs, "v000016"));
        Assert.True(low.Length > 5);
        Assert.Equal(low, high);
        // Another replicate is another day.
        Assert.NotEqual(low, Arrivals(Path.Combine(work.Out().Runs, "v000000")));
    }
}
