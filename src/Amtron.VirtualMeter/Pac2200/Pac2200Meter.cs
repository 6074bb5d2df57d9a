using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter.Sources;

namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// A virtual Siemens SENTRON PAC2200 as a Modbus data model: the values of <see cref="Pac2200Map"/> (measured
/// values, status words, energy counters) and the identification block, from an <see cref="IMeterSource"/>. As on the device, a read that
/// starts or ends inside a multi-register value, or covers an unmapped register, is exception 02; FC 03 and 04 read
/// the same values; FC 02 reads the status bits (DI 0 at 200, DO 0 at 300); FC 06 takes the commands 60004 (reset
/// energy), 60006 (tariff) and 60008 (switch output). Energies integrate the total active power over the meter's
/// clock: import while it is positive, export while negative, into the active tariff. Thread-safe.
/// </summary>
public sealed class Pac2200Meter : IModbusDataModel
{
    private const double SecondsPerHour = 3600;
    private const ushort ManufacturerIdSiemens = 42;
    private const int OrderNumberRegisters = 10;
    private const int SerialRegisters = 8;
    private const int ResetEnergyMaxSelector = 10;
    private const ushort DigitalInputBit = 200; // FC 02
    private const ushort DigitalOutputBit = 300;
    private const ushort CommandResetEnergy = 60004; // FC 06, value 1..10
    private const ushort CommandSwitchTariff = 60006; // 0 tariff 1, 1 tariff 2
    private const ushort CommandSwitchOutput = 60008; // high byte output number 0, low byte 0 off / 1 on
    private static readonly ushort[] StatusBits = [108, 110, 111, 112, 124, 125, 126, 127, 129, 130, 131, DigitalInputBit, DigitalOutputBit];
    private static readonly Layout Registers = new();

    private readonly IMeterSource _source;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly double[] _importWh = new double[2];
    private readonly double[] _exportWh = new double[2];
    private DateTimeOffset _lastUpdate;
    private double _lastTotalPowerW;
    private int _tariff;
    private bool _output;

    /// <summary>A meter reading <paramref name="source"/> on <paramref name="time"/>'s clock (the system clock if null).</summary>
    public Pac2200Meter(IMeterSource source, TimeProvider? time = null, string serialNumber = "AMTRON-VIRTUAL-1")
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? TimeProvider.System;
        SerialNumber = serialNumber ?? throw new ArgumentNullException(nameof(serialNumber));
        _lastUpdate = _time.GetUtcNow();
        Identification = new DeviceIdentification("Siemens", "SENTRON PAC2200 (Amtron virtual meter)", "V3.2.0");

