namespace Amtron.Modbus.Protocol;

/// <summary>
/// Outcome of a request as the spec codes it (Modbus Application Protocol v1.1b3, section 7). <see cref="None"/> is
/// success; every other value is sent back as an exception response (function code + 0x80, then this byte).
/// </summary>
public enum ExceptionCode : byte
{
    /// <summary>Success: a normal response.</summary>
    None = 0x00,

    /// <summary>01: the function code is not supported (checked first).</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the start address, or start + quantity, is outside what the server maps.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: the request is malformed: quantity out of range, byte count not matching, wrong length.</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: an unrecoverable error while executing the request.</summary>
    ServerDeviceFailure = 0x04,

    /// <summary>05: accepted, will take long (not used by this stack's server).</summary>
    Acknowledge = 0x05,

    /// <summary>06: the server is busy with another request; retry later.</summary>
    ServerDeviceBusy = 0x06,

    /// <summary>0A: a gateway could not route the request (gateways only).</summary>
    GatewayPathUnavailable = 0x0A,

    /// <summary>0B: a gateway's target did not answer (gateways only): used for a unit id nobody serves.</summary>
    GatewayTargetDeviceFailedToRespond = 0x0B,
}
