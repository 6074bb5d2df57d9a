using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Server;

/// <summary>
/// What one unit (device) behind a Modbus server holds. The server checks function codes, quantities and lengths
/// first; the model answers for its addresses: <see cref="ExceptionCode.IllegalDataAddress"/> for addresses it does
/// not map, <see cref="ExceptionCode.IllegalFunction"/> for a table it does not have. Calls for one connection are
/// sequential, but several connections may call at once: implementations must be thread-safe.
/// </summary>
public interface IModbusDataModel
{
    /// <summary>FC 01 (coils) or 02 (discrete inputs): fills <paramref name="values"/> from <paramref name="address"/> on.</summary>
    ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values);

    /// <summary>FC 03 (holding) or 04 (input registers): fills <paramref name="values"/> from <paramref name="address"/> on.</summary>
    ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values);

    /// <summary>FC 05 and 15: writes coils from <paramref name="address"/> on.</summary>
    ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values);

    /// <summary>FC 06, 16 and the write part of 23: writes holding registers from <paramref name="address"/> on.</summary>
    ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values);

    /// <summary>FC 43/14 objects (id → value), or null when the unit does not identify itself (answered with 01).</summary>
    DeviceIdentification? Identification { get; }
}
