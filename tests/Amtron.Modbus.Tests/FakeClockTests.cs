using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Amtron.Modbus.Client;
using Amtron.Modbus.Server;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Modbus.Tests;

/// <summary>
/// The request timeout, the idle timeout and the reconnect back-off run on the options' clock: advancing a fake clock
/// fires them, with no real waiting. Socket I/O stays real, so each test first makes sure the timer is running.
/// </summary>
public sealed class FakeClockTests
{
    /// <summary>
    /// Real-time guard so a broken test fails instead of hanging; never what a test measures. The timeouts under test
    /// are longer, so a timer that ran on the real clock could not pass a test within it.
    /// </summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly WatchedClock _clock = new();

    [Fact]
    public async Task A_request_times_out_when_the_fake_clock_passes_the_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = TimeSpan.FromMinutes(5), Time = _clock });
        var request = client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using var silent = await listener.AcceptSocketAsync();
        Assert.Equal(12, (await silent.ReceiveAsync(12, Guard)).Length); // the request is out: its timer runs

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(request.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await Finishes(request), "the request did not time out");
        var error = await Assert.ThrowsAsync<TimeoutException>(() => request);
        Assert.Contains("within 300000 ms", error.Message, StringComparison.Ordinal);
        Assert.False(client.Connected);
    }

    [Fact]
    public async Task After_a_timeout_and_after_an_answer_the_next_request_gets_its_whole_timeout_again()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var timeout = TimeSpan.FromMinutes(5);
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, Timeout = timeout, Time = _clock });

        // A request that times out, then (on a new connection) one that is answered after most of its timeout.
        var lost = client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using (var silent = await listener.AcceptSocketAsync())
        {
            Assert.Equal(12, (await silent.ReceiveAsync(12, Guard)).Length);
            _clock.Advance(timeout);
            await Assert.ThrowsAsync<TimeoutException>(() => lost);
        }

        var answered = client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using var peer = await listener.AcceptSocketAsync();
        var request = await peer.ReceiveAsync(12, Guard);
        _clock.Advance(timeout - TimeSpan.FromSeconds(1));
        await peer.SendAsync(RawSocket.OneRegisterAnswer(request, 42));
        Assert.Equal(new ushort[] { 42 }, await answered.WaitAsync(Guard));

        // The third runs its own 5 minutes from its start: not cut short by either earlier one.
        var third = client.ReadHoldingRegistersAsync(0, 1).AsTask();
        Assert.Equal(12, (await peer.ReceiveAsync(12, Guard)).Length);
        _clock.Advance(timeout - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.False(third.IsCompleted, "the third request ended before its own timeout");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await Finishes(third), "the third request did not time out");
        await Assert.ThrowsAsync<TimeoutException>(() => third);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_when_the_fake_clock_passes_the_idle_timeout_and_a_request_restarts_it()
    {
        var idle = TimeSpan.FromMinutes(10);
        var options = new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), IdleTimeout = idle, Time = _clock };
        await using var server = new ModbusTcpServer(options, new MemoryDataModel(holdingRegisters: 1));
        await server.StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
        await _clock.TimerStartedAsync(idle, Guard); // the server waits for the first request

        // 9 min 59.999 s of silence, then a request: answered, so the connection was still open; the idle time restarts.
        _clock.Advance(idle - TimeSpan.FromMilliseconds(1));
        await socket.SendAsync(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01 });
        Assert.Equal(11, (await socket.ReceiveAsync(11, Guard)).Length);
        await _clock.TimerStartedAsync(idle, Guard); // not the answer's send timer: the wait for the next request
        _clock.Advance(idle);
        Assert.True(await socket.ClosedByPeerAsync(Guard));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_once_the_fake_clock_passes_the_back_off()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new ModbusTcpClient(new ModbusClientOptions { Port = port, ReconnectDelay = TimeSpan.FromMinutes(5), Time = _clock });
        var refused = await Assert.ThrowsAnyAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.DoesNotContain("next attempt", refused.Message, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var waiting = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.Contains("next attempt in 1 ms", waiting.Message, StringComparison.Ordinal);

        // The back-off is over: the client tries again (and is refused again, by the real socket).
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var retried = await Assert.ThrowsAnyAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1));
        Assert.DoesNotContain("next attempt", retried.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> Finishes(Task task) => await Task.WhenAny(task, Task.Delay(Guard)) == task;

    /// <summary>A fake clock that says when a timer is started on it, and with which due time.</summary>
    private sealed class WatchedClock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Watched(base.CreateTimer(callback, state, dueTime, period), _started.Writer);
            _started.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>
        /// Waits for a timer due after <paramref name="dueTime"/>; timers with other due times (the server's send
        /// timeout while it answers) are passed over, so the test cannot advance the clock before the one it means exists.
        /// </summary>
        public async Task TimerStartedAsync(TimeSpan dueTime, TimeSpan guard)
        {
            using var cancel = new CancellationTokenSource(guard);
            try
            {
                while (await _started.Reader.ReadAsync(cancel.Token) != dueTime)
                {
                }
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no timer due after {dueTime} was started");
            }
        }

        /// <summary>A timer that says when it is started again (a reused timeout is restarted, not created).</summary>
        private sealed class Watched(ITimer timer, ChannelWriter<TimeSpan> started) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                var changed = timer.Change(dueTime, period);
                started.TryWrite(dueTime);
                return changed;
            }

            public void Dispose() => timer.Dispose();

            public ValueTask DisposeAsync() => timer.DisposeAsync();
        }
    }
}
