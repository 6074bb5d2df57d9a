namespace Amtron.Modbus.Tests;

/// <summary>
/// The client's side of Read Device Identification (Application Protocol V1.1b3, 6.21) against a scripted peer. A
/// response is: 2B, MEI type 0E, read code, conformity level, more follows (00 or FF), next object id, number of
/// objects, then per object its id, its length and its bytes.
/// </summary>
public sealed class ClientDeviceIdentificationTests
{
    [Fact]
    public async Task More_follows_is_followed_from_the_next_object_id()
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        var reading = client.ReadDeviceIdentificationAsync().AsTask();
        using var socket = await peer.AcceptAsync();

        var first = await Frame.ReadAsync(socket);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x01, 0x00 }, first.Pdu); // basic stream from object 0
        await socket.SendAsync(first.Answer(0x2B, 0x0E, 0x01, 0x81, 0xFF, 0x02, 0x02, 0x00, 1, (byte)'V', 0x01, 1, (byte)'P'));
        var second = await Frame.ReadAsync(socket);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x01, 0x02 }, second.Pdu); // from the next object id the answer named
        await socket.SendAsync(second.Answer(0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x01, 0x02, 1, (byte)'R'));

        var objects = await reading;
        Assert.Equal([0, 1, 2], objects.Keys);
        Assert.Equal(["V", "P", "R"], objects.Values);
    }

    // Objects come in ascending id order, and "next object id" names the first one not sent: it lies past the
    // object asked for. An answer that says "more follows" without moving on would make the client ask forever.
    [Theory]
    [InlineData(new byte[] { 0xFF, 0x00, 0x00 })] // more follows from object 0 again, no object sent
    [InlineData(new byte[] { 0xFF, 0x00, 0x01, 0x00, 1, (byte)'V' })] // object 0 sent, but "next" is 0 again
    public async Task An_answer_announcing_more_without_moving_on_is_malformed(byte[] tail)
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        var reading = client.ReadDeviceIdentificationAsync().AsTask();
        using var socket = await peer.AcceptAsync();
        var requests = 0;
        while (requests < 3)
        {
            var next = Frame.ReadAsync(socket);
            if (await Task.WhenAny(reading, next) == reading)
            {
                break;
            }

            requests++;
            await socket.SendAsync((await next).Answer([0x2B, 0x0E, 0x01, 0x81, .. tail]));
        }

        var error = await Assert.ThrowsAsync<IOException>(() => reading);
        Assert.Contains("device identification", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task A_next_object_id_below_the_one_asked_for_is_malformed()
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        var reading = client.ReadDeviceIdentificationAsync(2).AsTask();
        using var socket = await peer.AcceptAsync();
        var first = await Frame.ReadAsync(socket);
        await socket.SendAsync(first.Answer(0x2B, 0x0E, 0x02, 0x82, 0xFF, 0x04, 0x01, 0x00, 1, (byte)'V'));
        var second = await Frame.ReadAsync(socket);
        Assert.Equal(new byte[] { 0x2B, 0x0E, 0x02, 0x04 }, second.Pdu);
        await socket.SendAsync(second.Answer(0x2B, 0x0E, 0x02, 0x82, 0xFF, 0x03, 0x01, 0x04, 1, (byte)'N'));
        await Assert.ThrowsAsync<IOException>(() => reading);
    }

    [Theory]
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00 })] // 6 bytes: no object count
    [InlineData(new byte[] { 0x2B, 0x0D, 0x01, 0x81, 0x00, 0x00, 0x00 })] // MEI type 0D (CANopen), not 0E
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x01 })] // one object announced, none there
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x01, 0x00 })] // its id, but no length
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x01, 0x00, 3, (byte)'V' })] // 3 bytes announced, 1 there
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x02, 0x00, 1, (byte)'V', 0x01 })] // the second object cut after its id
    public async Task A_truncated_or_foreign_answer_is_malformed(byte[] answer)
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        var reading = client.ReadDeviceIdentificationAsync().AsTask();
        var (socket, _) = await peer.AnswerOnceAsync(answer);
        using (socket)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => reading);
            Assert.Contains("malformed device identification", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_answer_with_no_objects_or_an_empty_object_is_read_as_it_is()
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();

        // Seven bytes, zero objects: complete, nothing to read.
        var reading = client.ReadDeviceIdentificationAsync().AsTask();
        var (socket, _) = await peer.AnswerOnceAsync(0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x00);
        using (socket)
        {
            Assert.Empty(await reading);

            // One object whose length byte is 0: it ends exactly at the end of the PDU.
            reading = client.ReadDeviceIdentificationAsync().AsTask();
            var request = await Frame.ReadAsync(socket);
            await socket.SendAsync(request.Answer(0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x01, 0x00, 0x00));
            var objects = await reading;
            Assert.Equal(string.Empty, Assert.Single(objects).Value);
        }
    }

    [Fact]
    public async Task Individual_access_reads_one_object_in_one_transaction()
    {
        using var peer = new ScriptedPeer();
        using var client = peer.Client();
        var reading = client.ReadDeviceIdentificationAsync(4).AsTask();
        var (socket, request) = await peer.AnswerOnceAsync(0x2B, 0x0E, 0x04, 0x81, 0x00, 0x00, 0x01, 0x00, 1, (byte)'V');
        using (socket)
        {
            Assert.Equal(new byte[] { 0x2B, 0x0E, 0x04, 0x00 }, request.Pdu);
            Assert.Equal("V", Assert.Single(await reading).Value);
        }
    }
}
