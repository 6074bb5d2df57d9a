using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Server;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Modbus.Tests;

/// <summary>
/// The server's life: arguments, start, stop, and the connection limit (Messaging on TCP/IP Implementation Guide
/// V1.0b, 4.2.1.1: at the limit, the connection idle the longest is closed; here a client is refused when every
/// connection is busy). "Idle the longest" runs on a fake clock advanced by hand; "busy" is a request held in the model.
/// </summary>
public sealed class ServerLifecycleTests
{
    private static readonly TimeSpan Guard = ScriptedPeer.Guard;
    private static readonly IPEndPoint AnyPort = new(IPAddress.Loopback, 0);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Options_units_a_clock_and_room_for_one_connection_are_required()
    {
        var model = new MemoryDataModel(holdingRegisters: 1);
        Assert.Throws<ArgumentNullException>("options", () => new ModbusTcpServer(null!, model));
        Assert.Throws<ArgumentNullException>("model", () => new ModbusTcpServer(new ModbusServerOptions(), (IModbusDataModel)null!));
        Assert.Throws<ArgumentNullException>("units", () => new ModbusTcpServer(new ModbusServerOptions(), (Func<byte, IModbusDataModel?>)null!));
        var noClock = Assert.Throws<ArgumentException>("options", () => new ModbusTcpServer(new ModbusServerOptions { Time = null! }, model));
        Assert.Contains("Time", noClock.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusTcpServer(new ModbusServerOptions { MaxConnections = 0 }, model));
    }

