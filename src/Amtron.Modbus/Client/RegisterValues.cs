namespace Amtron.Modbus.Client;

/// <summary>Typed values in 16-bit registers: u16, u32, float32, float64 in either word order.</summary>
public static class RegisterValues
{
    /// <summary>Registers holding a 32-bit value.</summary>
    public const int Registers32 = 2;

    /// <summary>Registers holding a 64-bit value.</summary>
    public const int Registers64 = 4;

    /// <summary>An unsigned 32-bit value from two registers.</summary>
    public static uint ToUInt32(ReadOnlySpan<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        (uint)ToBits(registers[..Registers32], order);

    /// <summary>A float32 from two registers.</summary>
    public static float ToFloat32(ReadOnlySpan<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        BitConverter.UInt32BitsToSingle(ToUInt32(registers, order));

    /// <summary>A float64 from four registers.</summary>
    public static double ToFloat64(ReadOnlySpan<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        BitConverter.UInt64BitsToDouble(ToBits(registers[..Registers64], order));

    /// <summary>Writes an unsigned 32-bit value into two registers.</summary>
    public static void FromUInt32(uint value, Span<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        FromBits(value, registers[..Registers32], order);

    /// <summary>Writes a float32 into two registers.</summary>
    public static void FromFloat32(float value, Span<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        FromBits(BitConverter.SingleToUInt32Bits(value), registers[..Registers32], order);

    /// <summary>Writes a float64 into four registers.</summary>
    public static void FromFloat64(double value, Span<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        FromBits(BitConverter.DoubleToUInt64Bits(value), registers[..Registers64], order);

    private static ulong ToBits(ReadOnlySpan<ushort> registers, WordOrder order)
    {
        ulong bits = 0;
        for (var i = 0; i < registers.Length; i++)
        {
            var register = order == WordOrder.HighWordFirst ? registers[i] : registers[registers.Length - 1 - i];
            bits = (bits << 16) | register;
        }

        return bits;
    }

    private static void FromBits(ulong bits, Span<ushort> registers, WordOrder order)
    {
        for (var i = registers.Length - 1; i >= 0; i--)
        {
            registers[order == WordOrder.HighWordFirst ? i : registers.Length - 1 - i] = (ushort)(bits & 0xFFFF);
            bits >>= 16;
        }
    }
}
