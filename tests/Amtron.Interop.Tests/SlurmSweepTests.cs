using System.Diagnostics;
using Amtron.Sweep;
using Amtron.Sweep.Query;

namespace Amtron.Interop.Tests;

/// <summary>
/// The issue's acceptance on a real batch engine: the bundled study (scenarios/sweeps/office-40.sweep.yaml, 240
/// variants) submitted with deploy/slurm/submit.sh as a 4-task Slurm array (each task reading its shard from
/// SLURM_ARRAY_TASK_ID) and merged by a dependent job gives the same table as a local run. Needs a running cluster: `.ci/run` starts one with deploy/slurm/local-cluster.sh and exports SLURM_CONF.
/// </summary>
public sealed class SlurmSweepTests
{
    [SlurmFact]
    public void A_sweep_run_as_a_slurm_array_and_merged_equals_the_local_run_row_for_row()
    {
        var directory = Directory.CreateTempSubdirectory("amtron-slurm-");
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios", "sweeps")))
            {
                File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)));
            }

            var sweep = Path.Combine(directory.FullName, "office-40.sweep.yaml");
            var local = new SweepFolder(Path.Combine(directory.FullName, "local"));
            Assert.Equal(SweepRunner.ExitOk, SweepRunner.Run(new SweepRunOptions(sweep, local.Root, Shard.Whole, 2, SweepKeep.None, ToolVersion()), new StringWriter()));
            Assert.Equal(SweepRunner.ExitOk, SweepMerge.Run(local, new StringWriter(), new StringWriter()));

            var slurm = new SweepFolder(Path.Combine(directory.FullName, "slurm"));
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "slurm", "submit.sh"), sweep, slurm.Root, "4", "--wait" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["AMTRON"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "amtron.dll")}";
            using var submit = Process.Start(start)!;
            var output = submit.StandardOutput.ReadToEndAsync();
            var errors = submit.StandardError.ReadToEndAsync();
            Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(5)), "the Slurm jobs did not end within 5 minutes");
            var logs = string.Join("\n", Directory.GetFiles(Path.Combine(slurm.Root, "logs")).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f)}"));
            Assert.True(submit.ExitCode == 0, $"submit.sh exit {submit.ExitCode}: {output.Result}{errors.Result}\n{logs}");

            // Four shard tables, one per task, and the merged table equal to the local one row for row.
            Assert.Equal(["part-0-of-4.parquet", "part-1-of-4.parquet", "part-2-of-4.parquet", "part-3-of-4.parquet"], Directory.GetFiles(slurm.Parts).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(241, File.ReadAllLines(local.MergedCsv).Length);
            Assert.Equal(Rows(local.MergedCsv), Rows(slurm.MergedCsv));
            Assert.Equal(File.ReadAllBytes(local.Plan), File.ReadAllBytes(slurm.Plan));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The tool version the CLI writes, so the local plan is the one the Slurm tasks write.</summary>
    private static string ToolVersion()
    {
        var (exit, output) = Peers.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "amtron.dll"), "--version"], TimeSpan.FromSeconds(60));
        Assert.Equal(0, exit);
        return output.Trim();
    }

    /// <summary>Each row as column=value pairs in the header's order, so a column order that differs does not matter.</summary>
    private static List<string> Rows(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => string.Join(";", header.Zip(l.Split(',')).OrderBy(c => c.First, StringComparer.Ordinal).Select(c => $"{c.First}={c.Second}")))];
    }
}

/// <summary>A fact that is reported as skipped, with the reason, when no Slurm cluster answers.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (Environment.GetEnvironmentVariable("SLURM_CONF") is not { Length: > 0 } conf || !File.Exists(conf))
        {
            return "no Slurm cluster: SLURM_CONF is not set to a slurm.conf (deploy/slurm/local-cluster.sh start prints it; .ci/run does this)";
        }

        try
        {
            var (exit, output) = Peers.Run("sinfo", ["-h", "-o", "%a %T"], TimeSpan.FromSeconds(20));
            return exit == 0 && output.StartsWith("up ", StringComparison.Ordinal) && !output.Contains("down", StringComparison.Ordinal)
                ? null
                : $"the Slurm cluster of {conf} does not answer with an idle node (sinfo: {output.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "sinfo is not installed (apt-get install slurm-wlm munge; .ci/run does this)";
        }
    });

    public SlurmFactAttribute()
    {
        if (Missing.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
