using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>
/// Read Device Identification objects must fit in a response (Application Protocol V1.1b3, 6.21; a PDU holds at most
/// 253 bytes). The response header is 7 bytes (function 2B, MEI type 0E, read code, conformity level, more follows,
/// next object id, number of objects) and each object adds its id and its length byte: the longest value any response
/// can carry is 253 - 7 - 2 = 244 bytes.
/// </summary>
public sealed class DeviceIdentificationTests
{
    [Fact]
    public void An_object_of_244_bytes_is_accepted_and_one_of_245_is_refused()
    {
        Assert.Equal(244, new DeviceIdentification(new string('v', 244), "P", "R").Objects[DeviceIdentification.VendorName].Length);
        var refused = Assert.Throws<ArgumentException>(() => new DeviceIdentification(new string('v', 245), "P", "R"));
        Assert.StartsWith("an identification object holds at most 244 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DeviceIdentification("V", "P", "R", new Dictionary<byte, string> { [0x80] = new string('x', 245) }));
    }

    [Fact]
    public void An_object_of_244_bytes_fills_a_response_to_exactly_253_bytes_individually_and_in_a_stream()
    {
        var model = new MemoryDataModel(identification: new DeviceIdentification(new string('v', 244), "P", "R"));
        var response = new byte[ModbusLimits.MaxPduLength];

        // Individual access (code 04) to object 0: 7 header bytes + id + length + 244 = 253.
        var length = RequestProcessor.Process([0x2B, 0x0E, 0x04, 0x00], model, response);
        Assert.Equal(253, length);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x04, 0x81, 0x00, 0x00, 0x01, 0x00, 244 }, response[..9]);

        // Basic stream (code 01) from object 0: object 0 fills the PDU; objects 1 and 2 follow, starting at id 01.
        length = RequestProcessor.Process([0x2B, 0x0E, 0x01, 0x00], model, response);
        Assert.Equal(253, length);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0xFF, 0x01, 0x01, 0x00, 244 }, response[..9]);
        length = RequestProcessor.Process([0x2B, 0x0E, 0x01, 0x01], model, response);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x02, 0x01, 1, (byte)'P', 0x02, 1, (byte)'R' }, response[..length]);
    }

    [Fact]
    public async Task Our_client_reads_the_whole_stream_over_two_transactions()
    {
        var vendor = new string('v', DeviceIdentification.MaxObjectLength);
        var model = new MemoryDataModel(identification: new DeviceIdentification(vendor, "P", "R"));
        await using var loop = await LoopbackServer.StartAsync(model: model);
        using var client = loop.Client(TimeSpan.FromSeconds(15));
        var objects = await client.ReadDeviceIdentificationAsync();
        Assert.Equal([vendor, "P", "R"], objects.Values);
        Assert.Equal(2, loop.Server.RequestsServed); // from object 0 (object 0 alone fills the PDU), then from object 1
    }

    // A device with the basic objects, one regular (04) and one extended (80): conformity level 83 (extended, with
    // individual access). Code 01 streams objects 00..02, code 02 00..7F, code 03 00..FF; a start object that is not
    // in the stream restarts it at its first object (spec 6.21: "as if object 0 were pointed out").
    [Theory]
    [InlineData(0x01, 0x00, new byte[] { 0x00, 0x01, 0x02 })]
    [InlineData(0x01, 0x01, new byte[] { 0x01, 0x02 })]
    [InlineData(0x01, 0x02, new byte[] { 0x02 })]
    [InlineData(0x01, 0x03, new byte[] { 0x00, 0x01, 0x02 })] // no object 03
    [InlineData(0x01, 0x04, new byte[] { 0x00, 0x01, 0x02 })] // 04 exists, but is not basic
    [InlineData(0x01, 0x80, new byte[] { 0x00, 0x01, 0x02 })]
    [InlineData(0x02, 0x00, new byte[] { 0x00, 0x01, 0x02, 0x04 })]
    [InlineData(0x02, 0x03, new byte[] { 0x00, 0x01, 0x02, 0x04 })] // inside the regular range, but absent
    [InlineData(0x02, 0x04, new byte[] { 0x04 })]
    [InlineData(0x02, 0x80, new byte[] { 0x00, 0x01, 0x02, 0x04 })]
    [InlineData(0x03, 0x02, new byte[] { 0x02, 0x04, 0x80 })]
    [InlineData(0x03, 0x05, new byte[] { 0x00, 0x01, 0x02, 0x04, 0x80 })]
    [InlineData(0x03, 0x80, new byte[] { 0x80 })]
    public void A_stream_starts_at_the_object_asked_for_when_it_is_in_the_stream(byte readCode, byte start, byte[] ids)
    {
        var values = new Dictionary<byte, string> { [0x00] = "V", [0x01] = "P", [0x02] = "R", [0x04] = "N", [0x80] = "X" };
        var model = new MemoryDataModel(identification: new DeviceIdentification("V", "P", "R", new Dictionary<byte, string> { [0x04] = "N", [0x80] = "X" }));
        byte[] expected = [0x2B, 0x0E, readCode, 0x83, 0x00, 0x00, (byte)ids.Length, .. ids.SelectMany(id => new[] { id, (byte)1, (byte)values[id][0] })];
        Assert.Equal(expected, Process(model, 0x2B, 0x0E, readCode, start));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x05)]
    public void A_read_code_other_than_1_to_4_is_03(byte readCode)
    {
        var model = new MemoryDataModel(identification: new DeviceIdentification("V", "P", "R"));
        Assert.Equal(new byte[] { 0xAB, 0x03 }, Process(model, 0x2B, 0x0E, readCode, 0x00));
    }

    [Fact]
    public void Objects_ending_exactly_at_253_bytes_fit_and_one_byte_more_follows_in_the_next_answer()
    {
        // Header 7, then 2 + 100, 2 + 100 and 2 + 40 bytes: 7 + 102 + 102 + 42 = 253, all in one answer.
        var fits = new MemoryDataModel(identification: new DeviceIdentification(new string('v', 100), new string('p', 100), new string('r', 40)));
        var response = Process(fits, 0x2B, 0x0E, 0x01, 0x00);
        Assert.Equal(253, response.Length);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x03 }, response[..7]);

        // A revision of 41 bytes would end at 254: objects 00 and 01 are sent (7 + 102 + 102 = 211 bytes), more
        // follows (FF) from object 02.
        var over = new MemoryDataModel(identification: new DeviceIdentification(new string('v', 100), new string('p', 100), new string('r', 41)));
        response = Process(over, 0x2B, 0x0E, 0x01, 0x00);
        Assert.Equal(211, response.Length);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0xFF, 0x02, 0x02 }, response[..7]);
        Assert.Equal(new byte[] { 0x01, 100 }, response[109..111]); // object 01 after 7 + 102 bytes
    }

    private static byte[] Process(IModbusDataModel model, params byte[] request)
    {
        var response = new byte[ModbusLimits.MaxPduLength];
        var length = RequestProcessor.Process(request, model, response);
        return response[..length];
    }
}
