using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Client;

/// <summary>
/// An async Modbus TCP client. One request at a time per client; every request has a timeout (connecting included)
/// and a cancellation token. Answers are matched by transaction id, so a late answer to an earlier request is never
/// taken for the current one; after a timeout the connection is closed and the next request reconnects, with a
/// doubling back-off after failed attempts. Failures: <see cref="TimeoutException"/> (no answer in time),
/// <see cref="IOException"/> (cannot connect, connection lost, malformed answer), <see cref="ModbusException"/>
/// (the server answered with an exception code).
/// </summary>
public sealed class ModbusTcpClient : IAsyncDisposable, IDisposable
{
    private readonly ModbusClientOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly byte[] _send = new byte[ModbusLimits.MaxAduLength];
    private readonly byte[] _receive = new byte[ModbusLimits.MaxAduLength];
    private readonly Deadline _deadline;
    private int _received;
    private Socket? _socket;
    private ushort _transactionId;
    private long _nextAttempt;
    private TimeSpan _backoff;

    /// <summary>A client for <paramref name="options"/>; it connects on the first request.</summary>
    public ModbusTcpClient(ModbusClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = options.Time ?? throw new ArgumentException("options.Time is null", nameof(options));
        _backoff = options.ReconnectDelay;
        _deadline = new Deadline(_time);
    }

    /// <summary>True while a connection is open.</summary>
    public bool Connected => _socket is { Connected: true };

    /// <summary>FC 01.</summary>
    public async ValueTask<bool[]> ReadCoilsAsync(ushort address, ushort count, byte? unit = null, CancellationToken cancellationToken = default) =>
        await ReadBitsAsync(FunctionCode.ReadCoils, address, count, unit, cancellationToken).ConfigureAwait(false);

    /// <summary>FC 02.</summary>
    public async ValueTask<bool[]> ReadDiscreteInputsAsync(ushort address, ushort count, byte? unit = null, CancellationToken cancellationToken = default) =>
        await ReadBitsAsync(FunctionCode.ReadDiscreteInputs, address, count, unit, cancellationToken).ConfigureAwait(false);

    /// <summary>FC 03.</summary>
    public ValueTask<ushort[]> ReadHoldingRegistersAsync(ushort address, ushort count, byte? unit = null, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(FunctionCode.ReadHoldingRegisters, address, count, unit, cancellationToken);

    /// <summary>FC 04.</summary>
    public ValueTask<ushort[]> ReadInputRegistersAsync(ushort address, ushort count, byte? unit = null, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(FunctionCode.ReadInputRegisters, address, count, unit, cancellationToken);

    /// <summary>FC 03 or 04 (as <paramref name="function"/> says).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ushort[]> ReadRegistersAsync(FunctionCode function, ushort address, ushort count, byte? unit = null, CancellationToken cancellationToken = default)
    {
        var request = new byte[5];
        request[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), count);
        var response = await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false);
        return Registers(response, count, function);
    }

