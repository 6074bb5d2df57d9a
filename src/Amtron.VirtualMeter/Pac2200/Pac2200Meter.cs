using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter.Sources;

namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// A virtual Siemens SENTRON PAC2200 as a Modbus data model: measured values, status words, energy counters and
/// identification at the device's wire addresses, from an <see cref="IMeterSource"/>. As on the device, a read that
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
    private static readonly ushort[] StatusBits = [108, 110, 111, 112, 124, 125, 126, 127, 129, 130, 131, Pac2200Registers.DigitalInputBit, Pac2200Registers.DigitalOutputBit];
    private static readonly Layout Map = Layout.Build();

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
            var (sample, _) = Update();
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (address + i) switch
                {
                    Pac2200Registers.DigitalInputBit => sample.DigitalInput,
                    Pac2200Registers.DigitalOutputBit => _output,
                    _ => false,
                };
            }
        }

        return ExceptionCode.None;
    }

    /// <inheritdoc />
    public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
    {
        if (!Map.IsWholeValues(address, values.Length))
        {
            return ExceptionCode.IllegalDataAddress;
        }

        lock (_gate)
        {
            var (sample, electrical) = Update();
            var at = 0;
            while (at < values.Length)
            {
                var register = (ushort)(address + at);
                var size = Map.SizeAt(register);
                Encode(register, electrical, sample, values.Slice(at, size));
                at += size;
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
                case Pac2200Registers.CommandResetEnergy when value is >= 1 and <= ResetEnergyMaxSelector:
                    Array.Clear(_importWh);
                    Array.Clear(_exportWh);
                    return ExceptionCode.None;
                case Pac2200Registers.CommandSwitchTariff when value <= 1:
                    _tariff = value;
                    return ExceptionCode.None;
                case Pac2200Registers.CommandSwitchOutput when value >> 8 == 0 && (value & 0xFF) <= 1:
                    _output = (value & 0xFF) == 1;
                    return ExceptionCode.None;
                case Pac2200Registers.CommandResetEnergy or Pac2200Registers.CommandSwitchTariff or Pac2200Registers.CommandSwitchOutput:
                    return ExceptionCode.IllegalDataValue;
                default:
                    return ExceptionCode.IllegalDataAddress;
            }
        }
    }

    /// <summary>Brings the energy counters up to now with the power of the last sample, then takes a new sample.</summary>
    private (MeterSample Sample, Electrical Electrical) Update()
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
        return (sample, electrical);
    }

    private void Encode(ushort register, in Electrical e, MeterSample sample, Span<ushort> destination)
    {
        switch (register)
        {
            case >= Pac2200Registers.ActiveEnergyImportT1 and <= Pac2200Registers.ActiveEnergyExportT2:
                var energy = register switch
                {
                    Pac2200Registers.ActiveEnergyImportT1 => _importWh[0],
                    Pac2200Registers.ActiveEnergyImportT2 => _importWh[1],
                    Pac2200Registers.ActiveEnergyExportT1 => _exportWh[0],
                    _ => _exportWh[1],
                };
                RegisterValues.FromFloat64(energy, destination);
                return;
            case Pac2200Registers.DiagnosticsStatus:
                RegisterValues.FromUInt32(0, destination);
                return;
            case Pac2200Registers.DigitalOutputsStatus:
                RegisterValues.FromUInt32(_output ? 1u : 0u, destination);
                return;
            case Pac2200Registers.DigitalInputsStatus:
                RegisterValues.FromUInt32(sample.DigitalInput ? 1u : 0u, destination);
                return;
            case Pac2200Registers.ActiveTariff:
                RegisterValues.FromUInt32((uint)_tariff, destination);
                return;
            case Pac2200Registers.IdentificationBlock:
                WriteIdentification(destination);
                return;
            default:
                RegisterValues.FromFloat32((float)e.Measured(register), destination);
                return;
        }
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

    /// <summary>Which registers are mapped, and the size of the value each one starts.</summary>
    private sealed class Layout
    {
        private readonly byte[] _size = new byte[ushort.MaxValue + 1];

        public static Layout Build()
        {
            var layout = new Layout();
            for (var a = Pac2200Registers.VoltageL1N; a < Pac2200Registers.MeasuredLast; a += RegisterValues.Registers32)
            {
                layout.Add(a, RegisterValues.Registers32);
            }

            for (var a = Pac2200Registers.DiagnosticsStatus; a <= Pac2200Registers.ActiveTariff; a += RegisterValues.Registers32)
            {
                layout.Add(a, RegisterValues.Registers32);
            }

            for (var a = Pac2200Registers.ActiveEnergyImportT1; a <= Pac2200Registers.ActiveEnergyExportT2; a += RegisterValues.Registers64)
            {
                layout.Add(a, RegisterValues.Registers64);
            }

            layout.Add(Pac2200Registers.IdentificationBlock, Pac2200Registers.IdentificationBlockLength);
            return layout;
        }

        public int SizeAt(ushort register) => _size[register];

        /// <summary>True when [address, address + count) is mapped and starts and ends on value boundaries.</summary>
        public bool IsWholeValues(ushort address, int count)
        {
            var at = (int)address;
            var end = address + count;
            while (at < end)
            {
                if (_size[at] == 0)
                {
                    return false;
                }

                at += _size[at];
            }

            return at == end;
        }

        private void Add(int address, int size) => _size[address] = (byte)size;
    }
}
