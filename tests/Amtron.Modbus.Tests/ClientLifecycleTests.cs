using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Client;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Modbus.Tests;

/// <summary>
/// The client's connection life: arguments, connecting, the reconnect back-off (on a fake clock), cancellation by the
/// caller, disposal. No real waiting: the clock is advanced by hand.
/// </summary>
public sealed class ClientLifecycleTests
{
    [Fact]
    public void Options_without_a_clock_are_refused()
    {
        Assert.Throws<ArgumentNullException>("options", () => new ModbusTcpClient(null!));
        var error = Assert.Throws<ArgumentException>("options", () => new ModbusTcpClient(new ModbusClientOptions { Time = null! }));
        Assert.Contains("Time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_values_or_client_are_argument_errors_not_null_references()
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        await Assert.ThrowsAsync<ArgumentNullException>("values", async () => await client.WriteMultipleCoilsAsync(0, null!));
        await Assert.ThrowsAsync<ArgumentNullException>("values", async () => await client.WriteMultipleRegistersAsync(0, null!));
        await Assert.ThrowsAsync<ArgumentNullException>("values", async () => await client.ReadWriteMultipleRegistersAsync(0, 1, 0, null!));
        Assert.False(client.Connected);

        ModbusTcpClient none = null!;
        await Assert.ThrowsAsync<ArgumentNullException>("client", async () => await none.ReadUInt16Async(0));
        await Assert.ThrowsAsync<ArgumentNullException>("client", async () => await none.ReadUInt32Async(0));
        await Assert.ThrowsAsync<ArgumentNullException>("client", async () => await none.ReadFloat32Async(0));
        await Assert.ThrowsAsync<ArgumentNullException>("client", async () => await none.ReadFloat64Async(0));
        await Assert.ThrowsAsync<ArgumentNullException>("client", async () => await none.WriteUInt32Async(0, 1));
        await Assert.ThrowsAsync<ArgumentNullException>("client", async () => await none.WriteFloat32Async(0, 1f));
    }

    [Fact]
    public async Task Connected_is_true_between_an_answer_and_dispose_and_dispose_closes_the_connection()
    {
        using var peer = new ScriptedPeer();
        var client = peer.Client();
        Assert.False(client.Connected);
        var reading = client.ReadHoldingRegistersAsync(0, 1).AsTask();
        var (socket, _) = await peer.AnswerOnceAsync(0x03, 0x02, 0x00, 0x01);
        using (socket)
        {
            await reading;
            Assert.True(client.Connected);
            await client.DisposeAsync();
            Assert.False(client.Connected);
            Assert.True(await socket.ClosedByPeerAsync(ScriptedPeer.Guard));
        }
    }

    [Fact]
    public async Task A_disposed_client_refuses_requests()
    {
        var peer = new ScriptedPeer();
        var client = peer.Client();
        client.Dispose();
        peer.Dispose(); // nobody listens any more: only the client's own state can answer
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
    }

    [Fact]
    public async Task A_refused_connection_names_the_server_and_keeps_the_socket_error()
    {
        var port = FreePort();
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(15), Time = new FakeTimeProvider() });
        var error = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task An_ipv6_server_is_named_in_brackets_when_refused_and_while_waiting_to_retry()
    {
        // "::1:502" would read as an address; a user writes [::1]:502. Refused (or unreachable without IPv6): a socket error either way.
        var port = FreePort();
        using var client = new ModbusTcpClient(new ModbusClientOptions { Host = "::1", Port = port, Timeout = TimeSpan.FromSeconds(15), Time = new FakeTimeProvider() });
        var refused = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.StartsWith($"[::1]:{port}: ", refused.Message, StringComparison.Ordinal);
        var waiting = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.StartsWith($"not connected to [::1]:{port}; next attempt", waiting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_back_off_doubles_after_each_refused_attempt_up_to_the_maximum()
    {
        // Delay 1 min, at most 3 min: waits of 1, 2, then min(4, 3) = 3, then min(6, 3) = 3 minutes.
        var clock = new FakeTimeProvider();
        using var client = new ModbusTcpClient(new ModbusClientOptions
        {
            Port = FreePort(),
            Timeout = TimeSpan.FromSeconds(15),
            ReconnectDelay = TimeSpan.FromMinutes(1),
            MaxReconnectDelay = TimeSpan.FromMinutes(3),
            Time = clock,
        });
        foreach (var minutes in new[] { 1, 2, 3, 3 })
        {
            var refused = await Assert.ThrowsAnyAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
            Assert.DoesNotContain("next attempt", refused.Message, StringComparison.Ordinal);
            var waiting = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
            Assert.Contains($"next attempt in {minutes * 60_000} ms", waiting.Message, StringComparison.Ordinal);
            clock.Advance(TimeSpan.FromMinutes(minutes));
        }
    }

    [Fact]
    public async Task A_request_cancelled_by_the_caller_is_a_cancellation_and_closes_the_connection()
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        using var cancel = new CancellationTokenSource();
        var reading = client.ReadHoldingRegistersAsync(0, 1, cancellationToken: cancel.Token).AsTask();
        using var socket = await peer.AcceptAsync();
        await Frame.ReadAsync(socket); // the request is out; the peer stays silent
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.False(client.Connected); // half an answer might still come: the stream is given up
        Assert.True(await socket.ClosedByPeerAsync(ScriptedPeer.Guard));
    }

    [Fact]
    public async Task When_the_caller_cancels_as_the_timeout_passes_it_is_a_cancellation()
    {
        var clock = new FakeTimeProvider();
        using var peer = new ScriptedPeer();
        using var client = peer.Client(time: clock, timeout: TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();
        var reading = client.ReadHoldingRegistersAsync(0, 1, cancellationToken: cancel.Token).AsTask();
        using var socket = await peer.AcceptAsync();
        await Frame.ReadAsync(socket); // the request is out: its 5 min deadline runs

        // The caller cancels, and while its cancellation is being signalled the 5 minutes pass: both have happened
        // before the request can see either. The caller asked first: a cancellation, not a timeout.
        using (cancel.Token.Register(() => clock.Advance(TimeSpan.FromMinutes(5))))
        {
            cancel.Cancel();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
