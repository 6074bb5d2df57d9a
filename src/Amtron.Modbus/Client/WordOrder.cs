namespace Amtron.Modbus.Client;

/// <summary>How a 32- or 64-bit value is split over 16-bit registers; bytes within a register are always big-endian.</summary>
public enum WordOrder
{
    /// <summary>Most significant register first (Siemens PAC, "ABCD").</summary>
    HighWordFirst,

    /// <summary>Least significant register first (Phoenix EMpro, "CDAB").</summary>
    LowWordFirst,
}
