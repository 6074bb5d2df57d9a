using System.Net;
using Amtron.Dlm.Units;
using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.VirtualMeter.Tests;

/// <summary>The PAC2200 register map as served: addresses, formats, the device's access rules, energies, commands.</summary>
public sealed class Pac2200MeterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ConstantSource _source = new(new MeterSample(PhaseCurrents.FromDoubles(7.25, 8.5, 9.75)));
    private readonly Pac2200Meter _meter;

    public Pac2200MeterTests() => _meter = new Pac2200Meter(_source, _time);

    private ushort[] Read(ushort address, int count, FunctionCode function = FunctionCode.ReadHoldingRegisters)
    {
        var values = new ushort[count];
        Assert.Equal(ExceptionCode.None, _meter.ReadRegisters(function, address, values));
        return values;
    }

    private float Float(ushort address) => RegisterValues.ToFloat32(Read(address, 2));

    [Fact]
    public void Currents_voltages_and_derived_values_are_float32_at_the_manuals_offsets()
    {
        Assert.Equal(7.25f, Float(13));
        Assert.Equal(8.5f, Float(15));
        Assert.Equal(9.75f, Float(17));
        Assert.Equal(230f, Float(1));
        Assert.Equal(230f, Float(5));
        Assert.Equal((float)(230 * Math.Sqrt(3)), Float(7), 3);
        Assert.Equal(230f * 7.25f, Float(19), 2);
        Assert.Equal(230f * 8.5f, Float(27), 2);
        Assert.Equal(0f, Float(31));
        Assert.Equal(1f, Float(37));
        Assert.Equal(50f, Float(55));
        Assert.Equal(230f, Float(57));
        Assert.Equal((7.25f + 8.5f + 9.75f) / 3, Float(61), 4);
        Assert.Equal(230f * 25.5f, Float(65), 1);
        Assert.Equal(1f, Float(69));
        Assert.Equal((float)Math.Sqrt((7.25 * 7.25) + (8.5 * 8.5) + (9.75 * 9.75) - (7.25 * 8.5) - (8.5 * 9.75) - (9.75 * 7.25)), Float(71), 4);
    }

    [Fact]
    public void Fc03_and_fc04_return_the_same_values()
    {
        Assert.Equal(Read(1, 72, FunctionCode.ReadHoldingRegisters), Read(1, 72, FunctionCode.ReadInputRegisters));
    }

    [Fact]
    public void Power_factor_and_export_show_in_powers_and_signs()
    {
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(-10, 10, 0)) { PowerFactors = [0.8, 0.6, 1] };
        Assert.Equal(10f, Float(13));
        Assert.Equal(-230f * 10 * 0.8f, Float(25), 2);
        Assert.Equal(230f * 10 * 0.6f, Float(27), 2);
        Assert.Equal(230f * 10 * 0.6f, Float(31), 2);
        Assert.Equal(230f * 10 * 0.8f, Float(35 - 2), 2);
    }

    [Theory]
    [InlineData(14, 2)] // starts inside current L1
    [InlineData(13, 3)] // ends inside current L2
    [InlineData(72, 1)]
    [InlineData(73, 2)] // unmapped
    [InlineData(0, 2)]
    [InlineData(803, 4)] // inside a float64
    [InlineData(801, 2)]
    [InlineData(64001, 10)] // part of the I&M block
    [InlineData(64002, 26)]
    [InlineData(203, 4)]
    public void Reads_that_split_a_value_or_touch_unmapped_registers_are_02(ushort address, int count)
    {
        Assert.Equal(ExceptionCode.IllegalDataAddress, _meter.ReadRegisters(FunctionCode.ReadHoldingRegisters, address, new ushort[count]));
    }

    [Fact]
    public void The_measured_block_1_to_72_and_the_status_words_read_in_one_request_each()
    {
        Assert.Equal(72, Read(1, 72).Length);
        Assert.Equal(8, Read(205, 8).Length);
        Assert.Equal(16, Read(801, 16).Length);
    }

    [Fact]
    public void Energies_integrate_power_into_the_active_tariff_import_and_export()
    {
        _time.Advance(TimeSpan.FromHours(1)); // 230 V × 25.5 A for one hour
        Assert.Equal(230 * 25.5, RegisterValues.ToFloat64(Read(801, 4)), 6);
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60006, [1]));
        Assert.Equal(1u, RegisterValues.ToUInt32(Read(211, 2)));
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(-10, 0, 0));
        _ = Read(1, 2); // the meter samples the new power now
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(230 * 10 * 0.5, RegisterValues.ToFloat64(Read(813, 4)), 6);
        Assert.Equal(0, RegisterValues.ToFloat64(Read(805, 4)), 6);
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60004, [1]));
        Assert.Equal(0, RegisterValues.ToFloat64(Read(801, 4)));
    }

    [Fact]
    public void Digital_input_and_output_show_in_status_words_and_bits()
    {
        _source.Current = _source.Current with { DigitalInput = true };
        Assert.Equal(1u, RegisterValues.ToUInt32(Read(209, 2)));
        var bits = new bool[1];
        Assert.Equal(ExceptionCode.None, _meter.ReadBits(FunctionCode.ReadDiscreteInputs, 200, bits));
        Assert.True(bits[0]);
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60008, [0x0001]));
        Assert.True(_meter.Output);
        Assert.Equal(1u, RegisterValues.ToUInt32(Read(207, 2)));
        Assert.Equal(ExceptionCode.None, _meter.ReadBits(FunctionCode.ReadDiscreteInputs, 300, bits));
        Assert.True(bits[0]);
        Assert.Equal(ExceptionCode.IllegalDataAddress, _meter.ReadBits(FunctionCode.ReadDiscreteInputs, 199, new bool[2]));
        Assert.Equal(ExceptionCode.IllegalFunction, _meter.ReadBits(FunctionCode.ReadCoils, 200, bits));
    }

    [Theory]
    [InlineData(60006, 2, ExceptionCode.IllegalDataValue)]
    [InlineData(60008, 0x0102, ExceptionCode.IllegalDataValue)]
    [InlineData(60004, 0, ExceptionCode.IllegalDataValue)]
    [InlineData(13, 1, ExceptionCode.IllegalDataAddress)]
    public void Bad_commands_and_writes_to_measurements_are_refused(ushort address, ushort value, ExceptionCode expected)
    {
        Assert.Equal(expected, _meter.WriteRegisters(address, [value]));
    }

    [Fact]
    public void The_identification_block_and_fc43_name_the_device()
    {
        var block = Read(64001, 27);
        Assert.Equal(42, block[0]);
        var order = string.Concat(block[1..11].SelectMany(r => new[] { (char)(r >> 8), (char)(r & 0xFF) })).Trim();
        Assert.Equal(Pac2200Meter.OrderNumber, order);
        Assert.Equal("Siemens", System.Text.Encoding.ASCII.GetString(_meter.Identification!.Objects[0]));
    }

    [Fact]
    public async Task The_client_reads_our_meter_over_tcp_with_signed_currents()
    {
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(7.25, -8.5, 9.75)) { DigitalInput = true };
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _meter);
        await server.StartAsync();
        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(10) });
        var reading = await new Pac2200Client(modbus, _time).ReadAsync();
        Assert.Equal(ReadingStatus.Ok, reading.Status);
        Assert.Equal(PhaseCurrents.FromDoubles(7.25, -8.5, 9.75), reading.Currents);
        Assert.True(reading.DigitalInput);
        Assert.Equal(50, reading.FrequencyHz);
        Assert.Equal(MeterReading(reading), Dlm.Decision.MeterReading.Of(PhaseCurrents.FromDoubles(7.25, -8.5, 9.75)));
    }

    [Fact]
    public async Task A_meter_that_does_not_answer_is_a_failed_reading_and_a_frozen_one_is_stale()
    {
        using var nowhere = new ModbusTcpClient(new ModbusClientOptions { Port = 1, Timeout = TimeSpan.FromMilliseconds(300) });
        var failed = await new Pac2200Client(nowhere, _time).ReadAsync();
        Assert.Equal(ReadingStatus.Failed, failed.Status);
        Assert.NotNull(failed.Error);
        Assert.Equal(Dlm.Decision.MeterReading.Failed, failed.ToMeterReading());

        // Zero current: power is zero, so the energies do not move either and every value repeats.
        _source.Current = new MeterSample(PhaseCurrents.Zero);
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _meter);
        await server.StartAsync();
        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(10) });
        var client = new Pac2200Client(modbus, _time) { StaleAfter = TimeSpan.FromSeconds(30) };
        Assert.Equal(ReadingStatus.Ok, (await client.ReadAsync()).Status);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(ReadingStatus.Stale, (await client.ReadAsync()).Status);
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(1, 0, 0));
        Assert.Equal(ReadingStatus.Ok, (await client.ReadAsync()).Status);
    }

    private static Dlm.Decision.MeterReading MeterReading(Pac2200Reading reading) => reading.ToMeterReading();
}
