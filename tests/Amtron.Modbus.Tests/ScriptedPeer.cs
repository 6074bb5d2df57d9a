using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Client;

namespace Amtron.Modbus.Tests;

/// <summary>
/// A hand-driven Modbus TCP peer on 127.0.0.1: the test accepts the client's connection, reads each request frame and
/// answers with bytes it crafts, so the client can be shown answers no correct server gives.
/// </summary>
internal sealed class ScriptedPeer : IDisposable
{
    /// <summary>Real-time guard so a broken test fails instead of hanging; never what a test measures.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ScriptedPeer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A client of this peer. Its timeout is generous: these tests are not about timing.</summary>
    public ModbusTcpClient Client(byte unit = 1, TimeProvider? time = null, TimeSpan? timeout = null) =>
        new(new ModbusClientOptions { Port = Port, UnitId = unit, Timeout = timeout ?? TimeSpan.FromSeconds(15), Time = time ?? TimeProvider.System });

    public async Task<Socket> AcceptAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        var socket = await _listener.AcceptSocketAsync(guard.Token);
        socket.NoDelay = true;
        return socket;
    }

    /// <summary>Accepts the client's connection, reads its request and answers it with <paramref name="pdu"/> (same transaction and unit).</summary>
    public async Task<(Socket Socket, Frame Request)> AnswerOnceAsync(params byte[] pdu)
    {
        var socket = await AcceptAsync();
        var request = await Frame.ReadAsync(socket);
        await socket.SendAsync(request.Answer(pdu));
        return (socket, request);
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>One Modbus TCP frame: the MBAP header's fields and the PDU.</summary>
internal sealed record Frame(ushort TransactionId, ushort ProtocolId, byte Unit, byte[] Pdu)
{
    /// <summary>The MBAP length field: unit id + PDU.</summary>
    public int Length => 1 + Pdu.Length;

    /// <summary>Reads one whole frame (header, then as many bytes as its length field announces).</summary>
    public static async Task<Frame> ReadAsync(Socket socket)
    {
        var header = await socket.ReceiveAsync(7, ScriptedPeer.Guard);
        Assert.Equal(7, header.Length);
        var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        var pdu = await socket.ReceiveAsync(length - 1, ScriptedPeer.Guard);
        Assert.Equal(length - 1, pdu.Length);
        return new Frame(BinaryPrimitives.ReadUInt16BigEndian(header), BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)), header[6], pdu);
    }

    /// <summary>The bytes of a frame with <paramref name="pdu"/>, with the MBAP length field set to 1 + its length.</summary>
    public static byte[] Bytes(ushort transactionId, ushort protocolId, byte unit, params byte[] pdu) =>
        [.. Header(transactionId, protocolId, pdu.Length + 1, unit), .. pdu];

    /// <summary>A 7-byte MBAP header with any <paramref name="length"/> field, valid or not.</summary>
    public static byte[] Header(ushort transactionId, ushort protocolId, int length, byte unit)
    {
        var header = new byte[7];
        BinaryPrimitives.WriteUInt16BigEndian(header, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), protocolId);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)length);
        header[6] = unit;
        return header;
    }

    /// <summary>The answer a correct server would frame around <paramref name="pdu"/>: this frame's transaction, protocol and unit.</summary>
    public byte[] Answer(params byte[] pdu) => Bytes(TransactionId, ProtocolId, Unit, pdu);
}
