using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Server;

/// <summary>
/// A Modbus TCP server: many concurrent clients, pipelined requests on one connection (answered in order, in as few
/// TCP writes as possible), a data model per unit id, a connection limit that closes the longest-idle connection,
/// and a graceful stop. A malformed frame never takes the server down: a bad length closes that one connection, a
/// protocol id other than 0 is dropped silently (TCP guide §4.4.2.2), everything else gets an exception response.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private const int ReceiveBufferBytes = 8192;
    private const int SendBufferBytes = 8192;

    private readonly ModbusServerOptions _options;
    private readonly Func<byte, IModbusDataModel?> _units;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Connection> _connections = [];
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _requests;
    private long _refused;

    /// <summary>A server that answers every unit id with <paramref name="model"/> (a device on TCP ignores the unit id).</summary>
    public ModbusTcpServer(ModbusServerOptions options, IModbusDataModel model)
        : this(options, _ => model)
    {
        ArgumentNullException.ThrowIfNull(model);
    }

    /// <summary>
    /// A server that looks up the model for each request's unit id; a unit without a model is answered with
    /// exception 0B (target failed to respond), as a gateway does.
    /// </summary>
    public ModbusTcpServer(ModbusServerOptions options, Func<byte, IModbusDataModel?> units)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _units = units ?? throw new ArgumentNullException(nameof(units));
        _time = options.Time ?? throw new ArgumentException("options.Time is null", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
    }

    /// <summary>Where the server listens (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("the server is not started");

    /// <summary>Open connections now.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Requests answered so far (exception responses included).</summary>
    public long RequestsServed => Interlocked.Read(ref _requests);

    /// <summary>Clients refused because every connection was busy.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _refused);

    /// <summary>Binds and starts accepting; returns once the server listens. Throws <see cref="SocketException"/> if it cannot bind.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null)
        {
            throw new InvalidOperationException("the server is already started");
        }

        var listener = new Socket(_options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_options.EndPoint);
            listener.Listen(_options.MaxConnections);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection after the request it is answering, and waits for them.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _connections.Select(c => c.Completion)];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            client.NoDelay = true;
            if (!MakeRoom())
            {
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }

            var connection = new Connection(client, _time);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            connection.Completion = ServeAsync(connection);
        }
    }

    /// <summary>At the limit, closes the connection idle the longest; false when every one is busy.</summary>
    private bool MakeRoom()
    {
        lock (_gate)
        {
            if (_connections.Count < _options.MaxConnections)
            {
                return true;
            }

            var oldest = _connections.Where(c => !c.Busy).MinBy(c => c.LastActivity);
            if (oldest is null)
            {
                return false;
            }

            _connections.Remove(oldest);
            oldest.Close();
            return true;
        }
    }

    private async Task ServeAsync(Connection connection)
    {
        await Task.Yield();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, connection.Closing.Token);
        var receive = new byte[ReceiveBufferBytes];
        var send = new byte[SendBufferBytes];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await ReceiveAsync(connection, receive.AsMemory(filled), cancel.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                connection.Busy = true;
                var (consumed, valid) = await AnswerAsync(connection, receive.AsMemory(0, filled), send, cancel.Token).ConfigureAwait(false);
                connection.Busy = false;
                connection.LastActivity = _time.GetTimestamp();
                if (!valid)
                {
                    return;
                }

                receive.AsSpan(consumed, filled - consumed).CopyTo(receive);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client left, the connection was closed to make room, or the server stops: nothing to answer.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            connection.Close();
            connection.Deadline.Dispose();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveAsync(Connection connection, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_options.IdleTimeout is not { } idle)
        {
            return await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        var timeout = connection.Deadline.Start(idle, cancellationToken, out var link);
        try
        {
            return await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, timeout).ConfigureAwait(false);
        }
        finally
        {
            link.Dispose();
            connection.Deadline.Stop();
        }
    }

    /// <summary>
    /// Answers every complete frame in <paramref name="received"/>; returns the bytes consumed, and false when a frame
    /// header announces an impossible length (the stream cannot be resynchronised: the connection is closed).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Consumed, bool Valid)> AnswerAsync(Connection connection, Memory<byte> received, byte[] send, CancellationToken cancellationToken)
    {
        var offset = 0;
        var pending = 0;
        while (received.Length - offset >= ModbusLimits.MbapLength)
        {
            var header = MbapHeader.Read(received.Span[offset..]);
            if (!header.HasValidLength)
            {
                await FlushAsync(connection, send, pending, cancellationToken).ConfigureAwait(false);
                return (offset, false);
            }

            var frameLength = ModbusLimits.MbapLength - 1 + header.Length;
            if (received.Length - offset < frameLength)
            {
                break;
            }

            if (header.ProtocolId == ModbusLimits.ModbusProtocolId)
            {
                if (pending + ModbusLimits.MaxAduLength > send.Length)
                {
                    await FlushAsync(connection, send, pending, cancellationToken).ConfigureAwait(false);
                    pending = 0;
                }

                pending += Answer(header, received.Span.Slice(offset + ModbusLimits.MbapLength, header.PduLength), send.AsSpan(pending));
            }

            offset += frameLength;
        }

        await FlushAsync(connection, send, pending, cancellationToken).ConfigureAwait(false);
        return (offset, true);
    }

    private int Answer(MbapHeader header, ReadOnlySpan<byte> pdu, Span<byte> destination)
    {
        var responsePdu = destination[ModbusLimits.MbapLength..];
        int length;
        if (_units(header.UnitId) is { } model)
        {
            length = RequestProcessor.Process(pdu, model, responsePdu);
        }
        else
        {
            responsePdu[0] = (byte)(pdu[0] | ModbusLimits.ExceptionFlag);
            responsePdu[1] = (byte)ExceptionCode.GatewayTargetDeviceFailedToRespond;
            length = 2;
        }

        new MbapHeader(header.TransactionId, header.ProtocolId, (ushort)(length + 1), header.UnitId).Write(destination);
        Interlocked.Increment(ref _requests);
        return ModbusLimits.MbapLength + length;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushAsync(Connection connection, byte[] send, int length, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return;
        }

        // A client that never reads: the send cannot complete; give up after the send timeout (then the connection closes).
        var timeout = connection.Deadline.Start(_options.SendTimeout, cancellationToken, out var link);
        try
        {
            var sent = 0;
            while (sent < length)
            {
                sent += await connection.Socket.SendAsync(send.AsMemory(sent, length - sent), SocketFlags.None, timeout).ConfigureAwait(false);
            }
        }
        finally
        {
            link.Dispose();
            connection.Deadline.Stop();
        }
    }

    private sealed class Connection(Socket socket, TimeProvider time)
    {
        public Socket Socket { get; } = socket;

        /// <summary>The idle and send timeouts, one at a time; used and disposed only by the connection's serving task.</summary>
        public Deadline Deadline { get; } = new(time);

        public CancellationTokenSource Closing { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        public long LastActivity { get; set; } = time.GetTimestamp();

        public bool Busy { get; set; }

        public void Close()
        {
            try
            {
                Closing.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }

            Socket.Dispose();
        }
    }
}
