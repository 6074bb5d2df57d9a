using System.Globalization;

namespace Amtron.Cli.Tests.Sweep;

/// <summary>
/// The acceptance through the real command line: the bundled study (scenarios/sweeps/office-40.sweep.yaml)
/// run, merged and sized; and the one-line errors of the sweep commands.
/// </summary>
public sealed class SweepCommandTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(4);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-sweep-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task The_bundled_study_runs_merges_and_is_sized_and_the_size_agrees_with_the_sweep_s_own_runs()
    {
        var study = Path.Combine(AppContext.BaseDirectory, "scenarios", "sweeps", "office-40.sweep.yaml");
        var results = Path.Combine(_work, "office-40");
        using (var run = AmtronProcess.Start("sweep", "run", study, "--out", results))
        {
            Assert.True(await run.ExitAsync(Guard) == 0, run.Error);
        }

        using (var merge = AmtronProcess.Start("sweep", "merge", results))
        {
            Assert.True(await merge.ExitAsync(Guard) == 0, merge.Error);
            Assert.StartsWith("240 of 240 variants from 1 shard tables", merge.Output, StringComparison.Ordinal);
        }

        var sized = Path.Combine(_work, "size");
        using var size = AmtronProcess.Start("size", study, "--target", "sessionsFullySatisfied/sessions >= 0.95", "--quantile", "0.9", "--over", "networks[0].settings.evseSubDistributionLimit", "--out", sized);
        Assert.True(await size.ExitAsync(Guard) == 0, size.Error);
        Assert.Equal(["size.json", "probes.csv", "size.png", "size.html"], new[] { "size.json", "probes.csv", "size.png", "size.html" }.Where(f => File.Exists(Path.Combine(sized, f))));

        // Each listed fuse the sweep ran, judged from summary.csv: how many of the 20 days reach 95 %. The sizing tried
        // the same values with the same seeds (common random numbers), so it must count the same days.
        var csv = File.ReadAllLines(Path.Combine(results, "summary.csv"));
        var header = csv[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var days = csv.Skip(1).Select(l => l.Split(','))
            .GroupBy(c => (Fuse: double.Parse(c[Column("networks[0].settings.evseSubDistributionLimit")], CultureInfo.InvariantCulture), Queueing: c[Column("networks[0].queueing")]))
            .ToDictionary(g => g.Key, g => g.Count(c => double.Parse(c[Column("sessionsFullySatisfied")], CultureInfo.InvariantCulture) / double.Parse(c[Column("sessions")], CultureInfo.InvariantCulture) >= 0.95));
        var probes = File.ReadAllLines(Path.Combine(sized, "probes.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(c => (Fuse: double.Parse(c[1], CultureInfo.InvariantCulture), Queueing: c[0].Trim('"').Split('=')[1]))
            .ToDictionary(g => g.Key, g => g.Count(c => c[5] == "true"));
        Assert.All(days, d => Assert.Equal(d.Value, probes[d.Key]));
        // The answer per queueing: the smallest whole amp reaching 95 % on at least 18 of 20 days, every larger one too.
        foreach (var queueing in new[] { "fifo", "roundRobin" })
        {
            var tried = probes.Where(p => p.Key.Queueing == queueing).OrderBy(p => p.Key.Fuse).ToList();
            var answer = tried.First(p => tried.Where(q => q.Key.Fuse >= p.Key.Fuse).All(q => q.Value >= 18)).Key.Fuse;
            Assert.Contains(tried, p => p.Key.Fuse == answer - 1 && p.Value < 18);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"networks[0].queueing={queueing}: {answer} ("), size.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("amtron sweep run: --keep: timeseries, sessions or timeseries,sessions, not 'plots'", "sweep", "run", "SWEEP", "--out", "OUT", "--keep", "plots")]
    [InlineData("amtron sweep run: the shard index comes from --shard=1 but no shard count is given", "sweep", "run", "SWEEP", "--out", "OUT", "--shard", "1")]
    [InlineData("amtron size: --target 'satisfied >= 0.9': 'satisfied' is no metric", "size", "SWEEP", "--target", "satisfied >= 0.9", "--quantile", "0.9", "--over", "networks[0].settings.evseSubDistributionLimit")]
    [InlineData("amtron sweep merge: OUT holds no plan.json: not a sweep's folder", "sweep", "merge", "OUT")]
    public async Task A_bad_request_is_one_line_and_exit_2(string expected, params string[] args)
    {
        var study = Path.Combine(AppContext.BaseDirectory, "scenarios", "sweeps", "office-40.sweep.yaml");
        var output = Path.Combine(_work, "out");
        using var run = AmtronProcess.Start([.. args.Select(a => a == "SWEEP" ? study : a == "OUT" ? output : a)]);

        Assert.Equal(2, await run.ExitAsync(Guard));
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith(expected.Replace("OUT", output, StringComparison.Ordinal), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_sweep_file_is_every_error_located_in_it_and_nothing_is_written()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "scenarios", "sweeps", "office-40.yaml"), Path.Combine(_work, "office-40.yaml"));
        var sweep = Path.Combine(_work, "bad.sweep.yaml");
        File.WriteAllText(sweep, "base: office-40.yaml\nreplicates: 2\ngrid:\n  networks[0].queueing: [fifo, fast]\n  networks[1].id: [1]\n");
        var output = Path.Combine(_work, "out");

        using var plan = AmtronProcess.Start("sweep", "plan", sweep, "--out", output);

        Assert.Equal(2, await plan.ExitAsync(Guard));
        // fast: line 4, after "  networks[0].queueing: [fifo, " (31 characters); networks[1]: line 5, its [1] at column 11.
        Assert.Equal([$"{sweep}:4:32: queueing must be fifo or roundRobin, not 'fast'", $"{sweep}:5:11: [1] is past the end of a list of 1"], plan.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
    }
}
