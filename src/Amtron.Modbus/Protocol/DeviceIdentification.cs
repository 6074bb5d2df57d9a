namespace Amtron.Modbus.Protocol;

/// <summary>
/// Read Device Identification objects (Application Protocol §6.21): 0x00 VendorName, 0x01 ProductCode, 0x02
/// MajorMinorRevision (basic, mandatory), 0x03–0x06 regular, 0x80+ extended. Values are ASCII.
/// </summary>
public sealed class DeviceIdentification
{
    /// <summary>Object id of the vendor name.</summary>
    public const byte VendorName = 0x00;

    /// <summary>Object id of the product code.</summary>
    public const byte ProductCode = 0x01;

    /// <summary>Object id of the revision.</summary>
    public const byte MajorMinorRevision = 0x02;

    /// <summary>Object id of the vendor URL (regular).</summary>
    public const byte VendorUrl = 0x03;

    /// <summary>Object id of the product name (regular).</summary>
    public const byte ProductName = 0x04;

    /// <summary>Object id of the model name (regular).</summary>
    public const byte ModelName = 0x05;

    /// <summary>
    /// Longest object value: it must fit in one response PDU (253 bytes) after the 7-byte response header (function,
    /// MEI type, read code, conformity, more follows, next object id, number of objects) and its own id and length.
    /// A longer object could never be sent: a stream would announce it as "more follows" forever.
    /// </summary>
    public const int MaxObjectLength = ModbusLimits.MaxPduLength - 7 - 2;

    /// <summary>Identification from the three mandatory basic objects and optional others.</summary>
    public DeviceIdentification(string vendorName, string productCode, string revision, IReadOnlyDictionary<byte, string>? more = null)
    {
        var objects = new SortedDictionary<byte, byte[]>
        {
            [VendorName] = Ascii(vendorName),
            [ProductCode] = Ascii(productCode),
            [MajorMinorRevision] = Ascii(revision),
        };
        foreach (var (id, value) in more ?? new Dictionary<byte, string>())
        {
            objects[id] = Ascii(value);
        }

        Objects = objects;
    }

    /// <summary>All objects by id, ascending.</summary>
    public IReadOnlyDictionary<byte, byte[]> Objects { get; }

    private static byte[] Ascii(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = System.Text.Encoding.ASCII.GetBytes(value);
        return bytes.Length <= MaxObjectLength ? bytes : throw new ArgumentException($"an identification object holds at most {MaxObjectLength} bytes (it must fit in one response)", nameof(value));
    }
}
