using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Hil;
using Amtron.Hil.Devices;
using Amtron.Modbus.Server;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Benchmarks;

/// <summary>
/// `hil-latency [--points N] [--cycles N] [--steady]` for docs/performance.md: the live loop's cycle on loopback, from the start
/// of the meter read to the end of the last write, against N virtual AMTRONs (each its own Modbus TCP server, as real
/// stations are) and a virtual PAC2200. Every cycle writes: the house load alternates, so every setpoint changes.
/// Prints p50, p99 and the largest (the tool's own timing: each cycle's <c>latencyMs</c>, as `amtron hil --record` has it).
/// </summary>
internal static class HilLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        // As `amtron hil` runs (socket continuations inline), unless the variable is set: it is read at the first socket use.
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        }

        var points = RunOptions.Int(args, "--points", 50);
        var cycles = RunOptions.Int(args, "--cycles", 1000);
        // --steady: the house load never changes, so after the first cycle nothing is written (reads only), as in a
        // loop whose setpoints hold; else every point is written every cycle (the worst case).
        var steady = args.Contains("--steady");
        var settings = new DlmSettings(PhaseCurrents.Uniform(points * 16))
        {
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(points * 16)),
        };
        var specs = Enumerable.Range(1, points).Select(i => new ChargePointSpec($"CP{i}", "CS", Amps.From(32), ChargePointSpec.NoRotation)).ToList();
        var station = new StationSpec("CS", StationRole.MasterWithInternalSlave, specs);
        var network = new NetworkSpec(0, settings, new DlmControllerOptions(), [station]);

        var meterSource = new Alternating();
        var servers = new List<ModbusTcpServer>();
        var links = new List<AmtronLink>();
        try
        {
            var meter = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, new Pac2200Meter(meterSource));
            await meter.StartAsync();
            servers.Add(meter);
            var hilPoints = new List<HilPoint>();
            foreach (var spec in specs)
            {
                var device = new AmtronEmsDevice(new FixedChargePoint(new ChargePointReading { Vehicle = VehicleState.C, RelayPhases = 3, CurrentsA = [16, 16, 16], SignalledAmps = 16, EvMaximumAmps = 32 }), new EmsInterfaceSpec { Server = true });
                var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _ => device);
                await server.StartAsync();
                servers.Add(server);
                var link = new AmtronLink("127.0.0.1", server.LocalEndPoint.Port, 1, TimeSpan.FromSeconds(1), TimeProvider.System);
                links.Add(link);
                hilPoints.Add(new HilPoint(spec, station, link));
            }

            await using var meterLink = new Pac2200Link("127.0.0.1", meter.LocalEndPoint.Port, 1, TimeSpan.FromSeconds(1), TimeProvider.System);
            var loop = new HilLoop(network, hilPoints, meterLink, new HilOptions { Write = true }, TimeProvider.System, null, TextWriter.Null);
            var latencies = new List<double>();
            var decisions = new List<double>();
            long allocatedBefore = 0;
            var pausedBefore = TimeSpan.Zero;
            var collectionsBefore = new int[3];
            for (var c = 0; c < cycles + 20; c++)
            {
                if (c == 20)
                {
                    // Load-independent: the bytes allocated per cycle (loop and servers, this process) and the collections they cost.
                    allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    collectionsBefore = [.. Enumerable.Range(0, 3).Select(GC.CollectionCount)];
                    pausedBefore = GC.GetTotalPauseDuration();
                }

                meterSource.Step = steady ? 0 : c;
                var record = await loop.CycleAsync(CancellationToken.None);
                if (c >= 20)
                {
                    // The first cycles connect and compile: not a cycle of a running loop.
                    latencies.Add(record.LatencyMs);
                    decisions.Add(record.DecisionMs);
                }

                var expected = steady && c > 0 ? 0 : points;
                if (record.Writes.Count != expected)
                {
                    Console.Error.WriteLine($"cycle {c}: {record.Writes.Count} writes, not {expected}; errors: {string.Join("; ", record.Errors)}");
                    return 1;
                }
            }

            var allocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / cycles;
            var collections = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{points} points, {cycles} cycles, {(steady ? "reads only" : "each writing every point")}: latency p50 {Percentile(latencies, 50):0.00} ms, p99 {Percentile(latencies, 99):0.00} ms, max {latencies.Max():0.00} ms; decision p50 {Percentile(decisions, 50):0.000} ms, p99 {Percentile(decisions, 99):0.000} ms; allocated {allocatedKb:0.0} kB per cycle, collections gen0/1/2 {collections}, paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0.0} ms in all"));
            return 0;
        }
        finally
        {
            foreach (var link in links)
            {
                await link.DisposeAsync();
            }

            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>A house of 0 A and 16 A per phase in turn, so the available current, and every setpoint, changes each cycle.</summary>
    private sealed class Alternating : IMeterSource
    {
        public int Step { get; set; }

        public MeterSample Sample(DateTimeOffset now) => new(PhaseCurrents.Uniform(Step % 2 == 0 ? 0 : 16 * 4));
    }
}