    [Fact]
    public async Task A_server_has_an_end_point_only_once_started_and_starts_once()
    {
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort }, new MemoryDataModel(holdingRegisters: 1));
        var notYet = Assert.Throws<InvalidOperationException>(() => server.LocalEndPoint);
        Assert.Contains("not started", notYet.Message, StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.StartAsync(cancelled.Token));
        Assert.Throws<InvalidOperationException>(() => server.LocalEndPoint); // a cancelled start binds nothing

        await server.StartAsync();
        Assert.NotEqual(0, server.LocalEndPoint.Port);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());
        Assert.Contains("already started", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_a_socket_error_at_start()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = (IPEndPoint)other.LocalEndpoint;
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = taken }, new MemoryDataModel(holdingRegisters: 1));
        await Assert.ThrowsAsync<SocketException>(() => server.StartAsync());
        Assert.Throws<InvalidOperationException>(() => server.LocalEndPoint);
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort }, new MemoryDataModel(holdingRegisters: 1));
        await server.StartAsync();
        await server.DisposeAsync();
        await server.DisposeAsync();
        await server.StopAsync();
    }

    [Fact]
    public async Task Stop_returns_once_every_connection_is_gone()
    {
        await using var loop = await LoopbackServer.StartAsync();
        var sockets = new List<Socket>();
        for (var i = 0; i < 20; i++)
        {
            sockets.Add(await loop.RawAsync());
        }

        await WaitForAsync(() => loop.Server.ConnectionCount == 20);
        await loop.Server.StopAsync();
        Assert.Equal(0, loop.Server.ConnectionCount); // no waiting: StopAsync waited
        sockets.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Stop_waits_for_the_request_being_answered()
    {
        using var gate = new GateModel();
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort }, gate);
        await server.StartAsync();
        using var socket = await ConnectAsync(server);
        await socket.SendAsync(Frame.Bytes(1, 0, 1, 0x03, 0x00, 0x00, 0x00, 0x01));
        await gate.EnteredAsync();

        var stop = server.StopAsync();
        await Task.Delay(50);
        Assert.False(stop.IsCompleted);
        gate.Open();
        await stop.WaitAsync(Guard);
        Assert.Equal(0, server.ConnectionCount);
        Assert.True(await socket.ClosedByPeerAsync(Guard));
    }

    [Fact]
    public async Task At_the_limit_a_new_client_is_refused_while_every_connection_is_busy()
    {
        using var gate = new GateModel();
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort, MaxConnections = 1, Time = _clock }, gate);
        await server.StartAsync();
        using var busy = await ConnectAsync(server);
        await busy.SendAsync(Frame.Bytes(1, 0, 1, 0x03, 0x00, 0x00, 0x00, 0x01));
        await gate.EnteredAsync();

        using var refused = await ConnectAsync(server);
        Assert.True(await refused.ClosedByPeerAsync(Guard));
        Assert.Equal(1, server.ConnectionsRefused);
        gate.Open();
        Assert.Equal(Frame.Bytes(1, 0, 1, 0x03, 0x02, 0x00, 0x07), await busy.ReceiveAsync(11, Guard));
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Clients_that_send_but_never_read_lose_their_slots_after_the_send_timeout()
    {
        // Two clients fill both slots with requests for 125 registers each and never read: the answers fill the
        // socket buffers, the server's sends stop, and the connections stay "busy". After the send timeout they are
        // closed, so a DLM master that does read gets in (before, it was locked out for good).
        var model = new MemoryDataModel(holdingRegisters: 125);
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort, MaxConnections = 2, SendTimeout = TimeSpan.FromSeconds(5) }, model);
        await server.StartAsync();
        using var stop = new CancellationTokenSource();
        var request = Frame.Bytes(1, 0, 1, 0x03, 0x00, 0x00, 0x00, 0x7D);
        var flood = Enumerable.Range(0, 2000).SelectMany(_ => request).ToArray();
        var floods = new List<Task>();
        var sockets = new List<Socket>();
        var sent = new long[2];
        for (var c = 0; c < 2; c++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
            sockets.Add(socket);
            var slot = c;
            floods.Add(Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        Interlocked.Add(ref sent[slot], await socket.SendAsync(flood, SocketFlags.None, stop.Token));
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    // Stopped by the test, or closed by the server.
                }
            }));
        }

        // Wait until neither flood moves for a second: the server has stopped reading them, stuck sending answers.
        var deadline = DateTime.UtcNow + Guard;
        var last = (-1L, -1L);
        while (DateTime.UtcNow < deadline && last != (Volatile.Read(ref sent[0]), Volatile.Read(ref sent[1])))
        {
            last = (Volatile.Read(ref sent[0]), Volatile.Read(ref sent[1]));
            await Task.Delay(1000);
        }

        // Both slots busy at once: a newcomer is refused.
        while (server.ConnectionsRefused == 0 && DateTime.UtcNow < deadline)
        {
            using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await probe.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
            await Task.Delay(20);
        }

        Assert.True(server.ConnectionsRefused > 0, "the flooding clients never held both slots");
        using var master = new Client.ModbusTcpClient(new Client.ModbusClientOptions { Host = "127.0.0.1", Port = server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(2) });
        ushort[]? answer = null;
        while (answer is null && DateTime.UtcNow < deadline)
        {
            try
            {
                answer = await master.ReadHoldingRegistersAsync(0, 1);
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(floods);
        sockets.ForEach(s => s.Dispose());
        Assert.Equal(new ushort[] { 0 }, answer);
    }

    [Fact]
    public async Task A_connection_whose_request_was_answered_is_idle_again_and_makes_room()
    {
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort, MaxConnections = 1, Time = _clock }, new MemoryDataModel(holdingRegisters: 1));
        await server.StartAsync();
        using var first = await ConnectAsync(server);
        await AssertReadAnsweredAsync(first, 1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        using var second = await ConnectAsync(server);
        Assert.True(await first.ClosedByPeerAsync(Guard));
        await AssertReadAnsweredAsync(second, 2);
        Assert.Equal(0, server.ConnectionsRefused);
    }

    [Fact]
    public async Task The_connection_closed_for_room_is_the_one_idle_the_longest_counting_from_its_last_answer()
    {
        // A connects at 0 s, B at 1 s; A is answered at 2 s. At 3 s C comes: B (idle since 1 s) goes, A (since 2 s) stays.
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort, MaxConnections = 2, Time = _clock }, new MemoryDataModel(holdingRegisters: 1));
        await server.StartAsync();
        using var a = await ConnectAsync(server);
        await WaitForAsync(() => server.ConnectionCount == 1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var b = await ConnectAsync(server);
        await WaitForAsync(() => server.ConnectionCount == 2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await AssertReadAnsweredAsync(a, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));

        using var c = await ConnectAsync(server);
        Assert.True(await b.ClosedByPeerAsync(Guard));
        await AssertReadAnsweredAsync(a, 2);
    }

    [Fact]
    public async Task Pairs_of_clients_arriving_at_the_limit_each_close_the_pair_before_them()
    {
        // Limit 2. Round r (fake clock at r s): two clients arrive together; the two connections idle the longest
        // are the previous round's pair, so both close, and exactly two connections stay open.
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort, MaxConnections = 2, Time = _clock }, new MemoryDataModel(holdingRegisters: 1));
        await server.StartAsync();
        var pair = new[] { await ConnectAsync(server), await ConnectAsync(server) };
        await WaitForAsync(() => server.ConnectionCount == 2);
        for (var round = 1; round <= 10; round++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            var next = await Task.WhenAll(ConnectAsync(server), ConnectAsync(server));
            Assert.True(await pair[0].ClosedByPeerAsync(Guard), $"round {round}: the first of the previous pair is still open");
            Assert.True(await pair[1].ClosedByPeerAsync(Guard), $"round {round}: the second of the previous pair is still open");

            // The server stamps a connection after making room for it: wait until both newcomers are in (stamped
            // at this round's time) before the clock moves on.
            await WaitForAsync(() => server.ConnectionCount == 2);
            Array.ForEach(pair, s => s.Dispose());
            pair = next;
        }

        Assert.Equal(0, server.ConnectionsRefused);
        Array.ForEach(pair, s => s.Dispose());
    }

    [Fact]
    public async Task A_request_held_in_the_device_does_not_hold_up_other_clients()
    {
        // The first client's request is already waiting in its socket when the server takes the connection (the
        // clock holds the server at the connection's time stamp until then), and the device holds that request
        // (reads of register 0 wait for the gate). Meanwhile a second client connects and reads register 1: answered.
        using var gate = new GateModel(heldAddress: 0);
        var clock = new HoldingClock();
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = AnyPort, Time = clock }, gate);
        await server.StartAsync();
        clock.HoldNextTimestamp();
        using var held = await ConnectAsync(server);
        await clock.HeldAsync();
        await held.SendAsync(Frame.Bytes(1, 0, 1, 0x03, 0x00, 0x00, 0x00, 0x01));
        await Task.Delay(20); // loopback delivery
        clock.Release();
        await gate.EnteredAsync();

        using var other = await ConnectAsync(server);
        await other.SendAsync(Frame.Bytes(2, 0, 1, 0x03, 0x00, 0x01, 0x00, 0x01));
        Assert.Equal(Frame.Bytes(2, 0, 1, 0x03, 0x02, 0x00, 0x07), await other.ReceiveAsync(11, Guard));
        gate.Open();
        Assert.Equal(Frame.Bytes(1, 0, 1, 0x03, 0x02, 0x00, 0x07), await held.ReceiveAsync(11, Guard));
    }

    /// <summary>Reads holding register 0 (FC 03, unit 1) with <paramref name="transaction"/> and waits for the 11-byte answer.</summary>
    private static async Task AssertReadAnsweredAsync(Socket client, byte transaction)
    {
        await client.SendAsync(Frame.Bytes(transaction, 0, 1, 0x03, 0x00, 0x00, 0x00, 0x01));
        Assert.Equal(11, (await client.ReceiveAsync(11, Guard)).Length);
    }

    private static async Task<Socket> ConnectAsync(ModbusTcpServer server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
        return socket;
    }

    /// <summary>Polls a condition the server reaches on its own threads; a real-time guard, never a measured time.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (!condition())
        {
            await Task.Delay(5, guard.Token);
        }
    }

    /// <summary>A fake clock that can hold the next caller of <see cref="GetTimestamp"/> until released.</summary>
    private sealed class HoldingClock : FakeTimeProvider
    {
        private readonly SemaphoreSlim _held = new(0);
        private readonly ManualResetEventSlim _released = new(true);
        private int _armed;

        public void HoldNextTimestamp()
        {
            _released.Reset();
            Volatile.Write(ref _armed, 1);
        }

        public async Task HeldAsync() => Assert.True(await _held.WaitAsync(Guard), "nobody asked for the time");

        public void Release() => _released.Set();

        public override long GetTimestamp()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _held.Release();
                Assert.True(_released.Wait(Guard), "the clock was never released");
            }

            return base.GetTimestamp();
        }
    }
}
