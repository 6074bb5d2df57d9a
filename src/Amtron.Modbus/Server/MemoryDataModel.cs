using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Server;

/// <summary>
/// A plain device: four tables of fixed size starting at address 0 (coils, discrete inputs, holding and input
/// registers), every address in range mapped. Reads beyond a table's size are 02. Thread-safe. Used by tests, the
/// load benchmark and as a scratch device on a bench.
/// </summary>
public sealed class MemoryDataModel : IModbusDataModel
{
    private readonly Lock _gate = new();
    private readonly bool[] _coils;
    private readonly bool[] _discreteInputs;
    private readonly ushort[] _holding;
    private readonly ushort[] _input;

    /// <summary>A device with the given table sizes (0 = the table does not exist: its function codes answer 01).</summary>
    public MemoryDataModel(int coils = 0, int discreteInputs = 0, int holdingRegisters = 0, int inputRegisters = 0, DeviceIdentification? identification = null)
    {
        _coils = new bool[coils];
        _discreteInputs = new bool[discreteInputs];
        _holding = new ushort[holdingRegisters];
        _input = new ushort[inputRegisters];
        Identification = identification;
    }

    /// <inheritdoc />
    public DeviceIdentification? Identification { get; }

    /// <summary>Sets input registers from <paramref name="address"/> on (the device's own measurements).</summary>
    public void SetInputRegisters(int address, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            values.CopyTo(_input.AsSpan(address));
        }
    }

    /// <summary>Sets discrete inputs from <paramref name="address"/> on.</summary>
    public void SetDiscreteInputs(int address, ReadOnlySpan<bool> values)
    {
        lock (_gate)
        {
            values.CopyTo(_discreteInputs.AsSpan(address));
        }
    }

    /// <summary>A copy of the holding registers.</summary>
    public ushort[] HoldingRegisters()
    {
        lock (_gate)
        {
            return (ushort[])_holding.Clone();
        }
    }

    /// <summary>A copy of the coils.</summary>
    public bool[] Coils()
    {
        lock (_gate)
        {
            return (bool[])_coils.Clone();
        }
    }

    /// <inheritdoc />
    public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values)
    {
        var source = table == FunctionCode.ReadCoils ? _coils : _discreteInputs;
        lock (_gate)
        {
            return Copy(source.AsSpan(), address, values);
        }
    }

    /// <inheritdoc />
    public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
    {
        var source = table == FunctionCode.ReadHoldingRegisters ? _holding : _input;
        lock (_gate)
        {
            return Copy(source.AsSpan(), address, values);
        }
    }

    /// <inheritdoc />
    public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values)
    {
        lock (_gate)
        {
            return Copy(values, _coils.AsSpan(), address);
        }
    }

    /// <inheritdoc />
    public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            return Copy(values, _holding.AsSpan(), address);
        }
    }

    private static ExceptionCode Copy<T>(ReadOnlySpan<T> table, int address, Span<T> values)
    {
        if (table.IsEmpty)
        {
            return ExceptionCode.IllegalFunction;
        }

        if (address + values.Length > table.Length)
        {
            return ExceptionCode.IllegalDataAddress;
        }

        table.Slice(address, values.Length).CopyTo(values);
        return ExceptionCode.None;
    }

    private static ExceptionCode Copy<T>(ReadOnlySpan<T> values, Span<T> table, int address)
    {
        if (table.IsEmpty)
        {
            return ExceptionCode.IllegalFunction;
        }

        if (address + values.Length > table.Length)
        {
            return ExceptionCode.IllegalDataAddress;
        }

        values.CopyTo(table[address..]);
        return ExceptionCode.None;
    }
}
