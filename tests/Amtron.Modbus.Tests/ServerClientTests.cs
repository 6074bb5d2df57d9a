using System.Buffers.Binary;
using System.Net.Sockets;
using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Tests;

/// <summary>Our client against our server over loopback: every function, the frame rules, concurrency and limits.</summary>
public sealed class ServerClientTests
{
    [Fact]
    public async Task Every_function_round_trips()
    {
        await using var loop = await LoopbackServer.StartAsync();
        using var client = loop.Client();
        await client.WriteMultipleRegistersAsync(100, [1, 2, 3]);
        Assert.Equal(new ushort[] { 1, 2, 3 }, await client.ReadHoldingRegistersAsync(100, 3));
        await client.WriteSingleRegisterAsync(101, 0xBEEF);
        Assert.Equal(new ushort[] { 0xBEEF }, await client.ReadHoldingRegistersAsync(101, 1));
        loop.Model.SetInputRegisters(7, [9, 8]);
        Assert.Equal(new ushort[] { 9, 8 }, await client.ReadInputRegistersAsync(7, 2));
        await client.WriteSingleCoilAsync(3, true);
        await client.WriteMultipleCoilsAsync(10, [true, false, true]);
        Assert.Equal(new[] { false, false, false, true, false }, await client.ReadCoilsAsync(0, 5));
        Assert.Equal(new[] { true, false, true }, await client.ReadCoilsAsync(10, 3));
        loop.Model.SetDiscreteInputs(0, [false, true]);
        Assert.Equal(new[] { false, true }, await client.ReadDiscreteInputsAsync(0, 2));
        Assert.Equal(new ushort[] { 7, 3 }, await client.ReadWriteMultipleRegistersAsync(101, 2, 101, [7]));
    }

