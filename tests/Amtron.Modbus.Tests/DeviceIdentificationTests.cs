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
        Assert.Throws<ArgumentException>(() => new DeviceIdentification(new string('v', 245), "P", "R"));
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
}
