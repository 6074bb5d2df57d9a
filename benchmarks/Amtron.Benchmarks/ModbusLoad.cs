using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Client;
using Amtron.Modbus.Server;

namespace Amtron.Benchmarks;

/// <summary>
/// Loopback load and fuzz runs for docs/performance.md (not BenchmarkDotNet: it measures a server under many
/// clients). `modbus-load [--clients N] [--requests N] [--target PORT]`: N clients, each with its own connection,
/// read 6 input registers back to back until the total is reached; against our server (default) or any server on
/// 127.0.0.1:PORT (e.g. the libmodbus reference). `modbus-fuzz [--frames N]`: random frames on fresh connections,
/// then checks that the server still answers and how much memory it holds. `modbus-serve [--port N]`: our server
/// alone in its own process, as the target of a load run.
/// </summary>
internal static class ModbusLoad
{
    private const ushort RegistersPerRead = 6;
    private static readonly byte[] FunctionCodes = [1, 2, 3, 4, 5, 6, 15, 16, 23, 43];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        return args[0] switch
        {
            "modbus-fuzz" => await FuzzAsync(options),
            "modbus-serve" => await ServeAsync(options["--port"]),
            _ => await LoadAsync(options),
        };
    }

    private static Dictionary<string, int> Options(string[] args)
    {
        var options = new Dictionary<string, int>(StringComparer.Ordinal) { ["--clients"] = 50, ["--requests"] = 100_000, ["--frames"] = 100_000, ["--target"] = 0, ["--port"] = 15503 };
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }

        return options;
    }

    private static async Task<int> LoadAsync(Dictionary<string, int> options)
    {
        var (clients, total, target) = (options["--clients"], options["--requests"], options["--target"]);
        await using var ours = target == 0 ? await StartOursAsync() : null;
        var port = ours?.LocalEndPoint.Port ?? target;
        var perClient = total / clients;
        var latencies = new long[perClient * clients];
        var failedConnections = 0;
        var errors = 0;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(5) });
            try
            {
                await client.ReadInputRegistersAsync(0, RegistersPerRead);
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                Interlocked.Increment(ref failedConnections);
                return;
            }

            for (var i = 0; i < perClient; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await client.ReadInputRegistersAsync(0, RegistersPerRead);
                }
                catch (Exception e) when (e is IOException or TimeoutException or ModbusException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[(c * perClient) + i] = Stopwatch.GetTimestamp() - started;
            }
        }));
        wall.Stop();
        latencies = [.. latencies.Where(l => l > 0)];
        Array.Sort(latencies);
        if (latencies.Length == 0)
        {
            Console.WriteLine($"no request succeeded: {failedConnections} failed connections, {errors} errors");
            return 1;
        }

        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        var served = (perClient * (clients - failedConnections)) - errors;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server {(ours is null ? $"127.0.0.1:{port}" : "amtron")}: {clients} clients, {served} requests (read {RegistersPerRead} input registers) in {wall.Elapsed.TotalSeconds:0.00} s = {served / wall.Elapsed.TotalSeconds:0} requests/s; " +
            $"latency p50 {Ms(latencies[latencies.Length / 2]):0.000} ms, p99 {Ms(latencies[(int)(latencies.Length * 0.99)]):0.000} ms, max {Ms(latencies[^1]):0.0} ms; errors {errors}, failed connections {failedConnections}; " +
            $"managed memory {memoryBefore / 1e6:0.0} -> {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0.0} MB"));
        return errors == 0 && failedConnections == 0 ? 0 : 1;
    }

    private static async Task<int> FuzzAsync(Dictionary<string, int> options)
    {
        var frames = options["--frames"];
        await using var server = await StartOursAsync();
        var port = server.LocalEndPoint.Port;
        var random = new Random(2026);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var wall = Stopwatch.StartNew();
        const int FramesPerConnection = 100;
        for (var sent = 0; sent < frames; sent += FramesPerConnection)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port);
            for (var f = 0; f < FramesPerConnection; f++)
            {
                var frame = new byte[random.Next(8, 261)];
                random.NextBytes(frame);
                var kind = random.Next(100);
                if (kind >= 2)
                {
                    // 98 %: well framed (right length) with a random PDU, half of them with a real function code so
                    // the quantity, byte count and address checks are what is hit; 5 % with another protocol id.
                    frame[2] = 0;
                    frame[3] = (byte)(kind < 7 ? random.Next(1, 256) : 0);
                    frame[4] = (byte)((frame.Length - 6) >> 8);
                    frame[5] = (byte)(frame.Length - 6);
                    if (random.Next(2) == 0)
                    {
                        frame[7] = FunctionCodes[random.Next(FunctionCodes.Length)];
                    }
                }

                try
                {
                    await socket.SendAsync(frame);
                }
                catch (SocketException)
                {
                    break; // the server closed this connection on a bad length: as designed
                }
            }
        }

        using var check = new ModbusTcpClient(new ModbusClientOptions { Port = port });
        var answers = await check.ReadInputRegistersAsync(0, RegistersPerRead);
        await Task.Delay(500);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: {frames} random frames in {wall.Elapsed.TotalSeconds:0.0} s; server still answers ({answers.Length} registers), {server.RequestsServed} requests answered, " +
            $"{server.ConnectionCount} connections open after all closed but the check; managed memory {memoryBefore / 1e6:0.0} -> {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0.0} MB"));
        return 0;
    }

    /// <summary>Our server alone in its own process, so a load run compares server with server, not with its client.</summary>
    private static async Task<int> ServeAsync(int port)
    {
        Cli.InlineSocketCompletions.Prefer();
        await using var server = await StartOursAsync(port);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening on {server.LocalEndPoint}"));
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    private static async Task<ModbusTcpServer> StartOursAsync(int port = 0)
    {
        var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port), MaxConnections = 256 }, new MemoryDataModel(holdingRegisters: 1000, inputRegisters: 1000));
        await server.StartAsync();
        return server;
    }
}
