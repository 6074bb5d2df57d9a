using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>Every function code and exception path of the request processor, byte for byte.</summary>
public sealed class RequestProcessorTests
{
    private readonly MemoryDataModel _model = new(coils: 100, discreteInputs: 100, holdingRegisters: 100, inputRegisters: 100,
        identification: new DeviceIdentification("Vendor", "P-1", "V1.2", new Dictionary<byte, string> { [DeviceIdentification.ProductName] = "Test device", [0x80] = "extended" }));

    private byte[] Process(params byte[] request)
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process(request, _model, response);
        return response[..length];
    }

    [Fact]
    public void Fc01_reads_coils_packed_lsb_first()
    {
        Process(0x0F, 0x00, 0x02, 0x00, 0x0A, 0x02, 0b0000_0101, 0b0000_0010);
        Assert.Equal(new byte[] { 0x01, 0x02, 0b0000_0101, 0b0000_0010 }, Process(0x01, 0x00, 0x02, 0x00, 0x0A));
    }

    [Fact]
    public void Fc02_reads_discrete_inputs()
    {
        _model.SetDiscreteInputs(3, [true, false, true]);
        Assert.Equal(new byte[] { 0x02, 0x01, 0b0000_0101 }, Process(0x02, 0x00, 0x03, 0x00, 0x03));
    }

    [Fact]
    public void Fc03_and_fc06_write_then_read_a_holding_register()
    {
        Assert.Equal(new byte[] { 0x06, 0x00, 0x05, 0x12, 0x34 }, Process(0x06, 0x00, 0x05, 0x12, 0x34));
        Assert.Equal(new byte[] { 0x03, 0x04, 0x12, 0x34, 0x00, 0x00 }, Process(0x03, 0x00, 0x05, 0x00, 0x02));
    }

    [Fact]
    public void Fc04_reads_input_registers()
    {
        _model.SetInputRegisters(10, [0xABCD]);
        Assert.Equal(new byte[] { 0x04, 0x02, 0xAB, 0xCD }, Process(0x04, 0x00, 0x0A, 0x00, 0x01));
    }

    [Fact]
    public void Fc05_switches_a_coil_and_echoes()
    {
        Assert.Equal(new byte[] { 0x05, 0x00, 0x07, 0xFF, 0x00 }, Process(0x05, 0x00, 0x07, 0xFF, 0x00));
        Assert.True(_model.Coils()[7]);
        Process(0x05, 0x00, 0x07, 0x00, 0x00);
        Assert.False(_model.Coils()[7]);
    }

    [Fact]
    public void Fc05_with_a_value_other_than_ff00_or_0000_is_03()
    {
        Assert.Equal(new byte[] { 0x85, 0x03 }, Process(0x05, 0x00, 0x07, 0x00, 0x01));
    }

    [Fact]
    public void Fc15_writes_coils_and_answers_address_and_quantity()
    {
        Assert.Equal(new byte[] { 0x0F, 0x00, 0x13, 0x00, 0x0A }, Process(0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01));
        Assert.Equal([true, false, true, true, false, false, true, true, true, false], _model.Coils()[19..29]);
    }

    [Fact]
    public void Fc16_writes_registers_and_answers_address_and_quantity()
    {
        Assert.Equal(new byte[] { 0x10, 0x00, 0x01, 0x00, 0x02 }, Process(0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02));
        Assert.Equal(new ushort[] { 0x000A, 0x0102 }, _model.HoldingRegisters()[1..3]);
    }

    [Fact]
    public void Fc23_writes_before_it_reads()
    {
        var response = Process(0x17, 0x00, 0x03, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01, 0x02, 0x00, 0xFF);
        Assert.Equal(new byte[] { 0x17, 0x04, 0x00, 0x00, 0x00, 0xFF }, response);
    }

    [Theory]
    [InlineData(new byte[] { 0x07 })]
    [InlineData(new byte[] { 0x08, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x11 })]
    [InlineData(new byte[] { 0x14, 0x00 })]
    [InlineData(new byte[] { 0x7F, 0x01, 0x02 })]
    [InlineData(new byte[] { 0x2B, 0x0D, 0x00, 0x00 })]
    public void Unsupported_functions_are_01(byte[] request)
    {
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x01 }, Process(request));
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x00 })] // quantity 0
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x7E })] // 126 registers
    [InlineData(new byte[] { 0x04, 0x00, 0x00, 0x00, 0x7E })]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x07, 0xD1 })] // 2001 coils
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00 })] // too short
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x01, 0x00 })] // too long
    [InlineData(new byte[] { 0x06, 0x00, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x7C, 0xF8 })] // 124 registers
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00, 0x01, 0x00 })] // byte count != 2N
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x02, 0x04, 0x00, 0x01 })] // fewer bytes than announced
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x07, 0xB1, 0xF7 })] // 1969 coils
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x09, 0x01, 0xFF })] // 9 coils in 1 byte
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x7E, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00 })] // read 126
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x7A, 0xF4 })] // write 122
    [InlineData(new byte[] { 0x2B, 0x0E, 0x05, 0x00 })] // read device id code 5
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01 })]
    public void Malformed_quantities_byte_counts_and_lengths_are_03(byte[] request)
    {
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x03 }, Process(request));
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x00, 0x63, 0x00, 0x02 })] // 99..100, table has 0..99
    [InlineData(new byte[] { 0x04, 0xFF, 0xFF, 0x00, 0x02 })] // beyond 65535
    [InlineData(new byte[] { 0x01, 0x00, 0x64, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x06, 0x00, 0x64, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x10, 0x00, 0x63, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02 })]
    [InlineData(new byte[] { 0x2B, 0x0E, 0x04, 0x06 })] // individual access to an object that does not exist
    public void Addresses_outside_the_map_are_02(byte[] request)
    {
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x02 }, Process(request));
    }

    [Fact]
    public void A_table_the_device_does_not_have_is_01()
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process([0x01, 0x00, 0x00, 0x00, 0x01], new MemoryDataModel(holdingRegisters: 10), response);
        Assert.Equal(new byte[] { 0x81, 0x01 }, response[..length]);
    }

    [Fact]
    public void A_model_that_throws_is_04_and_a_busy_model_is_06()
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process([0x03, 0x00, 0x00, 0x00, 0x01], new FailingModel(ExceptionCode.None), response);
        Assert.Equal(new byte[] { 0x83, 0x04 }, response[..length]);
        length = RequestProcessor.Process([0x03, 0x00, 0x00, 0x00, 0x01], new FailingModel(ExceptionCode.ServerDeviceBusy), response);
        Assert.Equal(new byte[] { 0x83, 0x06 }, response[..length]);
    }

    [Fact]
    public void Fc43_basic_stream_returns_the_three_mandatory_objects()
    {
        var response = Process(0x2B, 0x0E, 0x01, 0x00);
        byte[] expected = [0x2B, 0x0E, 0x01, 0x83, 0x00, 0x00, 0x03, 0x00, 6, .. "Vendor"u8, 0x01, 3, .. "P-1"u8, 0x02, 4, .. "V1.2"u8];
        Assert.Equal(expected, response);
    }

    [Fact]
    public void Fc43_regular_stream_adds_regular_objects_and_individual_access_reads_one()
    {
        var regular = Process(0x2B, 0x0E, 0x02, 0x00);
        Assert.Equal(4, regular[6]);
        var single = Process(0x2B, 0x0E, 0x04, 0x80);
        Assert.Equal([0x2B, 0x0E, 0x04, 0x83, 0x00, 0x00, 0x01, 0x80, 8, .. "extended"u8], single);
    }

    [Fact]
    public void Fc43_an_unknown_start_object_restarts_the_stream()
    {
        Assert.Equal(Process(0x2B, 0x0E, 0x01, 0x00), Process(0x2B, 0x0E, 0x01, 0x55));
    }

    [Fact]
    public void Fc43_objects_that_do_not_fit_are_announced_with_more_follows()
    {
        var big = new Dictionary<byte, string>();
        for (byte id = 0x80; id < 0x84; id++)
        {
            big[id] = new string('x', 100);
        }

        var model = new MemoryDataModel(holdingRegisters: 1, identification: new DeviceIdentification("V", "P", "R", big));
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process([0x2B, 0x0E, 0x03, 0x00], model, response);
        Assert.True(length <= ModbusLimits.MaxPduLength);
        Assert.Equal(0xFF, response[4]);
        Assert.Equal(0x82, response[5]); // 3 basic objects and 2 of 102 bytes fit in 253; the third does not
        Assert.Equal(5, response[6]);
    }

    private sealed class FailingModel(ExceptionCode answer) : IModbusDataModel
    {
        public DeviceIdentification? Identification => null;

        public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values) => Fail();

        public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values) => Fail();

        public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values) => Fail();

        public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values) => Fail();

        private ExceptionCode Fail() => answer == ExceptionCode.None ? throw new InvalidOperationException("device fault") : answer;
    }
}