    [Fact]
    public async Task An_exception_response_is_thrown_with_its_code_and_the_connection_stays_usable()
    {
        await using var loop = await LoopbackServer.StartAsync();
        using var client = loop.Client();
        var error = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(0, 126));
        Assert.Equal(ExceptionCode.IllegalDataValue, error.Code);
        Assert.Equal(FunctionCode.ReadHoldingRegisters, error.Function);
        Assert.Single(await client.ReadHoldingRegistersAsync(0, 1));
    }

    [Fact]
    public async Task Transaction_id_protocol_id_and_unit_id_are_echoed()
    {
        await using var loop = await LoopbackServer.StartAsync();
        using var socket = await loop.RawAsync();
        await socket.SendAsync(new byte[] { 0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0xA7, 0x03, 0x00, 0x00, 0x00, 0x01 });
        Assert.Equal(new byte[] { 0x12, 0x34, 0x00, 0x00, 0x00, 0x05, 0xA7, 0x03, 0x02, 0x00, 0x00 }, await socket.ReceiveAsync(11));
    }

    [Fact]
    public async Task Pipelined_and_split_frames_are_answered_in_order()
    {
        await using var loop = await LoopbackServer.StartAsync();
        loop.Model.SetInputRegisters(0, [10, 11, 12]);
        using var socket = await loop.RawAsync();
        var frames = new List<byte>();
        for (byte i = 0; i < 3; i++)
        {
            frames.AddRange([0x00, i, 0x00, 0x00, 0x00, 0x06, 0x01, 0x04, 0x00, i, 0x00, 0x01]);
        }

        // Send in awkward pieces: the server must reassemble frames across TCP reads.
        var bytes = frames.ToArray();
        foreach (var piece in new[] { bytes[..3], bytes[3..17], bytes[17..] })
        {
            await socket.SendAsync(piece);
            await Task.Delay(20);
        }

        var answers = await socket.ReceiveAsync(33);
        for (byte i = 0; i < 3; i++)
        {
            Assert.Equal(new byte[] { 0x00, i, 0x00, 0x00, 0x00, 0x05, 0x01, 0x04, 0x02, 0x00, (byte)(10 + i) }, answers[(11 * i)..(11 * (i + 1))]);
        }
    }

    [Fact]
    public async Task A_frame_with_another_protocol_id_is_dropped_silently()
    {
        await using var loop = await LoopbackServer.StartAsync();
        using var socket = await loop.RawAsync();
        await socket.SendAsync(new byte[]
        {
            0x00, 0x01, 0x00, 0x07, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01, // protocol 7: no answer
            0x00, 0x02, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01,
        });
        var answer = await socket.ReceiveAsync(11);
        Assert.Equal(0x02, answer[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(0xFFFF)]
    public async Task An_impossible_length_closes_only_that_connection(int length)
    {
        await using var loop = await LoopbackServer.StartAsync();
        using var bad = await loop.RawAsync();
        await bad.SendAsync(new byte[] { 0x00, 0x01, 0x00, 0x00, unchecked((byte)(length >> 8)), unchecked((byte)length), 0x01, 0x03 });
        Assert.True(await bad.ClosedByPeerAsync(TimeSpan.FromSeconds(5)));
        using var client = loop.Client();
        Assert.Single(await client.ReadHoldingRegistersAsync(0, 1));
    }

    [Fact]
    public async Task Many_clients_at_once_each_get_their_own_answers()
    {
        await using var loop = await LoopbackServer.StartAsync();
        var clients = Enumerable.Range(0, 40).Select(_ => loop.Client()).ToList();
        await Task.WhenAll(clients.Select(async (client, index) =>
        {
            for (var i = 0; i < 50; i++)
            {
                var address = (ushort)((index * 100) + i);
                await client.WriteSingleRegisterAsync(address, (ushort)(index + i));
                Assert.Equal((ushort)(index + i), (await client.ReadHoldingRegistersAsync(address, 1))[0]);
            }
        }));
        clients.ForEach(c => c.Dispose());
        Assert.Equal(40 * 100, loop.Server.RequestsServed);
    }

    [Fact]
    public async Task At_the_connection_limit_the_longest_idle_connection_is_closed()
    {
        await using var loop = await LoopbackServer.StartAsync(maxConnections: 2);
        using var first = await loop.RawAsync();
        await Task.Delay(50);
        using var second = await loop.RawAsync();
        await Task.Delay(50);
        using var client = loop.Client();
        Assert.Single(await client.ReadHoldingRegistersAsync(0, 1));
        Assert.True(await first.ClosedByPeerAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, loop.Server.ConnectionCount);
    }

    [Fact]
    public async Task Idle_connections_are_closed_after_the_idle_timeout()
    {
        await using var loop = await LoopbackServer.StartAsync(idleTimeout: TimeSpan.FromMilliseconds(200));
        using var idle = await loop.RawAsync();
        Assert.True(await idle.ClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Stop_closes_every_connection_and_frees_the_port()
    {
        var loop = await LoopbackServer.StartAsync();
        var port = loop.Port;
        using var socket = await loop.RawAsync();
        await loop.DisposeAsync();
        Assert.True(await socket.ClosedByPeerAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, loop.Server.ConnectionCount);
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(async () => await probe.ConnectAsync(System.Net.IPAddress.Loopback, port));
    }

    [Fact]
    public async Task A_silent_server_is_a_timeout_and_the_client_reconnects_afterwards()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromMilliseconds(200) });
        var accepted = listener.AcceptSocketAsync();
        await Assert.ThrowsAsync<TimeoutException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        (await accepted).Dispose();
        Assert.False(client.Connected);
    }

    [Fact]
    public async Task A_late_answer_to_an_earlier_request_is_not_taken_for_the_current_one()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        // Not a timeout test: a generous timeout, so a loaded CI machine starting the peer late cannot fail it.
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(15) });
        var serving = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync();
            var request = await peer.ReceiveAsync(12);
            // A stale answer (another transaction id) first, then the real one.
            await peer.SendAsync(RawSocket.OneRegisterAnswer(0x7777, 0xDEAD));
            await peer.SendAsync(RawSocket.OneRegisterAnswer(request, 42));
            await Task.Delay(200);
        });
        Assert.Equal(new ushort[] { 42 }, await client.ReadHoldingRegistersAsync(0, 1));
        await serving;
    }

    [Fact]
    public async Task Answers_are_framed_whatever_the_segments_two_in_one_send_or_one_byte_at_a_time()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(15) });
        var serving = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync();
            peer.NoDelay = true;

            // First request: a stale answer and the real one (42) in one segment, then, unasked, the answer the
            // next request will get (7) with the following request's transaction id.
            var first = await peer.ReceiveAsync(12);
            var id = BinaryPrimitives.ReadUInt16BigEndian(first);
            var stale = RawSocket.OneRegisterAnswer(0x7777, 0xDEAD);
            await peer.SendAsync(stale.Concat(RawSocket.OneRegisterAnswer(id, 42)).Concat(RawSocket.OneRegisterAnswer((ushort)(id + 1), 7)).ToArray());

            // Second request: answered from what is already there. Third: its answer trickles in byte by byte.
            await peer.ReceiveAsync(12);
            var third = await peer.ReceiveAsync(12);
            foreach (var b in RawSocket.OneRegisterAnswer(third, 1234))
            {
                await peer.SendAsync(new[] { b });
                await Task.Delay(2);
            }

            await Task.Delay(200);
        });
        Assert.Equal(new ushort[] { 42 }, await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Equal(new ushort[] { 7 }, await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Equal(new ushort[] { 1234 }, await client.ReadHoldingRegistersAsync(0, 1));
        await serving;
    }

    [Fact]
    public async Task The_caller_s_token_ends_its_own_request_at_once_and_no_later_one()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(30) });
        var serving = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync();
            // First request: answered. Second: never answered (the caller cancels it). Third: answered after 300 ms.
            var first = await peer.ReceiveAsync(12);
            await peer.SendAsync(RawSocket.OneRegisterAnswer(first, 1));
            await peer.ReceiveAsync(12);
            using var next = await listener.AcceptSocketAsync(); // the cancelled request closed the first connection
            var third = await next.ReceiveAsync(12);
            await Task.Delay(300);
            await next.SendAsync(RawSocket.OneRegisterAnswer(third, 3));
            await Task.Delay(200);
        });

        using var earlier = new CancellationTokenSource();
        Assert.Equal(new ushort[] { 1 }, await client.ReadHoldingRegistersAsync(0, 1, cancellationToken: earlier.Token));

        // A cancelled caller ends its request at once, not at the 30 s timeout.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await client.ReadHoldingRegistersAsync(0, 1, cancellationToken: cancel.Token));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");

        // The first request's token, cancelled while a later request runs, does not end that one.
        var third = client.ReadHoldingRegistersAsync(0, 1).AsTask();
        await Task.Delay(100);
        await earlier.CancelAsync();
        Assert.Equal(new ushort[] { 3 }, await third);
        await serving;
    }

    [Fact]
    public async Task A_refused_connection_backs_off_before_the_next_attempt()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(10), ReconnectDelay = TimeSpan.FromSeconds(30) });
        var first = await Assert.ThrowsAnyAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        var second = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Contains("next attempt", second.Message, StringComparison.Ordinal);
        Assert.NotNull(first);
    }

    [Fact]
    public async Task Device_identification_is_read_in_full()
    {
        var model = new Server.MemoryDataModel(holdingRegisters: 1, identification: new DeviceIdentification("Siemens", "7KM2200", "V3.2.0"));
        await using var loop = await LoopbackServer.StartAsync(model: model);
        using var client = loop.Client();
        var objects = await client.ReadDeviceIdentificationAsync();
        Assert.Equal("Siemens", objects[0]);
        Assert.Equal("7KM2200", objects[1]);
        Assert.Equal("V3.2.0", objects[2]);
    }
}

/// <summary>The typed helpers over a real connection.</summary>
public sealed class TypedReadTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Typed_values_round_trip_in_either_word_order(bool highFirst)
    {
        var order = highFirst ? WordOrder.HighWordFirst : WordOrder.LowWordFirst;
        await using var loop = await LoopbackServer.StartAsync();
        using var client = loop.Client();
        await client.WriteFloat32Async(10, 123.456f, order);
        await client.WriteUInt32Async(20, 0xDEADBEEF, order);
        Assert.Equal(123.456f, await client.ReadFloat32Async(10, order));
        Assert.Equal(0xDEADBEEF, await client.ReadUInt32Async(20, order));
        Assert.Equal(highFirst ? (ushort)0xDEAD : (ushort)0xBEEF, await client.ReadUInt16Async(20));
        var registers = new ushort[4];
        RegisterValues.FromFloat64(1234.5678, registers, order);
        await client.WriteMultipleRegistersAsync(30, registers);
        Assert.Equal(1234.5678, await client.ReadFloat64Async(30, order));
        loop.Model.SetInputRegisters(0, [0x40E8, 0x0000]);
        Assert.Equal(7.25f, await client.ReadFloat32Async(0, table: FunctionCode.ReadInputRegisters));
    }
}
