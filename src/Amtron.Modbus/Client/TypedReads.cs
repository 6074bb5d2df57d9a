using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Client;

/// <summary>Typed reads and writes over a <see cref="ModbusTcpClient"/>: u16, u32, float32, float64 in a chosen word order.</summary>
public static class TypedReads
{
    /// <summary>One u16 from a holding (FC 03) or input (FC 04) register.</summary>
    public static async ValueTask<ushort> ReadUInt16Async(this ModbusTcpClient client, ushort address, FunctionCode table = FunctionCode.ReadHoldingRegisters, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return (await client.ReadRegistersAsync(table, address, 1, unit, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>A u32 from two registers.</summary>
    public static async ValueTask<uint> ReadUInt32Async(this ModbusTcpClient client, ushort address, WordOrder order = WordOrder.HighWordFirst, FunctionCode table = FunctionCode.ReadHoldingRegisters, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RegisterValues.ToUInt32(await client.ReadRegistersAsync(table, address, RegisterValues.Registers32, unit, cancellationToken).ConfigureAwait(false), order);
    }

    /// <summary>A float32 from two registers.</summary>
    public static async ValueTask<float> ReadFloat32Async(this ModbusTcpClient client, ushort address, WordOrder order = WordOrder.HighWordFirst, FunctionCode table = FunctionCode.ReadHoldingRegisters, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RegisterValues.ToFloat32(await client.ReadRegistersAsync(table, address, RegisterValues.Registers32, unit, cancellationToken).ConfigureAwait(false), order);
    }

    /// <summary>A float64 from four registers.</summary>
    public static async ValueTask<double> ReadFloat64Async(this ModbusTcpClient client, ushort address, WordOrder order = WordOrder.HighWordFirst, FunctionCode table = FunctionCode.ReadHoldingRegisters, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RegisterValues.ToFloat64(await client.ReadRegistersAsync(table, address, RegisterValues.Registers64, unit, cancellationToken).ConfigureAwait(false), order);
    }

    /// <summary>Writes a u32 into two holding registers (FC 16).</summary>
    public static ValueTask WriteUInt32Async(this ModbusTcpClient client, ushort address, uint value, WordOrder order = WordOrder.HighWordFirst, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var registers = new ushort[RegisterValues.Registers32];
        RegisterValues.FromUInt32(value, registers, order);
        return client.WriteMultipleRegistersAsync(address, registers, unit, cancellationToken);
    }

    /// <summary>Writes a float32 into two holding registers (FC 16).</summary>
    public static ValueTask WriteFloat32Async(this ModbusTcpClient client, ushort address, float value, WordOrder order = WordOrder.HighWordFirst, byte? unit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var registers = new ushort[RegisterValues.Registers32];
        RegisterValues.FromFloat32(value, registers, order);
        return client.WriteMultipleRegistersAsync(address, registers, unit, cancellationToken);
    }
}
