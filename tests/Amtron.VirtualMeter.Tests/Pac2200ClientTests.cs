using System.Net;
using Amtron.Dlm.Units;
using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.VirtualMeter.Tests;

/// <summary>What the client makes of the registers: signs, energies over both tariffs, the input, staleness.</summary>
public sealed class Pac2200ClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ConstantSource _source = new(new MeterSample(PhaseCurrents.Zero));
    private readonly Pac2200Meter _meter;
    private readonly ModbusTcpServer _server;
    private ModbusTcpClient? _modbus;

    public Pac2200ClientTests()
    {
        _meter = new Pac2200Meter(_source, _time);
        _server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _meter);
    }

    private ModbusTcpClient Modbus => _modbus ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _modbus = new ModbusTcpClient(new ModbusClientOptions { Port = _server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(10) });
    }

    public async Task DisposeAsync()
    {
        _modbus?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task With_power_factor_0_there_is_no_active_power_to_sign_the_current_so_it_reads_positive()
    {
        // L1 imports and L2 exports 5 A at PF 0: P = 230·5·0 = 0 W on both, no direction. L3 exports 4 A at PF 1.
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(5, -5, -4)) { PowerFactors = [0, 0, 1] };
        var reading = await new Pac2200Client(Modbus, _time).ReadAsync();
        Assert.Equal(ReadingStatus.Ok, reading.Status);
        Assert.Equal([0.0, 0.0, -920.0], reading.ActivePowerW); // L3: −230·4 = −920 W
        Assert.Equal(PhaseCurrents.FromDoubles(5, 5, -4), reading.Currents);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(3e9f, "3000000000")]
    public async Task A_current_that_is_no_number_is_a_failed_reading_not_an_exception(float l2, string shown)
    {
        // A meter fault in L2's float register (13/15/17: L2 at 15): the reading fails, so a DLM falls back.
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, new PatchedRegisters(_meter, 15, l2));
        await server.StartAsync();
        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(10) });

        var reading = await new Pac2200Client(modbus, _time).ReadAsync();

        Assert.Equal(ReadingStatus.Failed, reading.Status);
        Assert.Equal($"the meter answered L2 current {shown}, not a current", reading.Error);
    }

    [Fact]
    public async Task Currents_in_amps_keep_the_meter_s_float_and_its_sign()
    {
        // 8.1 A is no float32: the register holds 8.1f = 8.100000381..., which a recording writes back as 8.1.
        _source.Current = new MeterSample(PhaseCurrents.FromDoubles(7.25, 8.1, -9.75));
        var reading = await new Pac2200Client(Modbus, _time).ReadAsync();
        Assert.Equal([7.25, (double)8.1f, -9.75], reading.CurrentsA);
        Assert.Equal(PhaseCurrents.FromDoubles(7.25, 8.1, -9.75), reading.Currents);
    }

    [Fact]
    public async Task Energies_add_tariffs_1_and_2_and_the_digital_input_off_reads_false()
    {
        // 10 A on L1 at 230 V, PF 1: 2300 W.
        var importing = new MeterSample(PhaseCurrents.FromDoubles(10, 0, 0));
        _source.Current = importing;
        _ = _meter.Energies(); // samples the power now
        _time.Advance(TimeSpan.FromHours(1)); // import T1 = 2300 Wh
        Tariff(1);
        _time.Advance(TimeSpan.FromMinutes(30)); // import T2 = 2300 · 0.5 = 1150 Wh
        _source.Current = importing with { Currents = PhaseCurrents.FromDoubles(-10, 0, 0) };
        _ = _meter.Energies(); // counts the half hour, then samples the export
        _time.Advance(TimeSpan.FromMinutes(15)); // export T2 = 2300 · 0.25 = 575 Wh
        Tariff(0);
        _time.Advance(TimeSpan.FromMinutes(6)); // export T1 = 2300 · 0.1 = 230 Wh

        var reading = await new Pac2200Client(Modbus, _time).ReadAsync();
        Assert.Equal(2300, reading.Values[Pac2200Map.ImportT1], 6);
        Assert.Equal(575, reading.Values[Pac2200Map.ExportT2], 6);
        Assert.Equal(2300 + 1150, reading.ImportWh, 6);
        Assert.Equal(230 + 575, reading.ExportWh, 6);
        Assert.Equal(-2300, reading.TotalActivePowerW, 3);
        Assert.False(reading.DigitalInput);
    }

    [Fact]
    public async Task Values_unchanged_for_exactly_stale_after_are_still_ok_one_tick_more_is_stale()
    {
        // No current: no power, the energies stand still and every register repeats.
        var client = new Pac2200Client(Modbus, _time) { StaleAfter = TimeSpan.FromSeconds(30) };
        Assert.Equal(ReadingStatus.Ok, (await client.ReadAsync()).Status);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ReadingStatus.Ok, (await client.ReadAsync()).Status); // "for longer than the stale limit"
        _time.Advance(TimeSpan.FromTicks(1));
        var stale = await client.ReadAsync();
        Assert.Equal(ReadingStatus.Stale, stale.Status);
        Assert.Equal(Dlm.Decision.MeterReading.Failed, stale.ToMeterReading());
    }

    [Fact]
    public void The_default_stale_limit_is_one_minute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), new Pac2200Client(Modbus, _time).StaleAfter);
    }

    private void Tariff(ushort value) => Assert.Equal(ExceptionCode.None, _meter.WriteRegisters(60006, [value]));

    /// <summary>The meter's registers with one float32 (big-endian, two registers) replaced.</summary>
    private sealed class PatchedRegisters(IModbusDataModel inner, ushort address, float value) : IModbusDataModel
    {
        public DeviceIdentification? Identification => inner.Identification;

        public ExceptionCode ReadBits(FunctionCode table, ushort start, Span<bool> values) => inner.ReadBits(table, start, values);

        public ExceptionCode ReadRegisters(FunctionCode table, ushort start, Span<ushort> values)
        {
            var code = inner.ReadRegisters(table, start, values);
            var bits = BitConverter.SingleToUInt32Bits(value);
            for (var r = 0; r < 2; r++)
            {
                if (address + r >= start && address + r < start + values.Length)
                {
                    values[address + r - start] = (ushort)(r == 0 ? bits >> 16 : bits & 0xFFFF);
                }
            }

            return code;
        }

        public ExceptionCode WriteCoils(ushort start, ReadOnlySpan<bool> values) => inner.WriteCoils(start, values);

        public ExceptionCode WriteRegisters(ushort start, ReadOnlySpan<ushort> values) => inner.WriteRegisters(start, values);
    }
}
