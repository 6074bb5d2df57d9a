using System.Net;
using Amtron.Dlm.Units;
using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.VirtualMeter.Tests;

/// <summary>The one register map both sides read: its shape, and every entry served and decoded over TCP.</summary>
public sealed class Pac2200MapTests
{
    private static readonly MeterSample Importing = new(PhaseCurrents.FromDoubles(7.25, 8.5, 9.75))
    {
        Voltages = [new Volts(229.5), new Volts(230), new Volts(231.25)],
        PowerFactors = [0.8, 0.9, 0.95],
        FrequencyHz = 49.9,
        DigitalInput = true,
    };

    // P = −7.25·229.5·0.8 + 8.5·230·0.9 − 9.75·231.25·0.95 ≈ −1331 + 1760 − 2142 < 0: the site exports.
    private static readonly MeterSample Exporting = Importing with { Currents = PhaseCurrents.FromDoubles(-7.25, 8.5, -9.75) };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Entries_are_in_address_order_and_do_not_overlap_each_other_or_the_identification_block()
    {
        var all = Pac2200Map.All;
        for (var i = 1; i < all.Count; i++)
        {
            Assert.True(all[i - 1].Address + all[i - 1].Width <= all[i].Address, $"{all[i - 1]} overlaps or follows {all[i]}");
        }

        Assert.True(all[^1].Address + all[^1].Width <= Pac2200Map.IdentificationBlock, $"{all[^1]} reaches the I&M block");
        Assert.All(all, v => Assert.Equal(v.Format == Pac2200Format.Real64 ? 4 : 2, v.Width));
    }

    [Fact]
    public void Every_entry_sits_at_the_address_and_in_the_format_of_the_register_table()
    {
        const Pac2200Format F32 = Pac2200Format.Real32, U32 = Pac2200Format.Unsigned32, F64 = Pac2200Format.Real64;

        // docs/modbus.md, "The virtual PAC2200", row by row (research/modbus-maps.md §1.2 for the addresses).
        (Pac2200Register Entry, ushort Address, Pac2200Format Format)[] table =
        [
            (Pac2200Map.Voltage[0], 1, F32), (Pac2200Map.Voltage[1], 3, F32), (Pac2200Map.Voltage[2], 5, F32),
            (Pac2200Map.LineToLineVoltage[0], 7, F32), (Pac2200Map.LineToLineVoltage[1], 9, F32), (Pac2200Map.LineToLineVoltage[2], 11, F32),
            (Pac2200Map.Current[0], 13, F32), (Pac2200Map.Current[1], 15, F32), (Pac2200Map.Current[2], 17, F32),
            (Pac2200Map.ApparentPower[0], 19, F32), (Pac2200Map.ApparentPower[1], 21, F32), (Pac2200Map.ApparentPower[2], 23, F32),
            (Pac2200Map.ActivePower[0], 25, F32), (Pac2200Map.ActivePower[1], 27, F32), (Pac2200Map.ActivePower[2], 29, F32),
            (Pac2200Map.ReactivePower[0], 31, F32), (Pac2200Map.ReactivePower[1], 33, F32), (Pac2200Map.ReactivePower[2], 35, F32),
            (Pac2200Map.PowerFactor[0], 37, F32), (Pac2200Map.PowerFactor[1], 39, F32), (Pac2200Map.PowerFactor[2], 41, F32),
            (Pac2200Map.Undocumented[0], 43, F32), (Pac2200Map.Undocumented[1], 45, F32), (Pac2200Map.Undocumented[2], 47, F32),
            (Pac2200Map.Undocumented[3], 49, F32), (Pac2200Map.Undocumented[4], 51, F32), (Pac2200Map.Undocumented[5], 53, F32),
            (Pac2200Map.Frequency, 55, F32),
            (Pac2200Map.AverageVoltageLN, 57, F32), (Pac2200Map.AverageVoltageLL, 59, F32), (Pac2200Map.AverageCurrent, 61, F32),
            (Pac2200Map.TotalApparentPower, 63, F32), (Pac2200Map.TotalActivePower, 65, F32), (Pac2200Map.TotalReactivePower, 67, F32), (Pac2200Map.TotalPowerFactor, 69, F32),
            (Pac2200Map.NeutralCurrent, 71, F32),
            (Pac2200Map.DiagnosticsStatus, 205, U32), (Pac2200Map.DigitalOutputs, 207, U32), (Pac2200Map.DigitalInputs, 209, U32), (Pac2200Map.ActiveTariff, 211, U32),
            (Pac2200Map.ImportT1, 801, F64), (Pac2200Map.ImportT2, 805, F64), (Pac2200Map.ExportT1, 809, F64), (Pac2200Map.ExportT2, 813, F64),
        ];
        Assert.Equal(table.Select(row => row.Entry), Pac2200Map.All);
        Assert.All(table, row => Assert.Equal((row.Address, row.Format), (row.Entry.Address, row.Entry.Format)));

        // Only the neutral current (71) is left to the virtual meter: one driver's map has it, a real meter might refuse it.
        Assert.Equal([Pac2200Map.NeutralCurrent], Pac2200Map.All.Where(v => !v.ReadByClient));
    }