    /// <summary>FC 05.</summary>
    public async ValueTask WriteSingleCoilAsync(ushort address, bool value, byte? unit = null, CancellationToken cancellationToken = default)
    {
        var request = new byte[5];
        request[0] = (byte)FunctionCode.WriteSingleCoil;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), value ? ModbusLimits.CoilOn : ModbusLimits.CoilOff);
        ExpectEcho(request, await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false), request.Length);
    }

    /// <summary>FC 06.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteSingleRegisterAsync(ushort address, ushort value, byte? unit = null, CancellationToken cancellationToken = default)
    {
        var request = new byte[5];
        request[0] = (byte)FunctionCode.WriteSingleRegister;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), value);
        ExpectEcho(request, await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false), request.Length);
    }

    /// <summary>FC 15.</summary>
    public async ValueTask WriteMultipleCoilsAsync(ushort address, IReadOnlyList<bool> values, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var byteCount = (values.Count + 7) / 8;
        var request = new byte[6 + byteCount];
        request[0] = (byte)FunctionCode.WriteMultipleCoils;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), checked((ushort)values.Count));
        request[5] = checked((byte)byteCount);
        for (var i = 0; i < values.Count; i++)
        {
            request[6 + (i / 8)] |= (byte)(values[i] ? 1 << (i % 8) : 0);
        }

        ExpectEcho(request, await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false), 5);
    }

    /// <summary>FC 16.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMultipleRegistersAsync(ushort address, IReadOnlyList<ushort> values, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var request = new byte[6 + (2 * values.Count)];
        request[0] = (byte)FunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), checked((ushort)values.Count));
        request[5] = checked((byte)(2 * values.Count));
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6 + (2 * i)), values[i]);
        }

        ExpectEcho(request, await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false), 5);
    }

    /// <summary>FC 23: writes <paramref name="values"/> at <paramref name="writeAddress"/>, then reads.</summary>
    public async ValueTask<ushort[]> ReadWriteMultipleRegistersAsync(ushort readAddress, ushort readCount, ushort writeAddress, IReadOnlyList<ushort> values, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var request = new byte[10 + (2 * values.Count)];
        request[0] = (byte)FunctionCode.ReadWriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), readAddress);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), readCount);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(5), writeAddress);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(7), checked((ushort)values.Count));
        request[9] = checked((byte)(2 * values.Count));
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(10 + (2 * i)), values[i]);
        }

        return Registers(await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false), readCount, FunctionCode.ReadWriteMultipleRegisters);
    }

    /// <summary>
    /// FC 43/14, basic stream (objects 0–2) or, with <paramref name="readCode"/> 2/3, regular/extended; follows "more
    /// follows" (an answer whose next object id does not lie past the one asked for is malformed: <see cref="IOException"/>).
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<byte, string>> ReadDeviceIdentificationAsync(byte readCode = 1, byte? unit = null, CancellationToken cancellationToken = default)
    {
        var objects = new SortedDictionary<byte, string>();
        byte next = 0;
        while (true)
        {
            byte[] request = [(byte)FunctionCode.EncapsulatedInterface, ModbusLimits.ReadDeviceIdentificationMei, readCode, next];
            var response = await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false);
            if (response.Length < 7 || response[1] != ModbusLimits.ReadDeviceIdentificationMei)
            {
                throw new IOException("malformed device identification answer");
            }

            var offset = 7;
            for (var i = 0; i < response[6]; i++)
            {
                if (offset + 2 > response.Length || offset + 2 + response[offset + 1] > response.Length)
                {
                    throw new IOException("malformed device identification object");
                }

                objects[response[offset]] = System.Text.Encoding.ASCII.GetString(response, offset + 2, response[offset + 1]);
                offset += 2 + response[offset + 1];
            }

            if (response[4] == 0 || readCode == 4)
            {
                return objects;
            }

            // Objects come in ascending id order and "next object id" names the first one not sent, so it lies past
            // the object asked for; an answer that does not move on would have us ask forever.
            if (response[5] <= next)
            {
                throw new IOException($"malformed device identification answer: more follows from object {response[5]:X2}, asked from {next:X2}");
            }

            next = response[5];
        }
    }

    /// <summary>Sends one request PDU and returns the response PDU (exception responses are thrown).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<byte[]> RequestAsync(ReadOnlyMemory<byte> pdu, byte? unit = null, CancellationToken cancellationToken = default)
    {
        if (pdu.Length is < 1 or > ModbusLimits.MaxPduLength)
        {
            throw new ArgumentException($"a PDU has 1 to {ModbusLimits.MaxPduLength} bytes", nameof(pdu));
        }

        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var timeout = _deadline.Start(_options.Timeout, cancellationToken, out var link);
        try
        {
            var socket = await ConnectedSocketAsync(timeout).ConfigureAwait(false);
            var id = ++_transactionId;
            new MbapHeader(id, ModbusLimits.ModbusProtocolId, (ushort)(pdu.Length + 1), unit ?? _options.UnitId).Write(_send);
            pdu.Span.CopyTo(_send.AsSpan(ModbusLimits.MbapLength));
            await SendAllAsync(socket, _send.AsMemory(0, ModbusLimits.MbapLength + pdu.Length), timeout).ConfigureAwait(false);
            var response = await ReceiveAnswerAsync(socket, id, timeout).ConfigureAwait(false);
            if ((response[0] & ModbusLimits.ExceptionFlag) != 0)
            {
                throw new ModbusException((FunctionCode)(response[0] & ~ModbusLimits.ExceptionFlag), response.Length > 1 ? (ExceptionCode)response[1] : ExceptionCode.None);
            }

            if (response[0] != pdu.Span[0])
            {
                throw new IOException($"answer has function {response[0]:X2}, request had {pdu.Span[0]:X2}");
            }

            return response;
        }
        catch (OperationCanceledException) when (_deadline.Passed && !cancellationToken.IsCancellationRequested)
        {
            Disconnect();
            throw new TimeoutException($"no answer from {Endpoint} within {_options.Timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            Disconnect();
            throw e is SocketException ? new IOException($"{Endpoint}: {e.Message}", e) : e;
        }
        finally
        {
            link.Dispose();
            _deadline.Stop();
            _oneAtATime.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Disconnect();
        _oneAtATime.Dispose();
        _deadline.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<bool[]> ReadBitsAsync(FunctionCode function, ushort address, ushort count, byte? unit, CancellationToken cancellationToken)
    {
        var request = new byte[5];
        request[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(3), count);
        var response = await RequestAsync(request, unit, cancellationToken).ConfigureAwait(false);
        var byteCount = (count + 7) / 8;
        if (response.Length != 2 + byteCount || response[1] != byteCount)
        {
            throw new IOException($"answer to {function} has {response.Length - 2} data bytes, expected {byteCount}");
        }

        var bits = new bool[count];
        for (var i = 0; i < count; i++)
        {
            bits[i] = (response[2 + (i / 8)] & (1 << (i % 8))) != 0;
        }

        return bits;
    }

    private static ushort[] Registers(byte[] response, int count, FunctionCode function)
    {
        if (response.Length != 2 + (2 * count) || response[1] != 2 * count)
        {
            throw new IOException($"answer to {function} has {response.Length - 2} data bytes, expected {2 * count}");
        }

        var registers = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2 + (2 * i)));
        }

        return registers;
    }

    private static void ExpectEcho(byte[] request, byte[] response, int length)
    {
        if (response.Length != length || !response.AsSpan().SequenceEqual(request.AsSpan(0, length)))
        {
            throw new IOException($"answer to {(FunctionCode)request[0]} does not confirm the request");
        }
    }

    private async ValueTask<Socket> ConnectedSocketAsync(CancellationToken cancellationToken)
    {
        if (_socket is { Connected: true } open)
        {
            return open;
        }

        Disconnect();
        var now = _time.GetTimestamp();
        if (now < _nextAttempt)
        {
            throw new IOException($"not connected to {Endpoint}; next attempt in {_time.GetElapsedTime(now, _nextAttempt).TotalMilliseconds:0} ms");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            _nextAttempt = _time.GetTimestamp() + (long)(_backoff.TotalSeconds * _time.TimestampFrequency);
            var doubled = _backoff * 2;
            _backoff = doubled < _options.MaxReconnectDelay ? doubled : _options.MaxReconnectDelay;
            throw;
        }

        _backoff = _options.ReconnectDelay;
        _socket = socket;
        return socket;
    }

    /// <summary>Bytes as ASCII where printable, '.' elsewhere: shows a text protocol's answer for what it is.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            text[i] = bytes[i] is >= 0x20 and < 0x7F and not (byte)'"' ? (char)bytes[i] : '.';
        }

        return new string(text);
    }

    /// <summary>Host and port as a user writes them, an IPv6 address in brackets.</summary>
    private string Endpoint => _options.Host.Contains(':', StringComparison.Ordinal) ? $"[{_options.Host}]:{_options.Port}" : $"{_options.Host}:{_options.Port}";

    /// <summary>
    /// Reads frames until the one answering <paramref name="id"/>; answers to earlier requests are dropped. Reads as much
    /// as has arrived into one buffer (most answers in one call), and keeps bytes past the frame for the next one.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte[]> ReceiveAnswerAsync(Socket socket, ushort id, CancellationToken cancellationToken)
    {
        while (true)
        {
            await ReceiveAtLeastAsync(socket, ModbusLimits.MbapLength, cancellationToken).ConfigureAwait(false);
            var header = MbapHeader.Read(_receive);
            if (!header.HasValidLength)
            {
                // Most often not Modbus TCP at all (a web server's "HTTP/1.1 400" reads as a length of 12081): say so.
                throw new IOException($"{Endpoint} does not answer as a Modbus TCP server: its answer announces {header.Length} bytes (header {Convert.ToHexString(_receive, 0, ModbusLimits.MbapLength)}, \"{Printable(_receive.AsSpan(0, ModbusLimits.MbapLength))}\")");
            }

            var frame = ModbusLimits.MbapLength + header.PduLength;
            await ReceiveAtLeastAsync(socket, frame, cancellationToken).ConfigureAwait(false);
            var answer = header.TransactionId == id && header.ProtocolId == ModbusLimits.ModbusProtocolId
                ? _receive.AsSpan(ModbusLimits.MbapLength, header.PduLength).ToArray()
                : null;
            _receive.AsSpan(frame, _received - frame).CopyTo(_receive);
            _received -= frame;
            if (answer is not null)
            {
                return answer;
            }
        }
    }

    /// <summary>Receives until the buffer holds at least <paramref name="count"/> bytes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveAtLeastAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        while (_received < count)
        {
            var n = await socket.ReceiveAsync(_receive.AsMemory(_received), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("the server closed the connection");
            }

            _received += n;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < frame.Length)
        {
            sent += await socket.SendAsync(frame[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Disconnect()
    {
        _socket?.Dispose();
        _socket = null;
        _received = 0;
    }
}
