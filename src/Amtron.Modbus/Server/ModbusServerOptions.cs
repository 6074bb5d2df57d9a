using System.Net;

namespace Amtron.Modbus.Server;

/// <summary>How a <see cref="ModbusTcpServer"/> listens and how many clients it keeps.</summary>
public sealed record ModbusServerOptions
{
    /// <summary>Where to listen; port 0 picks a free port (see <see cref="ModbusTcpServer.LocalEndPoint"/>).</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 502);

    /// <summary>
    /// Connections kept at most. When a new client comes while all are taken, the connection idle the longest is
    /// closed (TCP guide §4.2.1.1); if every one is busy with a request, the new client is refused.
    /// </summary>
    public int MaxConnections { get; init; } = 128;

    /// <summary>A connection that sends nothing for this long is closed; null keeps it open.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// A connection whose client does not take an answer within this long (it sends requests but never reads, so its
    /// buffers fill) is closed: otherwise it would stay "busy" and hold its slot for good.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for <see cref="IdleTimeout"/> and for which connection has been idle the longest (tests give a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
