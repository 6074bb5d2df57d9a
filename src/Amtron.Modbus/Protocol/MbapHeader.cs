using System.Buffers.Binary;

namespace Amtron.Modbus.Protocol;

/// <summary>
/// The 7-byte header of a Modbus TCP frame (TCP guide §3.1.3), big-endian. <see cref="Length"/> counts the unit id
/// and the PDU, so a valid frame has 2 ≤ Length ≤ 254.
/// </summary>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>Smallest valid <see cref="Length"/>: unit id + function code.</summary>
    public const int MinLength = 2;

    /// <summary>Largest valid <see cref="Length"/>: unit id + the largest PDU.</summary>
    public const int MaxLength = 1 + ModbusLimits.MaxPduLength;

    /// <summary>Bytes of PDU that follow the header.</summary>
    public int PduLength => Length - 1;

    /// <summary>True when the length announces a PDU this stack accepts (1 to 253 bytes).</summary>
    public bool HasValidLength => Length is >= MinLength and <= MaxLength;

    /// <summary>Reads a header from the first 7 bytes of <paramref name="source"/>.</summary>
    public static MbapHeader Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt16BigEndian(source),
        BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
        BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
        source[6]);

    /// <summary>Writes the header into the first 7 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], ProtocolId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Length);
        destination[6] = UnitId;
    }
}
