using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>
/// Every quantity and length limit of the request processor exactly at the limit (answered) and one past it (03),
/// from the Modbus Application Protocol V1.1b3, section 6: read 1..2000 bits, 1..125 registers; write 1..1968 coils,
/// 1..123 registers; FC 23 read 1..125 and write 1..121. A PDU is at most 253 bytes, and each limit is the largest
/// quantity whose request or response still fits.
/// </summary>
public sealed class RequestProcessorBoundaryTests
{
    private readonly MemoryDataModel _model = new(coils: 2000, discreteInputs: 2000, holdingRegisters: 100, inputRegisters: 125);

    [Fact]
    public void Process_needs_a_model_and_a_function_code()
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        Assert.Throws<ArgumentNullException>("model", () => RequestProcessor.Process([0x03, 0x00, 0x00, 0x00, 0x01], null!, response));
        var empty = Assert.Throws<ArgumentException>("request", () => RequestProcessor.Process([], _model, response));
        Assert.Contains("function code", empty.Message, StringComparison.Ordinal);
    }

    // ---- FC 01 / 02 ----

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x02)]
    public void Reading_2000_bits_answers_250_bytes(byte function)
    {
        // 2000 bits / 8 = 250 data bytes; 1 function + 1 byte count + 250 = 252 bytes.
        var everyBit = new bool[2000];
        Array.Fill(everyBit, true);
        _model.SetDiscreteInputs(0, everyBit);
        Process([0x0F, 0x00, 0x00, 0x07, 0xB0, 0xF6, .. Enumerable.Repeat((byte)0xFF, 246)]); // coils 0..1967 on
        Process(0x0F, 0x07, 0xB0, 0x00, 0x20, 0x04, 0xFF, 0xFF, 0xFF, 0xFF); // coils 1968..1999 on
        var response = Process(function, 0x00, 0x00, 0x07, 0xD0);
        Assert.Equal(252, response.Length);
        Assert.Equal(new byte[] { function, 250 }, response[..2]);
        Assert.All(response[2..], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void Fc02_packs_an_odd_count_lsb_first_and_pads_with_zeros_as_in_the_spec_example()
    {
        // Spec 6.2 example: inputs 197..218 (22 inputs from address 196) answered AC DB 35:
        // AC = 1010 1100 -> inputs 197..204 = 0,0,1,1,0,1,0,1 (LSB first); DB -> 1,1,0,1,1,0,1,1; 35 = 0011 0101 -> the
        // last six inputs 1,0,1,0,1,1 and two zero bits of padding.
        _model.SetDiscreteInputs(196, [false, false, true, true, false, true, false, true, true, true, false, true, true, false, true, true, true, false, true, false, true, true]);
        Assert.Equal(new byte[] { 0x02, 0x03, 0xAC, 0xDB, 0x35 }, Process(0x02, 0x00, 0xC4, 0x00, 0x16));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x04, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x05, 0x00, 0x00, 0xFF })]
    [InlineData(new byte[] { 0x05, 0x00, 0x00, 0xFF, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x06, 0x00, 0x00, 0x00, 0x01, 0x00 })]
    public void A_fixed_length_request_of_another_length_is_03(byte[] request)
    {
        // FC 01..06 requests are exactly 5 bytes: function, address (2), quantity or value (2).
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x03 }, Process(request));
    }

    // ---- FC 03 / 04 ----

    [Theory]
    [InlineData(0x03)]
    [InlineData(0x04)]
    public void Reading_125_registers_answers_250_bytes(byte function)
    {
        // 125 registers x 2 = 250 data bytes; 2 + 250 = 252 bytes. The holding table has only 100 registers, so the
        // holding read starts at 0 of a second model with 125.
        var model = new MemoryDataModel(holdingRegisters: 125, inputRegisters: 125);
        model.SetInputRegisters(124, [0xBEEF]);
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process([function, 0x00, 0x00, 0x00, 0x7D], model, response);
        Assert.Equal(252, length);
        Assert.Equal(new byte[] { function, 250 }, response[..2]);
        Assert.Equal(function == 0x04 ? new byte[] { 0xBE, 0xEF } : new byte[] { 0x00, 0x00 }, response[250..252]);
    }

    // ---- FC 15 ----

    [Fact]
    public void Fc15_writes_one_coil_and_1968_coils()
    {
        Assert.Equal(new byte[] { 0x0F, 0x00, 0x05, 0x00, 0x01 }, Process(0x0F, 0x00, 0x05, 0x00, 0x01, 0x01, 0x01));
        Assert.True(_model.Coils()[5]);

        // 1968 coils = 0x07B0 in 246 bytes; the request is 6 + 246 = 252 bytes. Bytes 0x55: every even coil on.
        byte[] request = [0x0F, 0x00, 0x00, 0x07, 0xB0, 0xF6, .. Enumerable.Repeat((byte)0x55, 246)];
        Assert.Equal(252, request.Length);
        Assert.Equal(new byte[] { 0x0F, 0x00, 0x00, 0x07, 0xB0 }, Process(request));
        var coils = _model.Coils();
        Assert.All(Enumerable.Range(0, 1968), i => Assert.Equal(i % 2 == 0, coils[i]));
        Assert.False(coils[1968]);
    }

    [Theory]
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x01 })] // no byte count
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00 })] // 0 coils
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x01, 0x01 })] // byte count 1, no data byte
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x08, 0x02, 0xFF, 0x00 })] // 8 coils fit in 1 byte, not 2
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x01 })] // no byte count
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x00, 0x00 })] // 0 registers
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00 })] // 1 of 2 data bytes
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01 })] // no byte count
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01 })] // read 0
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00 })] // write 0
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00 })] // 1 of 2 data bytes
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x00, 0x01, 0x00, 0x02 })] // 2 bytes for 1 register
    [InlineData(new byte[] { 0x2B, 0x0E })] // MEI type 14 without read code and object id
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x00, 0x00 })]
    public void Write_and_identification_requests_cut_short_or_with_a_zero_quantity_are_03(byte[] request)
    {
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x03 }, Process(request));
    }

    // ---- FC 16 ----

    [Fact]
    public void Fc16_writes_one_register_and_123_registers()
    {
        var model = new MemoryDataModel(holdingRegisters: 123);
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process([0x10, 0x00, 0x07, 0x00, 0x01, 0x02, 0xAB, 0xCD], model, response);
        Assert.Equal(new byte[] { 0x10, 0x00, 0x07, 0x00, 0x01 }, response[..length]);
        Assert.Equal(0xABCD, model.HoldingRegisters()[7]);

        // 123 registers = 0x7B in 246 bytes; the request is 6 + 246 = 252 bytes. Register i = 0x0100 + i.
        byte[] request = [0x10, 0x00, 0x00, 0x00, 0x7B, 0xF6, .. Enumerable.Range(0, 123).SelectMany(i => new[] { (byte)0x01, (byte)i })];
        Assert.Equal(252, request.Length);
        length = RequestProcessor.Process(request, model, response);
        Assert.Equal(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x7B }, response[..length]);
        Assert.Equal(Enumerable.Range(0, 123).Select(i => (ushort)(0x0100 + i)).ToArray(), model.HoldingRegisters());
    }

    // ---- FC 23 ----

    [Fact]
    public void Fc23_reads_125_and_writes_121_registers()
    {
        // Write 121 = 0x79 registers in 242 bytes at address 4 (request 10 + 242 = 252 bytes), read 125 from 0:
        // registers 4..124 hold what was just written (0x0200 + i), 0..3 are still 0. Answer: 2 + 250 = 252 bytes.
        var model = new MemoryDataModel(holdingRegisters: 125);
        byte[] request = [0x17, 0x00, 0x00, 0x00, 0x7D, 0x00, 0x04, 0x00, 0x79, 0xF2, .. Enumerable.Range(0, 121).SelectMany(i => new[] { (byte)0x02, (byte)i })];
        Assert.Equal(252, request.Length);
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process(request, model, response);
        Assert.Equal(252, length);
        Assert.Equal(new byte[] { 0x17, 250, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0x02, 0x01 }, response[..14]);
        Assert.Equal(new byte[] { 0x02, 0x78 }, response[250..252]); // register 124 = the 121st written, 0x0200 + 120
    }

    [Fact]
    public void Fc23_writes_several_registers_in_order_before_it_reads_them()
    {
        Assert.Equal(
            new byte[] { 0x17, 0x08, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 },
            Process(0x17, 0x00, 0x09, 0x00, 0x04, 0x00, 0x0A, 0x00, 0x03, 0x06, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06));
        Assert.Equal(new ushort[] { 0, 0x0102, 0x0304, 0x0506, 0 }, _model.HoldingRegisters()[9..14]);
    }

    [Fact]
    public void Fc23_whose_write_the_device_refuses_is_that_exception_and_reads_nothing()
    {
        // The holding table has 100 registers: writing 99..100 is 02 from the model, though the read 0..0 is fine.
        Assert.Equal(new byte[] { 0x97, 0x02 }, Process(0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x63, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02));
        Assert.Equal(new ushort[] { 0 }, _model.HoldingRegisters()[99..]);
    }

    // ---- the data model's tables ----

    [Theory]
    [InlineData(new byte[] { 0x05, 0x00, 0x00, 0xFF, 0x00 })]
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01 })]
    [InlineData(new byte[] { 0x06, 0x00, 0x00, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01 })]
    public void A_write_to_a_table_the_device_does_not_have_is_01(byte[] request)
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process(request, new MemoryDataModel(discreteInputs: 10, inputRegisters: 10), response);
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x01 }, response[..length]);
    }

    [Fact]
    public void The_last_entry_of_each_table_can_be_written()
    {
        // 2000 coils: 0..1999; 100 holding registers: 0..99.
        Assert.Equal(new byte[] { 0x05, 0x07, 0xCF, 0xFF, 0x00 }, Process(0x05, 0x07, 0xCF, 0xFF, 0x00));
        Assert.Equal(new byte[] { 0x0F, 0x07, 0xCE, 0x00, 0x02 }, Process(0x0F, 0x07, 0xCE, 0x00, 0x02, 0x01, 0x02));
        Assert.Equal([false, true], _model.Coils()[1998..]);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x63, 0x12, 0x34 }, Process(0x06, 0x00, 0x63, 0x12, 0x34));
        Assert.Equal(new byte[] { 0x10, 0x00, 0x62, 0x00, 0x02 }, Process(0x10, 0x00, 0x62, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02));
        Assert.Equal(new ushort[] { 1, 2 }, _model.HoldingRegisters()[98..]);
        Assert.Equal(new byte[] { 0x90, 0x02 }, Process(0x10, 0x00, 0x63, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02)); // 99..100
    }

    private byte[] Process(params byte[] request)
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process(request, _model, response);
        return response[..length];
    }
}
