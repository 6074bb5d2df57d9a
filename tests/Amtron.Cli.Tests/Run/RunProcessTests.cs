using System.Diagnostics;

namespace Amtron.Cli.Tests.Run;

/// <summary>The real `amtron run` process, stopped by a signal as a user's Ctrl+C or a service manager stops it.</summary>
public sealed class RunProcessTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-signal-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_run_cleanly_with_exit_130_and_nothing_left_behind(string signal)
    {
        // The bundled year takes far longer than the moment it takes to start writing: stopped while simulating.
        var dir = Path.Combine(_work, "year");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "amtron.dll"), "run", Path.Combine(AppContext.BaseDirectory, "scenarios", "year-250cp.yaml"), "--out", dir })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var staging = Stopwatch.StartNew();
        while (!(Directory.Exists(dir) && Directory.EnumerateDirectories(dir, ".amtron-partial-*").Any()))
        {
            Assert.True(staging.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited, "the run never started writing");
            await Task.Delay(20);
        }

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("amtron: run stopped; nothing written, earlier results kept", (await error).Trim());
        Assert.Empty(await output);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task A_second_signal_ends_a_run_that_cannot_act_on_the_first_at_once()
    {
        // A scenario read from a pipe nobody writes: the read blocks, so the first SIGTERM cannot be acted on.
        var pipe = Path.Combine(_work, "scenario.fifo");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
        }

        using var run = AmtronProcess.Start("run", pipe, "--out", Path.Combine(_work, "never"));
        await Task.Delay(TimeSpan.FromSeconds(2)); // started and blocked in the read
        await run.SignalAsync("TERM");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(run.HasExited, "the blocked read was expected to hold the first signal");
        await run.SignalAsync("TERM");

        Assert.Equal(130, await run.ExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("amtron: stopped at once (second signal)", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_work, "never")));
    }
}
