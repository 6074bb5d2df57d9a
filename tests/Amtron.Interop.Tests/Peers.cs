using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Amtron.Interop.Tests;

/// <summary>The independent Modbus peers from Debian, found once; `.ci/run` installs them.</summary>
internal static partial class Peers
{
    /// <summary>Debian's python3 (where python3-pymodbus lives), not the python3 first on PATH.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly Lazy<string?> MbpollPath = new(() => Find("mbpoll"));
    private static readonly Lazy<bool> PymodbusInstalled = new(() =>
        File.Exists(DebianPython) && Run(DebianPython, ["-c", "import pymodbus.client, pymodbus.server"], TimeSpan.FromSeconds(30)).ExitCode == 0);

    public static string? Mbpoll => MbpollPath.Value;

    public static bool Pymodbus => PymodbusInstalled.Value;

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Peers", name);

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>); stdout and stderr together.</summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout}: {stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>
    /// One mbpoll poll of 127.0.0.1:<paramref name="port"/> at wire addresses (-0), big-endian word order (-B, as the
    /// PAC2200): its exit code, its output, and the values it printed by address.
    /// </summary>
    /// <remarks>
    /// The time-out is mbpoll's longest (10 s): its default of 1 s was exceeded once in CI while every test assembly ran
    /// at once on 2 cores, and a time-out reads like a wrong answer.
    /// </remarks>
    public static (int ExitCode, string Output, Dictionary<int, string> Values) PollMbpoll(int port, int address, int count, string type)
    {
        string[] arguments = ["-m", "tcp", "-a", "1", "-r", address.ToString(CultureInfo.InvariantCulture), "-c", count.ToString(CultureInfo.InvariantCulture), "-t", type, "-B", "-0", "-1", "-o", "10", "-p", port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"];
        var (exit, output) = Run(Mbpoll!, arguments, TimeSpan.FromSeconds(20));
        var values = MbpollValue().Matches(output).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        return (exit, output, values);
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MbpollValue();

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is reported as skipped, with the reason, when mbpoll is not installed.</summary>
public sealed class MbpollFactAttribute : FactAttribute
{
    public MbpollFactAttribute()
    {
        if (Peers.Mbpoll is null)
        {
            Skip = "mbpoll is not installed (apt-get install mbpoll; .ci/run does this)";
        }
    }
}

/// <summary>A fact that is reported as skipped, with the reason, when Debian's python3-pymodbus is not installed.</summary>
public sealed class PymodbusFactAttribute : FactAttribute
{
    public PymodbusFactAttribute()
    {
        if (!Peers.Pymodbus)
        {
            Skip = $"python3-pymodbus is not installed for {Peers.DebianPython} (apt-get install python3-pymodbus; .ci/run does this)";
        }
    }
}
