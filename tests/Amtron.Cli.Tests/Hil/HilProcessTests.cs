using System.Globalization;
using System.Text.Json;
using Amtron.Modbus.Client;
using Amtron.VirtualCharger.Ems;

namespace Amtron.Cli.Tests.Hil;

/// <summary>
/// End to end on loopback: `amtron run --serve-ems --serve-meter` stands in for the hardware (two AMTRONs, each
/// controlled only through its EMS interface, and the house's PAC2200), and `amtron hil --write` runs the DLM master
/// against it. The house steps up, the meter stops answering and comes back, and a SIGTERM ends the loop.
/// </summary>
public sealed class HilProcessTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-hil-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    // The hardware: 3 min at 4x (45 s of wall time; the test ends it sooner). House 10, 5, 3 A; an oven adds 30 A on L1 from 30 s; the meter does
    // not answer from 60 s to 80 s. Each station is a standalone master, so its point offers its 32 A installation
    // limit capped only by its EMS (the HEMS current limit, register 1000). Vehicles: 3-phase, 32 A chargers.
    private static string Hardware(int port) => $$"""
        name: desk hardware
        start: 2026-06-01T00:00:00Z
        duration: 3m
        grid: {mainFuse: 63}
        meter: {type: PAC2200, pollInterval: 1s, failures: [{from: 60s, to: 80s}]}
        externalLoads:
          - {name: house, constant: [10, 5, 3]}
          - {name: oven, csv: oven.csv}
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 63}
            stations: [{id: CS1, role: masterStandalone, modbus: {server: on, basePort: {{port}}}, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}]
          - id: 1
            settings: {evseSubDistributionLimit: 63}
            stations: [{id: CS2, role: masterStandalone, modbus: {server: on, basePort: {{port + 1}}}, chargePoints: [{id: CP2, installationCurrentLimit: 32}]}]
        vehicles:
          sessions:
            - {chargePoint: CP1, arrival: 2026-06-01T00:00:00Z, departure: 2026-06-01T00:03:00Z, energyKWh: 60, batteryKWh: 100, maxCurrent: 32}
            - {chargePoint: CP2, arrival: 2026-06-01T00:00:00Z, departure: 2026-06-01T00:03:00Z, energyKWh: 60, batteryKWh: 100, maxCurrent: 32}
        """;

    // The master: a 63 A line behind the house's Excluding meter (63 A main fuse, 30 A External Load Fallback), 1 s samples.
    private static string Master(int port) => $$"""
        name: desk master
        start: 2026-06-01T00:00:00Z
        duration: 1d
        meter: {type: PAC2200, host: 127.0.0.1, port: {{port + 2}}}
        networks:
          - id: 0
            sampleRate: 1s
            settings:
              evseSubDistributionLimit: 63
              externalMeter: {location: excluding, mainDistributionLimit: 63, externalLoadFallback: 30}
            stations:
              - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 127.0.0.1, basePort: {{port}}}, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
              - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on, host: 127.0.0.1, basePort: {{port + 1}}}, chargePoints: [{id: CP2, installationCurrentLimit: 32}]}
        """;

    [Fact]
    public async Task The_master_keeps_the_house_under_its_fuse_falls_back_without_the_meter_and_leaves_safe_currents()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "oven.csv"), "time,I1,I2,I3\n30s,30,0,0\n");
        var (hardware, port) = await StartHardwareAsync();
        using (hardware)
        {
            // Each point's safe current: 8 A, what the loop must leave when it stops.
            foreach (var p in new[] { port, port + 1 })
            {
                await using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = p });
                await modbus.WriteSingleRegisterAsync(AmtronEmsMap.SafeCurrent, 8);
            }

            var master = Path.Combine(_work, "master.yaml");
            await File.WriteAllTextAsync(master, Master(port));
            var recording = Path.Combine(_work, "day.jsonl");
            using var hil = AmtronProcess.Start("hil", master, "--write", "--record", recording);
            // Past the meter's failure (60-80 s simulated, 15-20 s of wall time) with cycles after it.
            Assert.True(await hil.WaitForAsync(_ => Cycles(recording).Any(c => c.Time > Cycles(recording)[0].Time.AddSeconds(23)), Guard), hil.Error);
            await hil.SignalAsync("TERM");
            Assert.Equal(0, await hil.ExitAsync(Guard));
            Assert.Contains("left CP1 at 8 A (its safe current)", hil.Output, StringComparison.Ordinal);
            foreach (var p in new[] { port, port + 1 })
            {
                await using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = p });
                Assert.Equal(8, (await modbus.ReadHoldingRegistersAsync(AmtronEmsMap.HemsCurrentLimit, 1))[0]);
            }

            var cycles = Cycles(recording);
            // With the meter: the vehicles' share keeps house + charging within the 63 A fuse on every phase.
            var metered = cycles.Where(c => !c.MeterFailed).ToList();
            Assert.All(metered, c => Assert.True(c.Meter[0] + c.Commanded <= 63 + 1e-9, $"{c.Time:O}: {c.Meter[0]} + {c.Commanded} A"));
            // The oven (40 A on L1): 63 − 40 = 23 A for both: 12 + 11 A.
            Assert.Contains(metered, c => c.Meter[0] == 40 && c.Commanded == 23);
            // Without it: the 30 A fallback leaves 33 A: 17 + 16 A, in the first cycle that finds the meter silent.
            var failed = cycles.Where(c => c.MeterFailed).ToList();
            Assert.NotEmpty(failed);
            Assert.All(failed, c => Assert.Equal(33, c.Commanded));
            // And back: the meter answers again after the failure.
            Assert.Contains(metered, c => c.Time > failed[^1].Time);
            Assert.Equal(0, (await AmtronProcess.Start("hil", "replay", recording).ExitAsync(Guard)));
        }
    }

    private sealed record Cycle(DateTimeOffset Time, bool MeterFailed, double[] Meter, int Commanded);

    /// <summary>The recording's complete cycles so far: time, whether the meter failed, its L1..L3 currents, the sum of the commands.</summary>
    private static List<Cycle> Cycles(string recording)
    {
        if (!File.Exists(recording))
        {
            return [];
        }

        using var stream = new FileStream(recording, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var cycles = new List<Cycle>();
        // Read while amtron writes: a last line without its line break is still being written.
        var text = reader.ReadToEnd();
        foreach (var line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("type").GetString() != "cycle")
            {
                continue;
            }

            var input = root.GetProperty("input");
            cycles.Add(new Cycle(
                root.GetProperty("time").GetDateTimeOffset(),
                input.GetProperty("meterFailed").GetBoolean(),
                [.. input.GetProperty("meterMilliamps").EnumerateArray().Select(m => m.GetInt64() / 1000.0)],
                root.GetProperty("decision").GetProperty("commands").EnumerateArray().Sum(c => c.GetProperty("current").GetInt32())));
        }

        return cycles;
    }

    private async Task<(AmtronProcess Process, int Port)> StartHardwareAsync()
    {
        var random = new Random();
        for (var attempt = 0; ; attempt++)
        {
            var port = random.Next(20_000, 32_000);
            var file = Path.Combine(_work, "hardware.yaml");
            await File.WriteAllTextAsync(file, Hardware(port));
            var process = AmtronProcess.Start("run", file, "--out", Path.Combine(_work, "out"), "--serve-ems", "--serve-meter", (port + 2).ToString(CultureInfo.InvariantCulture), "--speed", "4", "--quiet");
            if (await process.WaitForAsync(p => p.Error.Contains("runs at 4x real time", StringComparison.Ordinal), Guard))
            {
                return (process, port);
            }

            Assert.True(attempt < 10 && process.Error.Contains("cannot serve the site", StringComparison.Ordinal), process.Error);
            process.Dispose();
        }
    }
}
