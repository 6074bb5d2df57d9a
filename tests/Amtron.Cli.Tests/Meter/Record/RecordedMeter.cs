using System.Net;
using Amtron.Dlm.Units;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Tests.Meter.Record;

/// <summary>
/// A virtual PAC2200 on 127.0.0.1 for recording tests, with a hook called on every request (three per reading) that
/// may make the meter refuse it (exception 0B: the reading fails) or move the recorder's clock (a slow answer).
/// </summary>
internal sealed class RecordedMeter : IAsyncDisposable
{
    private readonly ModbusTcpServer _server;

    private RecordedMeter(ModbusTcpServer server) => _server = server;

    public int Port => _server.LocalEndPoint.Port;

    /// <summary>A meter serving <paramref name="currents"/>; <paramref name="answers"/> (default: always) is asked per request.</summary>
    public static async Task<RecordedMeter> StartAsync(PhaseCurrents currents, Func<bool>? answers = null)
    {
        var meter = new Pac2200Meter(new ConstantSource(new MeterSample(currents)));
        var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _ => answers is null || answers() ? meter : null);
        await server.StartAsync();
        return new RecordedMeter(server);
    }

    /// <summary>A port nothing listens on (taken, then freed).</summary>
    public static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
