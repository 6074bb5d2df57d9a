using System.Buffers.Binary;
using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Server;

/// <summary>
/// Turns one request PDU into one response PDU against a data model, with the checks in the order the spec's state
/// diagrams give them: function code (01), then quantity, byte count and length (03), then address range (02), then
/// execution (the model's answer; an exception thrown by the model is 04). Pure apart from the model; allocation-free.
/// </summary>
public static class RequestProcessor
{
    private const int BitsPerByte = 8;
    private const int ReadRequestLength = 5;
    private const int WriteMultipleHeaderLength = 6;
    private const int ReadWriteHeaderLength = 10;
    private const int DeviceIdRequestLength = 4;
    private const byte ConformityIndividualAccess = 0x80;
    private const byte BasicLastObject = 0x02;
    private const byte RegularLastObject = 0x7F;
    private const byte MoreFollows = 0xFF;

    /// <summary>
    /// Processes <paramref name="request"/> (function code + data) and writes the response PDU into
    /// <paramref name="response"/> (at least <see cref="ModbusLimits.MaxPduLength"/> bytes). Returns its length.
    /// </summary>
    public static int Process(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (request.IsEmpty)
        {
            throw new ArgumentException("a request PDU holds at least a function code", nameof(request));
        }

        var function = request[0];
        ExceptionCode code;
        int length;
        try
        {
            (code, length) = (FunctionCode)function switch
            {
                FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs => ReadBits(request, model, response),
                FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters => ReadRegisters(request, model, response),
                FunctionCode.WriteSingleCoil => WriteSingleCoil(request, model, response),
                FunctionCode.WriteSingleRegister => WriteSingleRegister(request, model, response),
                FunctionCode.WriteMultipleCoils => WriteMultipleCoils(request, model, response),
                FunctionCode.WriteMultipleRegisters => WriteMultipleRegisters(request, model, response),
                FunctionCode.ReadWriteMultipleRegisters => ReadWriteRegisters(request, model, response),
                FunctionCode.EncapsulatedInterface => ReadDeviceIdentification(request, model, response),
                _ => (ExceptionCode.IllegalFunction, 0),
            };
        }
#pragma warning disable CA1031 // A failing model must not take the server down: the spec's answer is 04.
        catch (Exception)
#pragma warning restore CA1031
        {
            (code, length) = (ExceptionCode.ServerDeviceFailure, 0);
        }

        if (code == ExceptionCode.None)
        {
            return length;
        }

        response[0] = (byte)(function | ModbusLimits.ExceptionFlag);
        response[1] = (byte)code;
        return 2;
    }

