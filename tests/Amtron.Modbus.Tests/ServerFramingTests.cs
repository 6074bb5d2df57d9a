using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>
/// How the server cuts a TCP byte stream into frames (Messaging on TCP/IP Implementation Guide V1.0b, 3.1.3: the MBAP
/// length field says how many bytes follow it, 2..254) and answers them in order, over raw sockets.
/// </summary>
public sealed class ServerFramingTests
{
    private static readonly TimeSpan Guard = ScriptedPeer.Guard;

    [Fact]
    public async Task Three_hundred_pipelined_reads_in_one_write_are_all_answered_in_order()
    {
        // 300 requests x 12 bytes = 3600 bytes in one TCP write; each answer is 7 + 1 + 1 + 125 x 2 = 259 bytes, so
        // the 77 700 bytes of answers are many times the server's 8 KB send buffer.
        await using var loop = await LoopbackServer.StartAsync();
        loop.Model.SetInputRegisters(0, [.. Enumerable.Range(0, 424).Select(i => (ushort)i)]);
        using var socket = await loop.RawAsync();
        var requests = Enumerable.Range(0, 300).SelectMany(k => Frame.Bytes((ushort)k, 0, 1, 0x04, (byte)(k >> 8), (byte)(k & 0xFF), 0x00, 0x7D)).ToArray();
        Assert.Equal(3600, requests.Length);
        await socket.SendAsync(requests);
        var answers = await socket.ReceiveAsync(300 * 259, Guard);
        Assert.Equal(300 * 259, answers.Length);
        for (var k = 0; k < 300; k++)
        {
            var answer = answers.AsSpan(k * 259, 259);
            Assert.Equal(k, BinaryPrimitives.ReadUInt16BigEndian(answer)); // transaction id
            Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0xFD, 0x01, 0x04, 0xFA }, answer[2..9].ToArray()); // length 253 = 1 + 252
            Assert.Equal(k, BinaryPrimitives.ReadUInt16BigEndian(answer[9..])); // register k
            Assert.Equal(k + 124, BinaryPrimitives.ReadUInt16BigEndian(answer[257..])); // register k + 124
        }

        // The connection is still in step for the next request.
        await socket.SendAsync(Frame.Bytes(300, 0, 1, 0x04, 0x00, 0x07, 0x00, 0x01));
        Assert.Equal(Frame.Bytes(300, 0, 1, 0x04, 0x02, 0x00, 0x07), await socket.ReceiveAsync(11, Guard));
    }

    [Fact]
    public async Task A_frame_split_after_a_complete_one_is_reassembled()
    {
        await using var loop = await LoopbackServer.StartAsync();
        loop.Model.SetInputRegisters(0, [10, 11]);
        using var socket = await loop.RawAsync();
        var first = Frame.Bytes(1, 0, 1, 0x04, 0x00, 0x00, 0x00, 0x01);
        var second = Frame.Bytes(2, 0, 1, 0x04, 0x00, 0x01, 0x00, 0x01);

        // The first frame and 9 of the second's 12 bytes (its header and part of its PDU), then the rest.
        await socket.SendAsync((byte[])[.. first, .. second[..9]]);
        Assert.Equal(Frame.Bytes(1, 0, 1, 0x04, 0x02, 0x00, 10), await socket.ReceiveAsync(11, Guard));
        await socket.SendAsync(second[9..]);
        Assert.Equal(Frame.Bytes(2, 0, 1, 0x04, 0x02, 0x00, 11), await socket.ReceiveAsync(11, Guard));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    public async Task A_header_alone_with_an_impossible_length_closes_the_connection(int length)
    {
        // Seven bytes are a whole header: its length can be judged without waiting for more.
        await using var loop = await LoopbackServer.StartAsync();
        using var socket = await loop.RawAsync();
        await socket.SendAsync(Frame.Header(1, 0, length, 1));
        Assert.True(await socket.ClosedByPeerAsync(Guard));
    }

    [Fact]
    public async Task Frames_before_an_impossible_length_are_answered_before_the_connection_closes()
    {
        await using var loop = await LoopbackServer.StartAsync();
        loop.Model.SetInputRegisters(0, [42]);
        using var socket = await loop.RawAsync();
        await socket.SendAsync((byte[])[.. Frame.Bytes(1, 0, 1, 0x04, 0x00, 0x00, 0x00, 0x01), .. Frame.Header(2, 0, 255, 1)]);
        Assert.Equal(Frame.Bytes(1, 0, 1, 0x04, 0x02, 0x00, 42), await socket.ReceiveAsync(11, Guard));
        Assert.True(await socket.ClosedByPeerAsync(Guard));
    }

    [Fact]
    public async Task Frames_of_length_2_and_254_are_answered()
    {
        // Length 2: a function code alone; 254: the longest PDU (253 bytes). Function 41 is not one of ours: 01.
        await using var loop = await LoopbackServer.StartAsync();
        using var socket = await loop.RawAsync();
        await socket.SendAsync(Frame.Bytes(1, 0, 1, 0x41));
        Assert.Equal(Frame.Bytes(1, 0, 1, 0xC1, 0x01), await socket.ReceiveAsync(9, Guard));
        await socket.SendAsync(Frame.Bytes(2, 0, 1, [0x41, .. new byte[252]]));
        Assert.Equal(Frame.Bytes(2, 0, 1, 0xC1, 0x01), await socket.ReceiveAsync(9, Guard));
    }

    [Fact]
    public async Task A_unit_no_model_serves_is_answered_0b_with_the_function_code_flagged()
    {
        // As a gateway: exception 0B (gateway target device failed to respond), function code + 0x80.
        var device = new MemoryDataModel(holdingRegisters: 1);
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, unit => unit == 5 ? device : null);
        await server.StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
        await socket.SendAsync(Frame.Bytes(1, 0, 9, 0x03, 0x00, 0x00, 0x00, 0x01));
        Assert.Equal(Frame.Bytes(1, 0, 9, 0x83, 0x0B), await socket.ReceiveAsync(9, Guard));
        await socket.SendAsync(Frame.Bytes(2, 0, 5, 0x03, 0x00, 0x00, 0x00, 0x01));
        Assert.Equal(Frame.Bytes(2, 0, 5, 0x03, 0x02, 0x00, 0x00), await socket.ReceiveAsync(11, Guard));
        Assert.Equal(2, server.RequestsServed);
    }
}