        // Energy counts from now, with the power the source gives now.
        _lastTotalPowerW = new Electrical(_source.Sample(_lastUpdate)).TotalActivePower;
    }

    /// <summary>The order number served in the I&amp;M block.</summary>
    public static string OrderNumber => "7KM2200-2EA30-1JA1";

    /// <summary>The serial number served in the I&amp;M block.</summary>
    public string SerialNumber { get; }

    /// <inheritdoc />
    public DeviceIdentification? Identification { get; }

    /// <summary>State of digital output 0 (switched with command 60008).</summary>
    public bool Output
    {
        get
        {
            lock (_gate)
            {
                return _output;
            }
        }
    }

    /// <summary>Energy counters now: import T1, import T2, export T1, export T2 (Wh).</summary>
    public (double ImportT1, double ImportT2, double ExportT1, double ExportT2) Energies()
    {
        lock (_gate)
        {
            Update();
            return (_importWh[0], _importWh[1], _exportWh[0], _exportWh[1]);
        }
    }

    /// <inheritdoc />
    public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values)
    {
        if (table != FunctionCode.ReadDiscreteInputs)
        {
            return ExceptionCode.IllegalFunction;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (Array.IndexOf(StatusBits, (ushort)(address + i)) < 0)
            {
                return ExceptionCode.IllegalDataAddress;
            }
        }

        lock (_gate)
        {
            var state = Update();
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (address + i) switch
                {
                    DigitalInputBit => state.DigitalInput,
                    DigitalOutputBit => state.Output,
                    _ => false,
                };
            }
        }

        return ExceptionCode.None;
    }

    /// <inheritdoc />
    public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
    {
        if (!Registers.IsWholeValues(address, values.Length))
        {
            return ExceptionCode.IllegalDataAddress;
        }

        lock (_gate)
        {
            var state = Update();
            var at = 0;
            while (at < values.Length)
            {
                var register = (ushort)(address + at);
                if (register == Pac2200Map.IdentificationBlock)
                {
                    WriteIdentification(values.Slice(at, Pac2200Map.IdentificationBlockLength));
                    at += Pac2200Map.IdentificationBlockLength;
                    continue;
                }

                var value = Registers.ValueAt(register);
                value.Encode(value.Derive(state), values.Slice(at, value.Width));
                at += value.Width;
            }
        }

        return ExceptionCode.None;
    }

    /// <inheritdoc />
    public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values) => ExceptionCode.IllegalFunction;

    /// <inheritdoc />
    public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        if (values.Length != 1)
        {
            return ExceptionCode.IllegalDataAddress;
        }

        var value = values[0];
        lock (_gate)
        {
            Update();
            switch (address)
            {
                case CommandResetEnergy when value is >= 1 and <= ResetEnergyMaxSelector:
                    Array.Clear(_importWh);
                    Array.Clear(_exportWh);
                    return ExceptionCode.None;
                case CommandSwitchTariff when value <= 1:
                    _tariff = value;
                    return ExceptionCode.None;
                case CommandSwitchOutput when value >> 8 == 0 && (value & 0xFF) <= 1:
                    _output = (value & 0xFF) == 1;
                    return ExceptionCode.None;
                case CommandResetEnergy or CommandSwitchTariff or CommandSwitchOutput:
                    return ExceptionCode.IllegalDataValue;
                default:
                    return ExceptionCode.IllegalDataAddress;
            }
        }
    }

    /// <summary>Brings the energy counters up to now with the power of the last sample, then takes a new sample.</summary>
    private Pac2200State Update()
    {
        var now = _time.GetUtcNow();
        var hours = Math.Max(0, (now - _lastUpdate).TotalSeconds) / SecondsPerHour;
        if (_lastTotalPowerW >= 0)
        {
            _importWh[_tariff] += _lastTotalPowerW * hours;
        }
        else
        {
            _exportWh[_tariff] += -_lastTotalPowerW * hours;
        }

        _lastUpdate = now;
        var sample = _source.Sample(now);
        var electrical = new Electrical(sample);
        _lastTotalPowerW = electrical.TotalActivePower;
        return new Pac2200State(electrical, sample.DigitalInput, _output, _tariff, new Pac2200Energies(_importWh[0], _importWh[1], _exportWh[0], _exportWh[1]));
    }

    private void WriteIdentification(Span<ushort> block)
    {
        block.Clear();
        block[0] = ManufacturerIdSiemens;
        WriteAscii(OrderNumber, block.Slice(1, OrderNumberRegisters));
        WriteAscii(SerialNumber, block.Slice(1 + OrderNumberRegisters, SerialRegisters));
        block[19] = 1; // hardware version
        block[20] = ('V' << 8) | 3; // firmware "V3.2.0": a char, then major, minor, patch bytes
        block[21] = 2 << 8;
        block[25] = 0x0101; // I&M version 1.1
    }

    private static void WriteAscii(string text, Span<ushort> registers)
    {
        for (var i = 0; i < registers.Length * 2; i++)
        {
            var c = i < text.Length ? (byte)text[i] : (byte)' ';
            registers[i / 2] |= (ushort)(i % 2 == 0 ? c << 8 : c);
        }
    }

    /// <summary>Which registers are mapped: each value of <see cref="Pac2200Map"/> and the identification block.</summary>
    private sealed class Layout
    {
        private readonly Pac2200Register?[] _values = ByAddress();

        public Pac2200Register ValueAt(ushort register) => _values[register] ?? throw new ArgumentOutOfRangeException(nameof(register), register, "no value starts here");

        /// <summary>True when [address, address + count) is mapped and starts and ends on value boundaries.</summary>
        public bool IsWholeValues(ushort address, int count)
        {
            var at = (int)address;
            var end = address + count;
            while (at < end)
            {
                var size = SizeAt(at);
                if (size == 0)
                {
                    return false;
                }

                at += size;
            }

            return at == end;
        }

        private int SizeAt(int register) => register switch
        {
            Pac2200Map.IdentificationBlock => Pac2200Map.IdentificationBlockLength,
            > ushort.MaxValue => 0,
            _ => register < _values.Length && _values[register] is { } value ? value.Width : 0,
        };

        private static Pac2200Register?[] ByAddress()
        {
            var byAddress = new Pac2200Register?[Pac2200Map.All[^1].Address + 1];
            foreach (var value in Pac2200Map.All)
            {
                byAddress[value.Address] = value;
            }

            return byAddress;
        }
    }
}