    private static ushort U16(ReadOnlySpan<byte> pdu, int offset) => BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);

    private static bool OutsideAddressSpace(int address, int quantity) => address + quantity > ModbusLimits.AddressSpace;

    private static (ExceptionCode, int) ReadBits(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length != ReadRequestLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var address = U16(request, 1);
        var quantity = U16(request, 3);
        if (quantity is < 1 or > ModbusLimits.MaxReadBits)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        if (OutsideAddressSpace(address, quantity))
        {
            return (ExceptionCode.IllegalDataAddress, 0);
        }

        Span<bool> bits = stackalloc bool[quantity];
        var code = model.ReadBits((FunctionCode)request[0], address, bits);
        if (code != ExceptionCode.None)
        {
            return (code, 0);
        }

        var byteCount = (quantity + BitsPerByte - 1) / BitsPerByte;
        response[0] = request[0];
        response[1] = (byte)byteCount;
        PackBits(bits, response.Slice(2, byteCount));
        return (ExceptionCode.None, 2 + byteCount);
    }

    private static (ExceptionCode, int) ReadRegisters(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length != ReadRequestLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var address = U16(request, 1);
        var quantity = U16(request, 3);
        if (quantity is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        if (OutsideAddressSpace(address, quantity))
        {
            return (ExceptionCode.IllegalDataAddress, 0);
        }

        return ReadInto(model, (FunctionCode)request[0], address, quantity, request[0], response);
    }

    private static (ExceptionCode, int) ReadInto(IModbusDataModel model, FunctionCode table, ushort address, int quantity, byte function, Span<byte> response)
    {
        Span<ushort> registers = stackalloc ushort[quantity];
        var code = model.ReadRegisters(table, address, registers);
        if (code != ExceptionCode.None)
        {
            return (code, 0);
        }

        response[0] = function;
        response[1] = (byte)(quantity * 2);
        for (var i = 0; i < quantity; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(response[(2 + (2 * i))..], registers[i]);
        }

        return (ExceptionCode.None, 2 + (2 * quantity));
    }

    private static (ExceptionCode, int) WriteSingleCoil(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length != ReadRequestLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var value = U16(request, 3);
        if (value is not (ModbusLimits.CoilOn or ModbusLimits.CoilOff))
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        ReadOnlySpan<bool> coil = [value == ModbusLimits.CoilOn];
        return Echo(model.WriteCoils(U16(request, 1), coil), request, response);
    }

    private static (ExceptionCode, int) WriteSingleRegister(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length != ReadRequestLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        ReadOnlySpan<ushort> register = [U16(request, 3)];
        return Echo(model.WriteRegisters(U16(request, 1), register), request, response);
    }

    /// <summary>FC 05 and 06 answer with a copy of the request.</summary>
    private static (ExceptionCode, int) Echo(ExceptionCode code, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (code != ExceptionCode.None)
        {
            return (code, 0);
        }

        request.CopyTo(response);
        return (ExceptionCode.None, request.Length);
    }

    private static (ExceptionCode, int) WriteMultipleCoils(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length < WriteMultipleHeaderLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var address = U16(request, 1);
        var quantity = U16(request, 3);
        var byteCount = request[5];
        if (quantity is < 1 or > ModbusLimits.MaxWriteBits
            || byteCount != (quantity + BitsPerByte - 1) / BitsPerByte
            || request.Length != WriteMultipleHeaderLength + byteCount)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        if (OutsideAddressSpace(address, quantity))
        {
            return (ExceptionCode.IllegalDataAddress, 0);
        }

        Span<bool> coils = stackalloc bool[quantity];
        for (var i = 0; i < quantity; i++)
        {
            coils[i] = (request[WriteMultipleHeaderLength + (i / BitsPerByte)] & (1 << (i % BitsPerByte))) != 0;
        }

        return AddressAndQuantity(model.WriteCoils(address, coils), request, response);
    }

    private static (ExceptionCode, int) WriteMultipleRegisters(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length < WriteMultipleHeaderLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var address = U16(request, 1);
        var quantity = U16(request, 3);
        var byteCount = request[5];
        if (quantity is < 1 or > ModbusLimits.MaxWriteRegisters || byteCount != quantity * 2 || request.Length != WriteMultipleHeaderLength + byteCount)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        if (OutsideAddressSpace(address, quantity))
        {
            return (ExceptionCode.IllegalDataAddress, 0);
        }

        Span<ushort> registers = stackalloc ushort[quantity];
        for (var i = 0; i < quantity; i++)
        {
            registers[i] = U16(request, WriteMultipleHeaderLength + (2 * i));
        }

        return AddressAndQuantity(model.WriteRegisters(address, registers), request, response);
    }

    /// <summary>FC 15 and 16 answer with function code, start address and quantity.</summary>
    private static (ExceptionCode, int) AddressAndQuantity(ExceptionCode code, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (code != ExceptionCode.None)
        {
            return (code, 0);
        }

        request[..ReadRequestLength].CopyTo(response);
        return (ExceptionCode.None, ReadRequestLength);
    }

    private static (ExceptionCode, int) ReadWriteRegisters(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length < ReadWriteHeaderLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var readAddress = U16(request, 1);
        var readQuantity = U16(request, 3);
        var writeAddress = U16(request, 5);
        var writeQuantity = U16(request, 7);
        var byteCount = request[9];
        if (readQuantity is < 1 or > ModbusLimits.MaxReadRegisters
            || writeQuantity is < 1 or > ModbusLimits.MaxReadWriteWriteRegisters
            || byteCount != writeQuantity * 2
            || request.Length != ReadWriteHeaderLength + byteCount)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        if (OutsideAddressSpace(readAddress, readQuantity) || OutsideAddressSpace(writeAddress, writeQuantity))
        {
            return (ExceptionCode.IllegalDataAddress, 0);
        }

        Span<ushort> registers = stackalloc ushort[writeQuantity];
        for (var i = 0; i < writeQuantity; i++)
        {
            registers[i] = U16(request, ReadWriteHeaderLength + (2 * i));
        }

        // The spec: the write is performed before the read.
        var code = model.WriteRegisters(writeAddress, registers);
        return code != ExceptionCode.None
            ? (code, 0)
            : ReadInto(model, FunctionCode.ReadHoldingRegisters, readAddress, readQuantity, request[0], response);
    }

    private static (ExceptionCode, int) ReadDeviceIdentification(ReadOnlySpan<byte> request, IModbusDataModel model, Span<byte> response)
    {
        if (request.Length < 2 || request[1] != ModbusLimits.ReadDeviceIdentificationMei)
        {
            // Only MEI type 14 is implemented; CANopen (13) and others are functions this server does not have.
            return (ExceptionCode.IllegalFunction, 0);
        }

        if (request.Length != DeviceIdRequestLength)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        if (model.Identification is not { } identification)
        {
            return (ExceptionCode.IllegalFunction, 0);
        }

        var readCode = request[2];
        var objectId = request[3];
        if (readCode is < 1 or > 4)
        {
            return (ExceptionCode.IllegalDataValue, 0);
        }

        var objects = identification.Objects;
        response[0] = request[0];
        response[1] = ModbusLimits.ReadDeviceIdentificationMei;
        response[2] = readCode;
        response[3] = (byte)(ConformityIndividualAccess | Conformity(objects));
        if (readCode == 4)
        {
            if (!objects.TryGetValue(objectId, out var single))
            {
                return (ExceptionCode.IllegalDataAddress, 0);
            }

            response[4] = 0;
            response[5] = 0;
            response[6] = 1;
            var end = 7;
            AppendObject(response, ref end, objectId, single);
            return (ExceptionCode.None, end);
        }

        var last = readCode switch { 1 => BasicLastObject, 2 => RegularLastObject, _ => byte.MaxValue };
        if (objectId > last || !objects.ContainsKey(objectId))
        {
            // The spec: an object id not in the stream restarts the stream at its first object.
            objectId = 0;
        }

        var length = 7;
        byte count = 0;
        response[4] = 0;
        response[5] = 0;
        foreach (var (id, value) in objects)
        {
            if (id < objectId || id > last)
            {
                continue;
            }

            if (length + 2 + value.Length > ModbusLimits.MaxPduLength)
            {
                response[4] = MoreFollows;
                response[5] = id;
                break;
            }

            AppendObject(response, ref length, id, value);
            count++;
        }

        response[6] = count;
        return (ExceptionCode.None, length);
    }

    /// <summary>Highest category present: 1 basic, 2 regular, 3 extended.</summary>
    private static byte Conformity(IReadOnlyDictionary<byte, byte[]> objects) =>
        objects.Keys.Max() switch { <= BasicLastObject => 1, <= RegularLastObject => 2, _ => 3 };

    private static void AppendObject(Span<byte> response, ref int length, byte id, byte[] value)
    {
        response[length++] = id;
        response[length++] = (byte)value.Length;
        value.CopyTo(response[length..]);
        length += value.Length;
    }

    private static void PackBits(ReadOnlySpan<bool> bits, Span<byte> packed)
    {
        packed.Clear();
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                packed[i / BitsPerByte] |= (byte)(1 << (i % BitsPerByte));
            }
        }
    }
}
