using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Tests;

/// <summary>
/// The MBAP header (Messaging on TCP/IP Implementation Guide V1.0b, 3.1.3): transaction id, protocol id, length, unit
/// id, big-endian. The length counts the unit id and the PDU; a PDU holds 1 (a function code) to 253 bytes, so a
/// valid length is 2..254.
/// </summary>
public sealed class MbapHeaderTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)] // a unit id and no function code
    [InlineData(2, true)]
    [InlineData(254, true)]
    [InlineData(255, false)] // a PDU of 254 bytes
    [InlineData(0xFFFF, false)]
    public void A_length_is_valid_from_2_to_254(int length, bool valid)
    {
        var header = new MbapHeader(1, 0, (ushort)length, 1);
        Assert.Equal(valid, header.HasValidLength);
        Assert.Equal(length - 1, header.PduLength);
    }

    [Fact]
    public void The_header_is_big_endian_in_the_guides_field_order()
    {
        byte[] bytes = [0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0xFF];
        var header = MbapHeader.Read(bytes);
        Assert.Equal(new MbapHeader(0x1234, 0, 6, 0xFF), header);
        var written = new byte[7];
        header.Write(written);
        Assert.Equal(bytes, written);
    }
}
