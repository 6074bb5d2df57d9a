using Amtron.Modbus.Protocol;

namespace Amtron.Modbus.Client;

/// <summary>The server answered a request with an exception response.</summary>
public sealed class ModbusException : Exception
{
    /// <summary>An exception response of <paramref name="function"/> with <paramref name="code"/>.</summary>
    public ModbusException(FunctionCode function, ExceptionCode code)
        : base($"Modbus exception {(byte)code:X2} ({code}) to function {(byte)function:X2} ({function})")
    {
        Function = function;
        Code = code;
    }

    /// <summary>Not for use: an exception needs its code.</summary>
    public ModbusException()
        : this(0, ExceptionCode.None)
    {
    }

    /// <summary>Not for use: an exception needs its code.</summary>
    public ModbusException(string message)
        : base(message)
    {
    }

    /// <summary>Not for use: an exception needs its code.</summary>
    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The function the request used.</summary>
    public FunctionCode Function { get; }

    /// <summary>The server's exception code.</summary>
    public ExceptionCode Code { get; }
}
