using System.Globalization;
using System.Net;
using System.Text.Json;
using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Interop.Tests;

/// <summary>python3-pymodbus against our server, and our client against a pymodbus server.</summary>
public sealed class PymodbusTests
{
    [PymodbusFact]
    public async Task Pymodbus_reads_and_writes_against_our_server()
    {
        var model = new MemoryDataModel(coils: 100, discreteInputs: 100, holdingRegisters: 1000, inputRegisters: 100);
        model.SetInputRegisters(10, [4242, 7]);
        model.SetDiscreteInputs(0, [true, false, true]);
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, model);
        await server.StartAsync();
        var port = server.LocalEndPoint.Port;
        var (exit, output) = await Task.Run(() => Peers.Run(Peers.DebianPython, [Peers.Script("pymodbus_client.py"), port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60)));
        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal([1, 2, 3, 65535], Ints(root, "holding"));
        Assert.Equal([0xBEEF], Ints(root, "single"));
        Assert.Equal([4242, 7], Ints(root, "input"));
        Assert.Equal([false, false, false, false, false, true, false, false, true, false, true], root.GetProperty("coils").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([true, false, true], root.GetProperty("discrete").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([7, 9], Ints(root, "readwrite"));
        Assert.Equal(3, root.GetProperty("exception_126").GetInt32());
        Assert.Equal(2, root.GetProperty("exception_beyond").GetInt32());
        Assert.Equal(new ushort[] { 1, 2, 3, 65535 }, model.HoldingRegisters()[100..104]);
    }

    [PymodbusFact]
    public async Task Our_client_reads_and_writes_a_pymodbus_server()
    {
        var port = Peers.FreePort();
        var start = new System.Diagnostics.ProcessStartInfo(Peers.DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Peers.Script("pymodbus_server.py"));
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        using var peer = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(5), ReconnectDelay = TimeSpan.FromMilliseconds(50), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) });
            var holding = await Eventually(() => client.ReadHoldingRegistersAsync(0, 10).AsTask());
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (ushort)(3 * i)), holding);
            Assert.Equal(new ushort[] { 1005, 1006 }, await client.ReadInputRegistersAsync(5, 2));
            Assert.Equal(new[] { true, false, true, false }, await client.ReadCoilsAsync(0, 4));
            Assert.Equal(new[] { true, false, false, true }, await client.ReadDiscreteInputsAsync(0, 4));
            await client.WriteMultipleRegistersAsync(20, [11, 22, 33]);
            Assert.Equal(new ushort[] { 11, 22, 33 }, await client.ReadHoldingRegistersAsync(20, 3));
            await client.WriteSingleRegisterAsync(30, 0xCAFE);
            Assert.Equal(new ushort[] { 0xCAFE }, await client.ReadHoldingRegistersAsync(30, 1));
            await client.WriteSingleCoilAsync(1, true);
            Assert.Equal(new[] { true, true }, await client.ReadCoilsAsync(0, 2));
            var error = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(0, 126));
            Assert.Equal(ExceptionCode.IllegalDataValue, error.Code);
        }
        finally
        {
            peer.Kill(entireProcessTree: true);
            await peer.WaitForExitAsync();
        }
    }

    private static int[] Ints(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>Retries while the peer process is still starting (up to 20 s).</summary>
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
}
