using Amtron.Modbus.Client;

namespace Amtron.VirtualMeter.Pac2200;

/// <summary>How a PAC2200 value sits in its registers (big-endian, high word first).</summary>
public enum Pac2200Format
{
    /// <summary>float32: IEEE 754 single precision, 2 registers.</summary>
    Real32,

    /// <summary>uint32, 2 registers.</summary>
    Unsigned32,

    /// <summary>float64: IEEE 754 double precision, 4 registers.</summary>
    Real64,
}

/// <summary>
/// One value of the PAC2200 register map: where it is, how it is encoded and, for the virtual meter,
/// how it follows from the meter's state. The virtual meter encodes with it, the client decodes with it.
/// </summary>
public sealed class Pac2200Register
{
    private readonly Func<Pac2200State, double> _derive;

    internal Pac2200Register(ushort address, Pac2200Format format, Func<Pac2200State, double> derive, bool readByClient)
    {
        Address = address;
        Format = format;
        _derive = derive;
        ReadByClient = readByClient;
    }

    /// <summary>First register (wire address, no ±1).</summary>
    public ushort Address { get; }

    /// <summary>Its encoding.</summary>
    public Pac2200Format Format { get; }

    /// <summary>Registers it takes.</summary>
    public int Width => Format == Pac2200Format.Real64 ? RegisterValues.Registers64 : RegisterValues.Registers32;

    /// <summary>Whether <see cref="Pac2200Client"/> reads it (false for values a real meter may not have).</summary>
    public bool ReadByClient { get; }

    /// <summary>The value in <paramref name="registers"/> (<see cref="Width"/> of them, from <see cref="Address"/>).</summary>
    public double Decode(ReadOnlySpan<ushort> registers) => Format switch
    {
        Pac2200Format.Real32 => RegisterValues.ToFloat32(registers),
        Pac2200Format.Unsigned32 => RegisterValues.ToUInt32(registers),
        _ => RegisterValues.ToFloat64(registers),
    };

    /// <summary>Address and format, e.g. "13 Real32" (what the value is: the <see cref="Pac2200Map"/> entry's comment).</summary>
    public override string ToString() => $"{Address} {Format}";

    /// <summary>This value of <paramref name="state"/>, as the virtual meter serves it.</summary>
    internal double Derive(in Pac2200State state) => _derive(state);

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (<see cref="Width"/> registers).</summary>
    internal void Encode(double value, Span<ushort> destination)
    {
        switch (Format)
        {
            case Pac2200Format.Real32:
                RegisterValues.FromFloat32((float)value, destination);
                return;
            case Pac2200Format.Unsigned32:
                RegisterValues.FromUInt32((uint)value, destination);
                return;
            default:
                RegisterValues.FromFloat64(value, destination);
                return;
        }
    }
}

/// <summary>What the virtual meter's registers are derived from at one instant.</summary>
internal readonly record struct Pac2200State(Electrical Electrical, bool DigitalInput, bool Output, int Tariff, Pac2200Energies Energies);

/// <summary>Active energy counters (Wh), tariffs 1 and 2.</summary>
internal readonly record struct Pac2200Energies(double ImportT1, double ImportT2, double ExportT1, double ExportT2);
