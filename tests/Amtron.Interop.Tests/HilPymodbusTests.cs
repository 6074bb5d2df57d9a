using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amtron.Modbus.Client;

namespace Amtron.Interop.Tests;

/// <summary>
/// `amtron hil --write` driving independent implementations: python3-pymodbus servers standing in for an AMTRON
/// connector (its EMS register set) and for the house's PAC2200, built from the public register maps.
/// </summary>
public sealed class HilPymodbusTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-hil-pymodbus-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [PymodbusFact]
    public async Task The_loop_reads_pymodbus_devices_writes_the_decision_and_leaves_the_safe_current()
    {
        // The meter reads 10 A per phase under a 40 A Main Distribution Limit: 30 A left, below the 32 A line, so the
        // vehicle (charging, 3 phases) is given 30 A and 30 is written to register 1000. After its 3 cycles the loop
        // leaves the point at its safe current, 7 A (register 131).
        var chargerPort = Peers.FreePort();
        var meterPort = Peers.FreePort();
        using var charger = StartPeer("amtron", chargerPort);
        using var meter = StartPeer("pac2200", meterPort);
        await using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = chargerPort, Timeout = TimeSpan.FromSeconds(5), ReconnectDelay = TimeSpan.FromMilliseconds(50), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(32, (await Eventually(() => modbus.ReadHoldingRegistersAsync(1000, 1).AsTask()))[0]);
        await using var meterCheck = new ModbusTcpClient(new ModbusClientOptions { Port = meterPort, Timeout = TimeSpan.FromSeconds(5), ReconnectDelay = TimeSpan.FromMilliseconds(50), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) });
        await Eventually(() => meterCheck.ReadHoldingRegistersAsync(13, 2).AsTask());

        var site = Path.Combine(_work, "site.yaml");
        await File.WriteAllTextAsync(site, string.Create(CultureInfo.InvariantCulture, $$$"""
            name: pymodbus bench
            start: 2026-06-01T00:00:00Z
            duration: 1d
            meter: {type: PAC2200, host: 127.0.0.1, port: {{{meterPort}}}}
            networks:
              - id: 0
                sampleRate: 1s
                settings: {evseSubDistributionLimit: 32, externalMeter: {location: excluding, mainDistributionLimit: 40}}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 127.0.0.1, basePort: {{{chargerPort}}}}, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
            """));
        var recording = Path.Combine(_work, "day.jsonl");
        var (exit, output) = await Task.Run(() => Peers.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "amtron.dll"), "hil", site, "--write", "--cycles", "3", "--record", recording], TimeSpan.FromSeconds(60)));

        Assert.True(exit == 0, output);
        var cycles = File.ReadAllLines(recording).Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, cycles.Count);
        Assert.Equal([10_000, 10_000, 10_000], cycles[0].GetProperty("input").GetProperty("meterMilliamps").EnumerateArray().Select(m => m.GetInt64()));
        Assert.Equal([16_000, 16_000, 16_000], cycles[0].GetProperty("observations")[0].GetProperty("measuredMilliamps").EnumerateArray().Select(m => m.GetInt64()));
        var write = cycles[0].GetProperty("writes")[0];
        Assert.Equal((30, true), (write.GetProperty("amps").GetInt32(), write.GetProperty("done").GetBoolean()));
        Assert.All(cycles.Skip(1), c => Assert.Equal(0, c.GetProperty("writes").GetArrayLength()));
        Assert.Contains("left CP1 at 7 A (its safe current)", output, StringComparison.Ordinal);
        Assert.Equal(7, (await modbus.ReadHoldingRegistersAsync(1000, 1))[0]);
    }

    private static Peer StartPeer(string kind, int port)
    {
        var start = new ProcessStartInfo(Peers.DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Peers.Script("pymodbus_devices.py"), kind, port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return new Peer(Process.Start(start)!);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A peer server, killed when the test ends.</summary>
    private sealed class Peer(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
