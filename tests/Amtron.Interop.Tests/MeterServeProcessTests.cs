using System.Diagnostics;
using System.Globalization;

namespace Amtron.Interop.Tests;

/// <summary>The acceptance: `amtron meter serve` as a process, read by mbpoll, stopped with Ctrl+C.</summary>
public sealed class MeterServeProcessTests
{
    [MbpollFact]
    public void Mbpoll_shows_the_served_currents_at_13_15_17_and_ctrl_c_stops_the_meter()
    {
        var port = Peers.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "amtron.dll"), "meter", "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--currents", "7.25,8.5,9.75" })
        {
            start.ArgumentList.Add(argument);
        }

        using var meter = Process.Start(start)!;
        try
        {
            var banner = meter.StandardOutput.ReadLineAsync();
            Assert.True(banner.Wait(TimeSpan.FromSeconds(30)), "no banner from amtron meter serve");
            Assert.Contains($"127.0.0.1:{port}", banner.Result, StringComparison.Ordinal);

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
        }
    }
}
