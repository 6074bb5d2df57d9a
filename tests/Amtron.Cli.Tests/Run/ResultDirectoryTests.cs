using Amtron.Cli.Run;

namespace Amtron.Cli.Tests.Run;

/// <summary>
/// `amtron run --out DIR` never loses a file it did not write: foreign files in DIR stay as they were, a failed or
/// stopped run leaves earlier results intact, and one run at a time writes into a directory.
/// </summary>
public sealed class ResultDirectoryTests : IDisposable
{
    private static readonly string Demo = Path.Combine(AppContext.BaseDirectory, "scenarios", RunCommand.DemoScenario);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-out-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_second_run_replaces_its_own_files_and_leaves_the_users_alone()
    {
        var dir = Path.Combine(_work, "out");
        Assert.Equal(0, Run(dir).Exit);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        File.Copy(Demo, Path.Combine(dir, "scenario.yaml"));
        var firstSummary = new FileInfo(Path.Combine(dir, "summary.json")).LastWriteTimeUtc;
        Thread.Sleep(20);

        Assert.Equal(0, Run(dir).Exit);

        Assert.NotEqual(firstSummary, new FileInfo(Path.Combine(dir, "summary.json")).LastWriteTimeUtc);

        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.Equal(File.ReadAllBytes(Demo), File.ReadAllBytes(Path.Combine(dir, "scenario.yaml")));
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(dir, "summary.json")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(dir), d => Path.GetFileName(d).StartsWith(".amtron-partial", StringComparison.Ordinal));
    }

    [Fact]
    public void The_current_directory_with_the_scenario_in_it_keeps_the_scenario()
    {
        var scenario = Path.Combine(_work, "site.yaml");
        File.Copy(Demo, scenario);
        File.WriteAllText(Path.Combine(_work, "readme.md"), "notes");

        Assert.Equal(0, Run(_work, scenario).Exit);

        Assert.Equal(File.ReadAllBytes(Demo), File.ReadAllBytes(scenario));
        Assert.Equal("notes", File.ReadAllText(Path.Combine(_work, "readme.md")));
        Assert.True(File.Exists(Path.Combine(_work, "report.html")));
    }

    [Fact]
    public void A_foreign_file_with_a_result_name_stops_the_run_before_it_starts_and_nothing_changes()
    {
        var dir = Path.Combine(_work, "theirs");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "report.html"), "their report");
        File.WriteAllText(Path.Combine(dir, "sessions.csv"), "their sessions");
        var before = Snapshot(dir);

        var (exit, error) = Run(dir);

        Assert.Equal(2, exit);
        Assert.Equal($"amtron: {dir}: report.html, sessions.csv exist but were not written by amtron, or changed since; move them away or choose another --out", error.TrimEnd());
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void Unusable_output_directories_are_one_line_errors()
    {
        var file = Path.Combine(_work, "a-file");
        File.WriteAllText(file, "keep");

        Assert.Equal((2, $"amtron: {file}: is a file, not a directory"), Trimmed(Run(file)));
        Assert.Equal((2, "amtron: --out: the directory name is empty"), Trimmed(Run(string.Empty)));
        var (exit, error) = Run(Path.Combine(file, "below"));
        Assert.Equal(2, exit);
        Assert.StartsWith($"amtron: {Path.Combine(file, "below")}: cannot write results there: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal("keep", File.ReadAllText(file));
    }

    [Fact]
    public void A_second_run_into_a_directory_being_written_is_refused()
    {
        var dir = Path.Combine(_work, "busy");
        using (ResultDirectory.Open(dir, []))
        {
            Assert.Equal((2, $"amtron: {dir}: another amtron run is writing its results there"), Trimmed(Run(dir)));
        }

        Assert.Equal(0, Run(dir).Exit);
    }

    [Fact]
    public void A_stopped_run_keeps_the_earlier_results_and_leaves_nothing_behind()
    {
        var dir = Path.Combine(_work, "kept");
        Assert.Equal(0, Run(dir).Exit);
        var before = Snapshot(dir);

        var (exit, error) = Run(dir, cancellation: new CancellationToken(canceled: true));

        Assert.Equal(130, exit);
        Assert.Equal("amtron: run stopped; nothing written, earlier results kept", error.TrimEnd());
        Assert.Equal(before, Snapshot(dir));

        var fresh = Path.Combine(_work, "never");
        Assert.Equal(130, Run(fresh, cancellation: new CancellationToken(canceled: true)).Exit);
        Assert.False(Directory.Exists(fresh));
    }

    [Fact]
    public void Files_of_the_previous_run_not_written_again_are_removed_and_the_manifest_reaches_no_further()
    {
        var dir = Path.Combine(_work, "manifest");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "old.csv"), "ours, from an older version");
        File.WriteAllText(Path.Combine(_work, "outside.txt"), "not ours");
        File.WriteAllText(Path.Combine(dir, ResultDirectory.ManifestName), "old.csv\n../outside.txt\n");

        using (var results = ResultDirectory.Open(dir, ["new.csv"]))
        {
            File.WriteAllText(Path.Combine(results.Staging, "new.csv"), "new");
            results.Commit();
        }

        Assert.False(File.Exists(Path.Combine(dir, "old.csv")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(dir, "new.csv")));
        Assert.Equal("not ours", File.ReadAllText(Path.Combine(_work, "outside.txt")));
        var written = new FileInfo(Path.Combine(dir, "new.csv"));
        Assert.Equal($"new.csv\t3\t{written.LastWriteTimeUtc.Ticks}\n", File.ReadAllText(Path.Combine(dir, ResultDirectory.ManifestName)));
    }

    [Fact]
    public void A_result_file_the_user_wrote_over_is_theirs_now_and_stops_the_next_run()
    {
        // The audit's case: a run writes imbalance.png, the user puts their own picture there, the next run (of a
        // scenario without imbalance prevention, so no imbalance.png) must neither delete nor replace it.
        var dir = Path.Combine(_work, "edited");
        var imbalance = Path.Combine(AppContext.BaseDirectory, "scenarios", "7-imbalance.yaml");
        Assert.Equal(0, Run(dir, imbalance).Exit);
        File.WriteAllText(Path.Combine(dir, "imbalance.png"), "their own picture");
        var before = Snapshot(dir);

        var (exit, error) = Run(dir);

        Assert.Equal((2, $"amtron: {dir}: imbalance.png exists but was not written by amtron, or changed since; move it away or choose another --out"), (exit, error.TrimEnd()));
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void A_stale_result_file_changed_since_is_not_deleted_at_commit()
    {
        var dir = Path.Combine(_work, "stale");
        using (var first = ResultDirectory.Open(dir, ["a.csv", "b.csv"]))
        {
            File.WriteAllText(Path.Combine(first.Staging, "a.csv"), "a");
            File.WriteAllText(Path.Combine(first.Staging, "b.csv"), "b");
            first.Commit();
        }

        // b.csv is changed while the next run (which writes only a.csv) is under way.
        using (var second = ResultDirectory.Open(dir, ["a.csv"]))
        {
            File.WriteAllText(Path.Combine(dir, "b.csv"), "edited meanwhile");
            File.WriteAllText(Path.Combine(second.Staging, "a.csv"), "a2");
            second.Commit();
        }

        Assert.Equal("edited meanwhile", File.ReadAllText(Path.Combine(dir, "b.csv")));
        Assert.Equal("a2", File.ReadAllText(Path.Combine(dir, "a.csv")));
        Assert.StartsWith("a.csv\t2\t", File.ReadAllText(Path.Combine(dir, ResultDirectory.ManifestName)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_file_that_cannot_be_opened_is_not_taken_for_another_run()
    {
        // A symbolic link to itself cannot be opened (ELOOP): an I/O failure like a read-only file system, not a held lock.
        var dir = Path.Combine(_work, "loop");
        Directory.CreateDirectory(dir);
        var lockFile = Path.Combine(dir, ".amtron-run.lock");
        File.CreateSymbolicLink(lockFile, lockFile);

        var (exit, error) = Run(dir);

        Assert.Equal(2, exit);
        Assert.StartsWith($"amtron: {dir}: cannot write results there: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("another amtron run", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staging_directory_a_killed_run_left_is_removed_by_the_next_run_and_one_with_other_files_is_kept()
    {
        var dir = Path.Combine(_work, "abandoned");
        var left = Directory.CreateDirectory(Path.Combine(dir, ".amtron-partial-0123456789ab")).FullName;
        File.WriteAllText(Path.Combine(left, "timeseries.csv"), "half written");
        var foreign = Directory.CreateDirectory(Path.Combine(dir, ".amtron-partial-mine")).FullName;
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "not a result");

        Assert.Equal(0, Run(dir).Exit);

        Assert.False(Directory.Exists(left));
        Assert.Equal("not a result", File.ReadAllText(Path.Combine(foreign, "notes.txt")));
    }

    [Fact]
    public void A_failure_to_write_is_found_inside_the_parallel_writers()
    {
        var full = new IOException("No space left on device");
        Assert.Same(full, RunCommand.WriteFailure(new AggregateException(new InvalidOperationException("other"), new AggregateException(full))));
        Assert.Same(full, RunCommand.WriteFailure(full));
        Assert.Null(RunCommand.WriteFailure(new AggregateException(new InvalidOperationException("a bug"))));
    }

    private static (int Exit, string Error) Run(string outDirectory, string? scenario = null, CancellationToken cancellation = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = RunCommand.Run(scenario ?? Demo, outDirectory, output, error, cancellation: cancellation);
        return (exit, error.ToString());
    }

    private static (int, string) Trimmed((int Exit, string Error) result) => (result.Exit, result.Error.TrimEnd());

    /// <summary>Every file under the directory with its bytes, as text for an exact comparison.</summary>
    private static string Snapshot(string directory) => string.Join(
        '\n',
        Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => $"{Path.GetRelativePath(directory, path)}:{(File.Exists(path) ? Convert.ToHexString(File.ReadAllBytes(path)) : "dir")}"));
}
