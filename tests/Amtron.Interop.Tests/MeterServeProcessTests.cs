using System.Diagnostics;
using System.Globalization;

namespace Amtron.Interop.Tests;

/// <summary>The acceptance: `amtron meter serve` as a process, read by mbpoll, stopped with Ctrl+C.</summary>
public sealed class MeterServeProcessTests
{
    [MbpollFact]
    public void Mbpoll_shows_the_served_currents_at_13_15_17_and_ctrl_c_stops_the_meter()
    {
        // A free port can be taken by another test between choosing it and the meter binding it: then the meter ends
        // with one error line, and another port is tried.
        var (meter, port) = StartMeter();
        try
        {
            var (exit, output, values) = Peers.PollMbpoll(port, 13, 3, "4:float");
            Assert.True(exit == 0, output);
            Assert.Equal(new Dictionary<int, string> { [13] = "7.25", [15] = "8.5", [17] = "9.75" }, values);

            // Ctrl+C is SIGINT.
            Assert.Equal(0, Peers.Run("kill", ["-INT", meter.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)).ExitCode);
            Assert.True(meter.WaitForExit(20_000), "the meter did not stop on SIGINT");
            Assert.Equal(0, meter.ExitCode);
            Assert.Contains("stopped after", meter.StandardOutput.ReadToEnd(), StringComparison.Ordinal);
        }
        finally
        {
            if (!meter.HasExited)
            {
                meter.Kill(entireProcessTree: true);
            }

            meter.Dispose();
        }
    }

    private static (Process Meter, int Port) StartMeter()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = Peers.FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "amtron.dll"), "meter", "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--currents", "7.25,8.5,9.75" })
            {
                start.ArgumentList.Add(argument);
            }

            var meter = Process.Start(start)!;
            var banner = meter.StandardOutput.ReadLineAsync();
            Assert.True(banner.Wait(TimeSpan.FromSeconds(30)), "no banner from amtron meter serve");
            if (banner.Result is { } line)
            {
                Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
                return (meter, port);
            }

            var error = meter.StandardError.ReadToEnd();
            meter.WaitForExit(10_000);
            meter.Dispose();
            Assert.True(attempt < 3, $"amtron meter serve ended before serving: {error}");
        }
    }
}
