using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>
/// The edge of the 16-bit address space, checked by the server before any model is asked (Modbus Application
/// Protocol V1.1b3, 6.1-6.17: "starting address + quantity" must stay within 0..65535, else exception 02). The model
/// here answers every address, so only the server's own check can refuse.
/// </summary>
public sealed class AddressSpaceTests
{
    private readonly AnsweringModel _model = new();

    private byte[] Process(params byte[] request)
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process(request, _model, response);
        return response[..length];
    }

    // The last address, 65535 = 0xFFFF, with quantity 1 is inside; quantity 2 would end at 65536, outside.
    [Theory]
    [InlineData(new byte[] { 0x01, 0xFF, 0xFF, 0x00, 0x01 }, new byte[] { 0x01, 0x01, 0x01 }, 1)]
    [InlineData(new byte[] { 0x02, 0xFF, 0xFF, 0x00, 0x01 }, new byte[] { 0x02, 0x01, 0x01 }, 1)]
    [InlineData(new byte[] { 0x03, 0xFF, 0xFF, 0x00, 0x01 }, new byte[] { 0x03, 0x02, 0xFF, 0xFF }, 1)]
    [InlineData(new byte[] { 0x04, 0xFF, 0xFF, 0x00, 0x01 }, new byte[] { 0x04, 0x02, 0xFF, 0xFF }, 1)]
    [InlineData(new byte[] { 0x0F, 0xFF, 0xFF, 0x00, 0x01, 0x01, 0x01 }, new byte[] { 0x0F, 0xFF, 0xFF, 0x00, 0x01 }, 1)]
    [InlineData(new byte[] { 0x10, 0xFF, 0xFF, 0x00, 0x01, 0x02, 0x12, 0x34 }, new byte[] { 0x10, 0xFF, 0xFF, 0x00, 0x01 }, 1)]
    [InlineData(new byte[] { 0x17, 0xFF, 0xFF, 0x00, 0x01, 0xFF, 0xFF, 0x00, 0x01, 0x02, 0x12, 0x34 }, new byte[] { 0x17, 0x02, 0xFF, 0xFF }, 2)] // write, then read
    public void The_last_address_65535_is_inside_the_address_space(byte[] request, byte[] expected, int modelCalls)
    {
        Assert.Equal(expected, Process(request));
        Assert.Equal(modelCalls, _model.Calls);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0xFF, 0xFF, 0x00, 0x02 })]
    [InlineData(new byte[] { 0x02, 0xFF, 0xFF, 0x00, 0x02 })]
    [InlineData(new byte[] { 0x01, 0xF8, 0x31, 0x07, 0xD0 })] // 63537 + 2000 coils = 65537
    [InlineData(new byte[] { 0x02, 0xF8, 0x31, 0x07, 0xD0 })]
    [InlineData(new byte[] { 0x03, 0xFF, 0xFF, 0x00, 0x02 })]
    [InlineData(new byte[] { 0x04, 0xFF, 0x84, 0x00, 0x7D })] // 65412 + 125 = 65537
    [InlineData(new byte[] { 0x0F, 0xFF, 0xFF, 0x00, 0x02, 0x01, 0x03 })]
    [InlineData(new byte[] { 0x10, 0xFF, 0xFF, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02 })]
    [InlineData(new byte[] { 0x17, 0xFF, 0xFF, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01 })] // read part
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02 })] // write part
    public void A_request_past_65535_is_02_and_never_reaches_the_model(byte[] request)
    {
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x02 }, Process(request));
        Assert.Equal(0, _model.Calls);
    }

    // Quantity out of range is 03 even where the address is also out of range: the spec checks the quantity first.
    [Theory]
    [InlineData(new byte[] { 0x01, 0xFF, 0xFF, 0x07, 0xD1 })] // 2001 coils
    [InlineData(new byte[] { 0x02, 0xFF, 0xFF, 0x07, 0xD1 })]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00 })]
    public void A_bit_quantity_outside_1_to_2000_is_03(byte[] request)
    {
        Assert.Equal(new byte[] { (byte)(request[0] | 0x80), 0x03 }, Process(request));
        Assert.Equal(0, _model.Calls);
    }

    /// <summary>Answers every address of every table: coils and inputs on, registers 0xFFFF.</summary>
    private sealed class AnsweringModel : IModbusDataModel
    {
        public int Calls { get; private set; }

        public DeviceIdentification? Identification => null;

        public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values)
        {
            Calls++;
            values.Fill(true);
            return ExceptionCode.None;
        }

        public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
        {
            Calls++;
            values.Fill(0xFFFF);
            return ExceptionCode.None;
        }

        public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values)
        {
            Calls++;
            return ExceptionCode.None;
        }

        public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values)
        {
            Calls++;
            return ExceptionCode.None;
        }
    }
}
