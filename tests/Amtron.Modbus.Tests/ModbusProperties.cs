using Amtron.Modbus.Client;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Modbus.Tests;

/// <summary>Properties over random values, requests and byte streams.</summary>
public sealed class ModbusProperties : IAsyncLifetime
{
    private LoopbackServer _loop = null!;
    private ModbusTcpClient _client = null!;

    public async Task InitializeAsync()
    {
        _loop = await LoopbackServer.StartAsync();
        _client = _loop.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _loop.DisposeAsync();
    }

    [ScaledProperty(1000)]
    public bool Float32_float64_and_uint32_round_trip_in_both_word_orders(float f32, double f64, uint u32, bool highFirst)
    {
        var order = highFirst ? WordOrder.HighWordFirst : WordOrder.LowWordFirst;
        Span<ushort> registers = stackalloc ushort[4];
        RegisterValues.FromFloat32(f32, registers, order);
        var f32Back = RegisterValues.ToFloat32(registers, order);
        RegisterValues.FromFloat64(f64, registers, order);
        var f64Back = RegisterValues.ToFloat64(registers, order);
        RegisterValues.FromUInt32(u32, registers, order);
        return BitConverter.SingleToUInt32Bits(f32Back) == BitConverter.SingleToUInt32Bits(f32)
            && BitConverter.DoubleToUInt64Bits(f64Back) == BitConverter.DoubleToUInt64Bits(f64)
            && RegisterValues.ToUInt32(registers, order) == u32;
    }

    [Fact]
    public void Float32_is_high_word_first_big_endian_as_on_the_pac2200()
    {
        Span<ushort> registers = stackalloc ushort[2];
        RegisterValues.FromFloat32(7.25f, registers);
        Assert.Equal(new ushort[] { 0x40E8, 0x0000 }, registers.ToArray());
        RegisterValues.FromFloat32(123.456f, registers, WordOrder.LowWordFirst);
        Assert.Equal(new ushort[] { 0xE979, 0x42F6 }, registers.ToArray());
    }

    [ScaledProperty(200)]
    public Property Random_valid_register_and_coil_requests_round_trip() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var count = random.Next(1, 124);
            var address = (ushort)random.Next(0, 65536 - count);
            var values = Enumerable.Range(0, count).Select(_ => (ushort)random.Next(0, 65536)).ToArray();
            _client.WriteMultipleRegistersAsync(address, values).AsTask().GetAwaiter().GetResult();
            var back = _client.ReadHoldingRegistersAsync(address, (ushort)count).AsTask().GetAwaiter().GetResult();
            var coilCount = random.Next(1, 1969);
            var coilAddress = (ushort)random.Next(0, 2000 - Math.Min(coilCount, 1999));
            coilCount = Math.Min(coilCount, 2000 - coilAddress);
            var coils = Enumerable.Range(0, coilCount).Select(_ => random.Next(2) == 0).ToArray();
            _client.WriteMultipleCoilsAsync(coilAddress, coils).AsTask().GetAwaiter().GetResult();
            var coilsBack = _client.ReadCoilsAsync(coilAddress, (ushort)coilCount).AsTask().GetAwaiter().GetResult();
            return (back.SequenceEqual(values) && coilsBack.SequenceEqual(coils)).Label($"address {address} count {count}, coils {coilAddress}+{coilCount}");
        });

    [ScaledProperty(200)]
    public Property Random_byte_streams_never_crash_the_server_or_leak_connections() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0 && bytes.Length >= 7)
            {
                // Half of the streams look like frames: protocol 0 and a plausible length, random PDU.
                bytes[2] = 0;
                bytes[3] = 0;
                bytes[4] = 0;
                bytes[5] = (byte)random.Next(1, 40);
            }

            using (var socket = _loop.RawAsync().GetAwaiter().GetResult())
            {
                socket.Send(bytes);
                socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
                _ = socket.ReceiveAsync(4096, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            }

            var stillServing = _client.ReadHoldingRegistersAsync(0, 1).AsTask().GetAwaiter().GetResult().Length == 1;
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (_loop.Server.ConnectionCount > 1 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            return (stillServing && _loop.Server.ConnectionCount == 1).Label($"{bytes.Length} bytes, {_loop.Server.ConnectionCount} connections open");
        });
}
