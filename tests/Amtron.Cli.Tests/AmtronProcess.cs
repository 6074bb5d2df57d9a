using System.Diagnostics;
using System.Text;

namespace Amtron.Cli.Tests;

/// <summary>The real `amtron` as a process: its output lines as they come, a signal, its exit.</summary>
internal sealed class AmtronProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task _pumps;

    private AmtronProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(Pump(process.StandardOutput, _output), Pump(process.StandardError, _error));
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything written so far to standard output and standard error.</summary>
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Error { get { lock (_error) { return _error.ToString(); } } }

    public static AmtronProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "amtron.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new AmtronProcess(Process.Start(start)!);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (true) or the process ended first (false).</summary>
    public async Task<bool> WaitForAsync(Func<AmtronProcess, bool> condition, TimeSpan guard)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (_process.HasExited)
            {
                await _pumps;
                return condition(this);
            }

            Assert.True(clock.Elapsed < guard, $"timed out; standard error so far: {Error}");
            await Task.Delay(20);
        }

        return true;
    }

    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<int> ExitAsync(TimeSpan guard)
    {
        using var timeout = new CancellationTokenSource(guard);
        await _process.WaitForExitAsync(timeout.Token);
        await _pumps;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }
}
