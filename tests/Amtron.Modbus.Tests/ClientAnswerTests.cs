using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Tests;

/// <summary>
/// What the client sends (byte for byte, as the spec's examples give it) and which answers it refuses, against a
/// scripted peer. References: Application Protocol V1.1b3 section 6 (request and response PDUs) and 7 (exception
/// responses), Messaging on TCP/IP Implementation Guide V1.0b 3.1.3 (MBAP header: length = unit id + PDU, 2..254).
/// </summary>
public sealed class ClientAnswerTests : IDisposable
{
    private readonly ScriptedPeer _peer = new();

    public ClientAnswerTests() => Client = _peer.Client();

    private ModbusTcpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _peer.Dispose();
    }

    // ---- requests on the wire ----

    [Fact]
    public async Task Fc05_sends_ff00_for_on_and_0000_for_off()
    {
        var on = Client.WriteSingleCoilAsync(172, true).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0x05, 0x00, 0xAC, 0xFF, 0x00);
        using (socket)
        {
            await on;
            Assert.Equal(new byte[] { 0x05, 0x00, 0xAC, 0xFF, 0x00 }, request.Pdu); // spec 6.5 example: coil 173 ON
            var off = Client.WriteSingleCoilAsync(172, false).AsTask();
            request = await Frame.ReadAsync(socket);
            Assert.Equal(new byte[] { 0x05, 0x00, 0xAC, 0x00, 0x00 }, request.Pdu);
            await socket.SendAsync(request.Answer(request.Pdu));
            await off;
        }
    }

    [Fact]
    public async Task Fc15_packs_coils_lsb_first_as_in_the_spec_example()
    {
        // Spec 6.11 example: coils 20..29 = 1,0,1,1,0,0,1,1, 1,0 -> byte count 2, CD 01 (unused high bits zero).
        var writing = Client.WriteMultipleCoilsAsync(19, [true, false, true, true, false, false, true, true, true, false]).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0x0F, 0x00, 0x13, 0x00, 0x0A);
        using (socket)
        {
            await writing;
            Assert.Equal(new byte[] { 0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01 }, request.Pdu);
        }
    }

    [Fact]
    public async Task Fc16_sends_registers_big_endian_as_in_the_spec_example()
    {
        // Spec 6.12 example: registers 2..3 = 000A, 0102 -> 10 0001 0002 04 000A 0102.
        var writing = Client.WriteMultipleRegistersAsync(1, [0x000A, 0x0102]).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0x10, 0x00, 0x01, 0x00, 0x02);
        using (socket)
        {
            await writing;
            Assert.Equal(new byte[] { 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02 }, request.Pdu);
        }
    }

    [Fact]
    public async Task Fc23_sends_and_reads_as_in_the_spec_example()
    {
        // Spec 6.17 example: read 6 registers from 4 (address 3), write 3 registers at 15 (address 14) with 00FF;
        // the answer: byte count 12 and the six registers 00FE 0ACD 0001 0003 000D 00FF.
        var reading = Client.ReadWriteMultipleRegistersAsync(3, 6, 14, [0x00FF, 0x00FF, 0x00FF]).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0x17, 0x0C, 0x00, 0xFE, 0x0A, 0xCD, 0x00, 0x01, 0x00, 0x03, 0x00, 0x0D, 0x00, 0xFF);
        using (socket)
        {
            Assert.Equal(new ushort[] { 0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF }, await reading);
            Assert.Equal(new byte[] { 0x17, 0x00, 0x03, 0x00, 0x06, 0x00, 0x0E, 0x00, 0x03, 0x06, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF }, request.Pdu);
        }
    }

    [Fact]
    public async Task A_unit_given_with_the_call_is_sent_instead_of_the_default()
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 1, unit: 0xF7).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0x03, 0x02, 0x00, 0x2A);
        using (socket)
        {
            Assert.Equal(new ushort[] { 42 }, await reading);
            Assert.Equal(0xF7, request.Unit);
            reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
            request = await Frame.ReadAsync(socket);
            Assert.Equal(1, request.Unit); // the options' UnitId
            await socket.SendAsync(request.Answer(0x03, 0x02, 0x00, 0x2B));
            Assert.Equal(new ushort[] { 43 }, await reading);
        }
    }

    [Fact]
    public async Task A_pdu_of_1_to_253_bytes_is_sent_and_0_or_254_is_refused_before_connecting()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>("pdu", async () => await Client.RequestAsync(Array.Empty<byte>()));
        Assert.Contains("1 to 253 bytes", empty.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>("pdu", async () => await Client.RequestAsync(new byte[254]));
        Assert.False(Client.Connected);

        // A function code alone (MBAP length 2), then the longest PDU (MBAP length 254); the peer answers 01.
        var shortest = Client.RequestAsync(new byte[] { 0x41 }).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0xC1, 0x01);
        using (socket)
        {
            Assert.Equal(2, request.Length);
            Assert.Equal(ExceptionCode.IllegalFunction, (await Assert.ThrowsAsync<ModbusException>(() => shortest)).Code);
            var longest = new byte[253];
            longest[0] = 0x41;
            var sending = Client.RequestAsync(longest).AsTask();
            request = await Frame.ReadAsync(socket);
            Assert.Equal(254, request.Length);
            await socket.SendAsync(request.Answer(0xC1, 0x01));
            Assert.Equal(ExceptionCode.IllegalFunction, (await Assert.ThrowsAsync<ModbusException>(() => sending)).Code);
        }
    }

    // ---- answers the client takes ----

    [Fact]
    public async Task Bits_are_unpacked_lsb_first_from_an_odd_count()
    {
        // Spec 6.1 example: coils 20..38 (19 coils) answered CD 6B 05 = 1011 0011, 1101 0110, 101 (LSB first).
        var reading = Client.ReadCoilsAsync(19, 19).AsTask();
        var (socket, request) = await _peer.AnswerOnceAsync(0x01, 0x03, 0xCD, 0x6B, 0x05);
        using (socket)
        {
            bool[] expected = [true, false, true, true, false, false, true, true, true, true, false, true, false, true, true, false, true, false, true];
            Assert.Equal(expected, await reading);
            Assert.Equal(new byte[] { 0x01, 0x00, 0x13, 0x00, 0x13 }, request.Pdu);
        }
    }

    [Fact]
    public async Task A_frame_with_another_protocol_id_is_skipped_and_the_modbus_answer_taken()
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using var socket = await _peer.AcceptAsync();
        var request = await Frame.ReadAsync(socket);
        await socket.SendAsync(Frame.Bytes(request.TransactionId, 1, request.Unit, 0x03, 0x02, 0xDE, 0xAD));
        await socket.SendAsync(request.Answer(0x03, 0x02, 0x00, 0x07));
        Assert.Equal(new ushort[] { 7 }, await reading);
    }

    // ---- exception responses ----

    [Theory]
    [InlineData(ExceptionCode.IllegalFunction)]
    [InlineData(ExceptionCode.IllegalDataAddress)]
    [InlineData(ExceptionCode.IllegalDataValue)]
    [InlineData(ExceptionCode.ServerDeviceFailure)]
    [InlineData(ExceptionCode.ServerDeviceBusy)]
    public async Task An_exception_response_is_thrown_with_its_function_and_code_and_the_connection_kept(ExceptionCode code)
    {
        var reading = Client.ReadInputRegistersAsync(0, 1).AsTask();
        var (socket, _) = await _peer.AnswerOnceAsync(0x84, (byte)code);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<ModbusException>(() => reading);
            Assert.Equal(FunctionCode.ReadInputRegisters, error.Function);
            Assert.Equal(code, error.Code);
            Assert.Contains($"{(byte)code:X2} ({code})", error.Message, StringComparison.Ordinal);
            Assert.Contains("04 (ReadInputRegisters)", error.Message, StringComparison.Ordinal);
            Assert.True(Client.Connected); // a complete answer: the stream is in step
        }
    }

    [Fact]
    public async Task An_exception_response_cut_after_the_function_code_has_no_code()
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        var (socket, _) = await _peer.AnswerOnceAsync(0x83);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<ModbusException>(() => reading);
            Assert.Equal(FunctionCode.ReadHoldingRegisters, error.Function);
            Assert.Equal(ExceptionCode.None, error.Code);
        }
    }

    // ---- answers the client refuses ----

    [Fact]
    public async Task An_answer_with_another_function_code_is_refused_and_the_connection_closed()
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        var (socket, _) = await _peer.AnswerOnceAsync(0x04, 0x02, 0x00, 0x01);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => reading);
            Assert.Contains("function 04, request had 03", error.Message, StringComparison.Ordinal);
            Assert.False(Client.Connected);

            // The next request opens a new connection.
            reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
            var (again, _) = await _peer.AnswerOnceAsync(0x03, 0x02, 0x00, 0x05);
            using (again)
            {
                Assert.Equal(new ushort[] { 5 }, await reading);
                Assert.True(Client.Connected);
            }
        }
    }

    // Bits: byte count N = ceil(quantity / 8), and exactly N data bytes follow it. 3 coils -> N = 1.
    [Theory]
    [InlineData(new byte[] { 0x01, 0x02, 0x05, 0x00 }, "has 2 data bytes, expected 1")] // count and data agree, but 2 bytes
    [InlineData(new byte[] { 0x01, 0x02, 0x05 }, "has 1 data bytes, expected 1")] // 1 data byte, but the count says 2
    [InlineData(new byte[] { 0x01, 0x01 }, "has 0 data bytes, expected 1")]
    public async Task A_bit_answer_whose_byte_count_does_not_match_the_quantity_is_refused(byte[] answer, string message)
    {
        var reading = Client.ReadCoilsAsync(0, 3).AsTask();
        var (socket, _) = await _peer.AnswerOnceAsync(answer);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => reading);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
    }

    // Registers: byte count 2N and exactly 2N data bytes. 2 registers -> 4.
    [Theory]
    [InlineData(new byte[] { 0x03, 0x04, 0x00, 0x01, 0x00 }, "has 3 data bytes, expected 4")]
    [InlineData(new byte[] { 0x03, 0x02, 0x00, 0x01, 0x00, 0x02 }, "has 4 data bytes, expected 4")] // the count says 2
    [InlineData(new byte[] { 0x03, 0x06, 0x00, 0x01, 0x00, 0x02, 0x00, 0x03 }, "has 6 data bytes, expected 4")]
    public async Task A_register_answer_whose_byte_count_does_not_match_the_quantity_is_refused(byte[] answer, string message)
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 2).AsTask();
        var (socket, _) = await _peer.AnswerOnceAsync(answer);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => reading);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
    }

    // FC 05 and 06 answer with a copy of the request; FC 15 and 16 with function, address and quantity (spec 6.5,
    // 6.6, 6.11, 6.12). The client writes address 1: value FF00 / 1234, two coils / registers.
    [Theory]
    [InlineData(0x05, new byte[] { 0x05, 0x00, 0x01, 0x00, 0x00 })] // the coil went off, not on
    [InlineData(0x05, new byte[] { 0x05, 0x00, 0x02, 0xFF, 0x00 })] // another coil
    [InlineData(0x06, new byte[] { 0x06, 0x00, 0x01, 0x12, 0x35 })] // another value
    [InlineData(0x06, new byte[] { 0x06, 0x00, 0x01, 0x12 })] // cut short
    [InlineData(0x06, new byte[] { 0x06, 0x00, 0x01, 0x12, 0x34, 0x00 })] // one byte too many
    [InlineData(0x0F, new byte[] { 0x0F, 0x00, 0x01, 0x00, 0x01 })] // one coil confirmed, two written
    [InlineData(0x0F, new byte[] { 0x0F, 0x00, 0x01, 0x00, 0x02, 0x01 })] // the byte count echoed too
    [InlineData(0x10, new byte[] { 0x10, 0x00, 0x00, 0x00, 0x02 })] // another address
    [InlineData(0x10, new byte[] { 0x10, 0x00, 0x01, 0x00, 0x03 })] // another quantity
    public async Task A_write_answer_that_does_not_confirm_the_request_is_refused(byte function, byte[] answer)
    {
        var writing = function switch
        {
            0x05 => Client.WriteSingleCoilAsync(1, true),
            0x06 => Client.WriteSingleRegisterAsync(1, 0x1234),
            0x0F => Client.WriteMultipleCoilsAsync(1, [true, true]),
            _ => Client.WriteMultipleRegistersAsync(1, [1, 2]),
        };
        var (socket, _) = await _peer.AnswerOnceAsync(answer);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<IOException>(async () => await writing);
            Assert.Contains("does not confirm the request", error.Message, StringComparison.Ordinal);
        }
    }

    // MBAP length = unit id + PDU: 2..254. 0 and 1 hold no function code; 255 would be a PDU of 254 bytes.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(0xFFFF)]
    public async Task An_answer_announcing_a_length_outside_2_to_254_is_refused_and_the_connection_closed(int length)
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using var socket = await _peer.AcceptAsync();
        var request = await Frame.ReadAsync(socket);
        await socket.SendAsync(Frame.Header(request.TransactionId, 0, length, request.Unit));
        var error = await Assert.ThrowsAsync<IOException>(() => reading);
        Assert.Contains($"announces {length} bytes", error.Message, StringComparison.Ordinal);
        Assert.False(Client.Connected);
    }

    [Fact]
    public async Task A_web_server_is_named_as_not_answering_modbus()
    {
        // "HTTP/1.1 400 ...": transaction "HT", protocol "TP" and a length of "/1" = 0x2F31 = 12081 bytes.
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using var socket = await _peer.AcceptAsync();
        await Frame.ReadAsync(socket);
        await socket.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
        var error = await Assert.ThrowsAsync<IOException>(() => reading);
        Assert.Equal($"127.0.0.1:{_peer.Port} does not answer as a Modbus TCP server: its answer announces 12081 bytes (header 485454502F312E, \"HTTP/1.\")", error.Message);
    }

    [Fact]
    public async Task Only_printable_ascii_but_the_quote_is_shown_of_a_header_that_is_not_modbus()
    {
        // 0x1F and 0x7F are control characters, 0x80 is not ASCII, '"' would end the quoted text: each shows as '.'.
        // The length field 7F80 = 32640 bytes is outside 2..254.
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using var socket = await _peer.AcceptAsync();
        await Frame.ReadAsync(socket);
        await socket.SendAsync(new byte[] { 0x1F, 0x20, 0x22, 0x7E, 0x7F, 0x80, 0x21 });
        var error = await Assert.ThrowsAsync<IOException>(() => reading);
        Assert.EndsWith("announces 32640 bytes (header 1F20227E7F8021, \". .~..!\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_cut_off_by_the_server_closing_is_an_io_error()
    {
        var reading = Client.ReadHoldingRegistersAsync(0, 1).AsTask();
        using (var socket = await _peer.AcceptAsync())
        {
            var request = await Frame.ReadAsync(socket);
            await socket.SendAsync(request.Answer(0x03, 0x02, 0x00, 0x01)[..9]); // 9 of 11 bytes, then the server leaves
        }

        var error = await Assert.ThrowsAsync<IOException>(() => reading);
        Assert.Contains("closed the connection", error.Message, StringComparison.Ordinal);
        Assert.False(Client.Connected);
    }
}
