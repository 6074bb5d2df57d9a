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

    [Theory]
    [InlineData(108, 1)] // relevant parameter changes
    [InlineData(110, 3)] // max pulse rate exceeded, restart, energy counter reset by user
    [InlineData(124, 4)] // no sync pulse, configuration menu, voltage overload, current overload
    [InlineData(129, 3)] // FW updated, HW write protected, Modbus write-protected
    [InlineData(200, 1)] // digital input 0, off
    [InlineData(300, 1)] // digital output 0, off
    public void The_documented_status_bits_read_as_not_active(ushort address, int count)
    {
        // research/modbus-maps.md §1.3 (manual table A-6): FC 02 bits 108, 110-112, 124-127, 129-131, 200, 300.
        var bits = Enumerable.Repeat(true, count).ToArray(); // a model that leaves a bit alone cannot pass
        Assert.Equal(ExceptionCode.None, _meter.ReadBits(FunctionCode.ReadDiscreteInputs, address, bits));
        Assert.All(bits, Assert.False);
    }

    [Theory]
    [InlineData(107, 1)]
    [InlineData(109, 1)] // the gap between 108 and 110
    [InlineData(108, 2)] // 108 and the gap
    [InlineData(110, 4)] // runs into 113
    [InlineData(123, 1)]
    [InlineData(128, 1)]
    [InlineData(127, 3)] // crosses 128
    [InlineData(132, 1)]
    [InlineData(201, 1)]
    [InlineData(299, 2)] // starts before output 0
    public void Status_bits_that_are_not_documented_are_02(ushort address, int count)
    {
        Assert.Equal(ExceptionCode.IllegalDataAddress, _meter.ReadBits(FunctionCode.ReadDiscreteInputs, address, new bool[count]));
    }

    [Fact]
    public void With_the_input_and_the_output_off_the_status_words_are_0()
    {
        Assert.Equal(0u, RegisterValues.ToUInt32(Read(207, 2)));
        Assert.Equal(0u, RegisterValues.ToUInt32(Read(209, 2)));

        // Switched on and off again: 0x0001 then 0x0000 (output 0 in the high byte, off/on in the low byte).
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60008, [0x0001]));
        Assert.Equal(1u, RegisterValues.ToUInt32(Read(207, 2)));
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60008, [0x0000]));
        Assert.False(_meter.Output);
        Assert.Equal(0u, RegisterValues.ToUInt32(Read(207, 2)));
        var bit = new[] { true };
        Assert.Equal(ExceptionCode.None, _meter.ReadBits(FunctionCode.ReadDiscreteInputs, 300, bit));
        Assert.False(bit[0]);
    }

    [Theory]
    [InlineData(0x0002)] // output 0, low byte neither off nor on
    [InlineData(0x00FF)]
    [InlineData(0x0100)] // output 1: the PAC2200 has output 0 only
    [InlineData(0x0101)]
    [InlineData(0xFF01)]
    public void Switching_an_output_other_than_0_or_to_a_state_other_than_off_or_on_is_03_and_changes_nothing(ushort value)
    {
        Assert.Equal(ExceptionCode.IllegalDataValue, _meter.WriteRegisters(60008, [value]));
        Assert.False(_meter.Output);
    }

    [Fact]
    public void Switching_to_tariff_1_and_back_is_accepted()
    {
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60006, [1]));
        Assert.Equal(1u, RegisterValues.ToUInt32(Read(211, 2)));
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60006, [0]));
        Assert.Equal(0u, RegisterValues.ToUInt32(Read(211, 2)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)] // the highest counter selector
    public void A_reset_with_any_selector_1_to_10_clears_every_counter(ushort selector)
    {
        MoveEveryCounter();
        Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60004, [selector]));
        Assert.Equal((0.0, 0.0, 0.0, 0.0), _meter.Energies());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(0xFFFF)]
    public void A_reset_with_a_selector_past_10_is_03_and_clears_nothing(ushort selector)
    {
        MoveEveryCounter();
        var before = _meter.Energies();
        Assert.Equal(ExceptionCode.IllegalDataValue, _meter.WriteRegisters(60004, [selector]));
        Assert.Equal(before, _meter.Energies());
    }

    [Theory]
    [InlineData(60004)]
    [InlineData(60006)]
    [InlineData(60008)]
    public void A_command_written_as_two_registers_is_02(ushort address)
    {
        // The commands are one register each; FC 16 over two is not a command the device has.
        Assert.Equal(ExceptionCode.IllegalDataAddress, _meter.WriteRegisters(address, [1, 0]));
        Assert.Equal(ExceptionCode.IllegalFunction, _meter.WriteCoils(address, [true]));
    }

    [Fact]
    public void Energies_count_up_to_the_moment_they_are_asked_for()
    {
        // 230 V × (7.25 + 8.5 + 9.75) A = 5865 W for 20 minutes = 1955 Wh, with no read in between.
        _time.Advance(TimeSpan.FromMinutes(20));
        var (importT1, importT2, exportT1, exportT2) = _meter.Energies();
        Assert.Equal(1955, importT1, 6);
        Assert.Equal((0.0, 0.0, 0.0), (importT2, exportT1, exportT2));
    }

    [Fact]
    public void Energy_follows_the_sign_of_the_total_power_not_of_each_phase()
    {
        // L1 imports 10 A, L2 exports 20 A, L3 imports 4 A, all at 230 V, PF 1:
        // P = 230·(10 − 20 + 4) = −1380 W, so the site exports 1380 Wh in an hour and imports nothing.
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(10, -20, 4));
        _ = _meter.Energies(); // the meter samples the new power
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, RegisterValues.ToFloat64(Read(801, 4)));
        Assert.Equal(1380, RegisterValues.ToFloat64(Read(809, 4)), 6);

        // Then L2 exports 2 A only: P = 230·(10 − 2 + 4) = 2760 W, import for 15 minutes = 690 Wh.
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(10, -2, 4));
        _ = _meter.Energies();
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(690, RegisterValues.ToFloat64(Read(801, 4)), 6);
        Assert.Equal(1380, RegisterValues.ToFloat64(Read(809, 4)), 6);
    }

    [Fact]
    public void Fc43_names_vendor_product_and_firmware()
    {
        var objects = _meter.Identification!.Objects;
        string Text(byte id) => System.Text.Encoding.ASCII.GetString(objects[id]);
        Assert.Equal("Siemens", Text(DeviceIdentification.VendorName));
        Assert.Equal("SENTRON PAC2200 (Amtron virtual meter)", Text(DeviceIdentification.ProductCode));
        Assert.Equal("V3.2.0", Text(DeviceIdentification.MajorMinorRevision));
    }

    [Fact]
    public void The_identification_block_holds_every_field_of_i_and_m_0()
    {
        var meter = new Pac2200Meter(_source, _time, serialNumber: "SN 4711");

        // A buffer full of 0xFFFF: every register of the block must be written, the reserved ones as 0.
        var block = Enumerable.Repeat((ushort)0xFFFF, 27).ToArray();
        Assert.Equal(ExceptionCode.None, meter.ReadRegisters(FunctionCode.ReadHoldingRegisters, 64001, block));

        // research/modbus-maps.md §1.3 (manual table A-11): 64001 manufacturer 42 = Siemens; 64002 order number
        // (10 registers, 20 characters, 2 per register, first in the high byte, space-padded); 64012 serial (8
        // registers); 64020 hardware version; 64021-64022 firmware "V3.2.0" as 'V', 3, 2, 0;
        // 64023 change counter, 64024 profile id, 64025 specific profile id (0); 64026 I&M version 1.1; 64027 0.
        Assert.Equal(42, block[0]);
        Assert.Equal("7KM2200-2EA30-1JA1  ", Ascii(block[1..11])); // 18 characters + 2 spaces
        Assert.Equal("SN 4711         ", Ascii(block[11..19])); // 7 characters + 9 spaces
        Assert.Equal(1, block[19]);
        Assert.Equal(('V' << 8) | 3, block[20]); // 0x5603
        Assert.Equal(2 << 8, block[21]); // 0x0200: minor 2, patch 0
        Assert.All(block[22..25], register => Assert.Equal(0, register));
        Assert.Equal(0x0101, block[25]);
        Assert.Equal(0, block[26]);
        Assert.Equal("7KM2200-2EA30-1JA1", Pac2200Meter.OrderNumber);
        Assert.Equal("SN 4711", meter.SerialNumber);
        Assert.Equal("AMTRON-VIRTUAL-1", _meter.SerialNumber);

        // A read ending with the block but starting at the unmapped 64000 is refused as a whole.
        Assert.Equal(ExceptionCode.IllegalDataAddress, meter.ReadRegisters(FunctionCode.ReadHoldingRegisters, 64000, new ushort[28]));
    }

    [Theory]
    [InlineData(813, 5)] // the last value, then one register past it
    [InlineData(814, 1)] // inside the last value
    [InlineData(814, 3)]
    [InlineData(817, 1)] // the first register past the map
    [InlineData(817, 2)]
    [InlineData(1000, 2)]
    [InlineData(64028, 1)] // past the I&M 0 block
    [InlineData(65535, 1)] // the last address
    public void Reads_at_and_past_the_end_of_the_map_are_02(ushort address, int count)
    {
        Assert.Equal(ExceptionCode.IllegalDataAddress, _meter.ReadRegisters(FunctionCode.ReadHoldingRegisters, address, new ushort[count]));
    }

    [Fact]
    public void The_last_value_of_the_map_and_the_whole_i_and_m_block_read()
    {
        Assert.Equal(4, Read(813, 4).Length);
        Assert.Equal(27, Read(64001, 27).Length);
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

    /// <summary>Two characters per register, the first in the high byte.</summary>
    private static string Ascii(ushort[] registers) => string.Concat(registers.SelectMany(r => new[] { (char)(r >> 8), (char)(r & 0xFF) }));

    /// <summary>Import and export each in T1 and T2, a quarter of an hour each (export: L1 reversed).</summary>
    private void MoveEveryCounter()
    {
        var importing = _source.Current;
        foreach (var tariff in new ushort[] { 0, 1 })
        {
            Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60006, [tariff]));
            _source.Current = importing;
            _ = _meter.Energies();
            _time.Advance(TimeSpan.FromMinutes(15));
            _source.Current = new MeterSample(PhaseCurrents.FromDoubles(-30, 0, 0));
            _ = _meter.Energies();
            _time.Advance(TimeSpan.FromMinutes(15));
        }

        var (importT1, importT2, exportT1, exportT2) = _meter.Energies();
        Assert.All([importT1, importT2, exportT1, exportT2], e => Assert.True(e > 0));
    }
}
