using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Client;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>A server on 127.0.0.1 with a free port, and helpers to talk to it raw or with our client.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(ModbusTcpServer server, MemoryDataModel model)
    {
        Server = server;
        Model = model;
    }

    public ModbusTcpServer Server { get; }

    public MemoryDataModel Model { get; }

    public int Port => Server.LocalEndPoint.Port;

    public static async Task<LoopbackServer> StartAsync(int maxConnections = 128, MemoryDataModel? model = null, TimeSpan? idleTimeout = null)
    {
        model ??= new MemoryDataModel(coils: 2000, discreteInputs: 2000, holdingRegisters: 65536, inputRegisters: 65536);
        var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), MaxConnections = maxConnections, IdleTimeout = idleTimeout }, model);
        await server.StartAsync();
        return new LoopbackServer(server, model);
    }

    public ModbusTcpClient Client(TimeSpan? timeout = null) =>
        new(new ModbusClientOptions { Host = "127.0.0.1", Port = Port, Timeout = timeout ?? TimeSpan.FromSeconds(5) });

    public async Task<Socket> RawAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, Port);
        return socket;
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Raw socket helpers with a deadline, so a test never hangs.</summary>
internal static class RawSocket
{
    /// <summary>An FC 03 answer of one register, <paramref name="value"/>, to the transaction <paramref name="id"/> (unit 1).</summary>
    public static byte[] OneRegisterAnswer(ushort id, ushort value) =>
        [(byte)(id >> 8), (byte)(id & 0xFF), 0x00, 0x00, 0x00, 0x05, 0x01, 0x03, 0x02, (byte)(value >> 8), (byte)(value & 0xFF)];

    /// <summary>The answer of one register to <paramref name="request"/> (its transaction id).</summary>
    public static byte[] OneRegisterAnswer(byte[] request, ushort value) => OneRegisterAnswer((ushort)((request[0] << 8) | request[1]), value);

    public static async Task<byte[]> ReceiveAsync(this Socket socket, int count, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(5));
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                return buffer[..read];
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>True when the peer closed the connection (receive returns 0) within the time.</summary>
    public static async Task<bool> ClosedByPeerAsync(this Socket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[1];
        try
        {
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
