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

    [Fact]
    public void Every_field_is_written_including_a_protocol_id_other_than_modbus()
    {
        // The server echoes the request's header fields; a non-zero protocol id must reach the bytes too.
        var written = new byte[7];
        new MbapHeader(0x0102, 0x0304, 0x0506, 0x07).Write(written);
        Assert.Equal(new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 }, written);
    }
}