    [Fact]
    public void An_entry_prints_as_its_address_and_format()
    {
        Assert.Equal("13 Real32", Pac2200Map.Current[0].ToString());
        Assert.Equal("209 Unsigned32", Pac2200Map.DigitalInputs.ToString());
        Assert.Equal("813 Real64", Pac2200Map.ExportT2.ToString());
    }

    [Fact]
    public async Task The_server_answers_every_entry_with_the_value_the_client_decodes()
    {
        var (meter, source) = MeterWithEveryCounterMoved();
        var state = new Pac2200State(new Electrical(source.Current), source.Current.DigitalInput, meter.Output, Tariff: 1, Energies(meter));
        var expected = Pac2200Map.All.ToDictionary(v => v, v => AsEncoded(v.Format, v.Derive(state)));
        var zeroByDefinition = Pac2200Map.Undocumented.Append(Pac2200Map.DiagnosticsStatus);
        Assert.All(Pac2200Map.All.Except(zeroByDefinition), v => Assert.NotEqual(0, expected[v])); // a zero-filled answer cannot pass

        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, meter);
        await server.StartAsync();
        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(10) });
        foreach (var value in Pac2200Map.All)
        {
            var registers = await modbus.ReadHoldingRegistersAsync(value.Address, (ushort)value.Width);
            Assert.True(expected[value] == value.Decode(registers), $"{value}: served {value.Decode(registers)}, derived {expected[value]}");
        }

        var reading = await new Pac2200Client(modbus, _time).ReadAsync();
        Assert.Equal(ReadingStatus.Ok, reading.Status);
        Assert.Equal(Pac2200Map.All.Where(v => v.ReadByClient).ToHashSet(), reading.Values.Keys.ToHashSet());
        Assert.All(reading.Values, pair => Assert.True(expected[pair.Key] == pair.Value, $"{pair.Key}: client decoded {pair.Value}, derived {expected[pair.Key]}"));
    }

    [Fact]
    public async Task The_client_reads_in_three_requests_1_to_70_205_to_212_and_801_to_816()
    {
        var recorder = new RecordingModel(new Pac2200Meter(new ConstantSource(Importing), _time));
        await using var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, recorder);
        await server.StartAsync();
        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = server.LocalEndPoint.Port, Timeout = TimeSpan.FromSeconds(10) });
        Assert.Equal(ReadingStatus.Ok, (await new Pac2200Client(modbus, _time).ReadAsync()).Status);
        Assert.Equal([(1, 70), (205, 8), (801, 16)], recorder.Reads);
    }

    /// <summary>The value as it comes back from its registers (float32 loses precision, uint32 is whole).</summary>
    private static double AsEncoded(Pac2200Format format, double value) => format switch
    {
        Pac2200Format.Real32 => (float)value,
        Pac2200Format.Unsigned32 => (uint)value,
        _ => value,
    };

    private static Pac2200Energies Energies(Pac2200Meter meter)
    {
        var (importT1, importT2, exportT1, exportT2) = meter.Energies();
        return new Pac2200Energies(importT1, importT2, exportT1, exportT2);
    }

    /// <summary>One hour each: import in T1, import in T2, export in T1, export in T2; then output on, tariff 2.</summary>
    private (Pac2200Meter Meter, ConstantSource Source) MeterWithEveryCounterMoved()
    {
        var source = new ConstantSource(Importing);
        var meter = new Pac2200Meter(source, _time);
        void Tariff(ushort value) => Assert.Equal(ExceptionCode.None, meter.WriteRegisters(60006, [value]));
        _time.Advance(TimeSpan.FromHours(1));
        Tariff(1);
        _time.Advance(TimeSpan.FromHours(1));
        source.Current = Exporting;
        Tariff(0); // counts the last hour's import into T2, then samples the export
        _time.Advance(TimeSpan.FromHours(1));
        Tariff(1);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ExceptionCode.None, meter.WriteRegisters(60008, [0x0001]));
        return (meter, source);
    }

    /// <summary>The meter, with every register read it answers recorded.</summary>
    private sealed class RecordingModel(IModbusDataModel inner) : IModbusDataModel
    {
        private readonly List<(int Address, int Count)> _reads = [];

        public IReadOnlyList<(int Address, int Count)> Reads
        {
            get
            {
                lock (_reads)
                {
                    return [.. _reads];
                }
            }
        }

        public DeviceIdentification? Identification => inner.Identification;

        public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values) => inner.ReadBits(table, address, values);

        public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
        {
            lock (_reads)
            {
                _reads.Add((address, values.Length));
            }

            return inner.ReadRegisters(table, address, values);
        }

        public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values) => inner.WriteCoils(address, values);

        public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values) => inner.WriteRegisters(address, values);
    }
}
