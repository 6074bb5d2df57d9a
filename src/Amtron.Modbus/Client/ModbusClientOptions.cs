namespace Amtron.Modbus.Client;

/// <summary>Where a <see cref="ModbusTcpClient"/> connects and how patient it is.</summary>
public sealed record ModbusClientOptions
{
    /// <summary>Host name or address of the server.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port (502 is Modbus's registered port).</summary>
    public int Port { get; init; } = 502;

    /// <summary>Unit id sent when a call does not give one (0xFF or 0 address "the device itself" on TCP).</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>How long one request may take, connecting included. A request that times out closes the connection.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After a failed connection attempt, how long to wait before the next; doubled per failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between connection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for the request timeout and the reconnect back-off (tests give a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
