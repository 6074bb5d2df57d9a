namespace Amtron.Modbus.Protocol;

/// <summary>Sizes and quantity limits of Modbus TCP (Application Protocol v1.1b3 §4.1, §6; TCP guide §3.1.3).</summary>
public static class ModbusLimits
{
    /// <summary>MBAP header: transaction id (2), protocol id (2), length (2), unit id (1).</summary>
    public const int MbapLength = 7;

    /// <summary>Largest PDU (function code + data).</summary>
    public const int MaxPduLength = 253;

    /// <summary>Largest TCP ADU: MBAP + PDU.</summary>
    public const int MaxAduLength = MbapLength + MaxPduLength;

    /// <summary>The protocol identifier of Modbus in the MBAP header; anything else is dropped.</summary>
    public const ushort ModbusProtocolId = 0;

    /// <summary>FC 01/02: most bits per read.</summary>
    public const int MaxReadBits = 2000;

    /// <summary>FC 03/04 and the read part of 23: most registers per read.</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>FC 15: most coils per write.</summary>
    public const int MaxWriteBits = 1968;

    /// <summary>FC 16: most registers per write.</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>FC 23: most registers in the write part.</summary>
    public const int MaxReadWriteWriteRegisters = 121;

    /// <summary>Addresses run 0..65535; start + quantity may reach 65536.</summary>
    public const int AddressSpace = 65536;

    /// <summary>FC 05: the value that switches a coil on.</summary>
    public const ushort CoilOn = 0xFF00;

    /// <summary>FC 05: the value that switches a coil off.</summary>
    public const ushort CoilOff = 0x0000;

    /// <summary>FC 43: the MEI type of Read Device Identification.</summary>
    public const byte ReadDeviceIdentificationMei = 0x0E;

    /// <summary>Bit set on the function code of an exception response.</summary>
    public const byte ExceptionFlag = 0x80;
}
