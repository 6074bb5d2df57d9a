using System.Net;
using Amtron.Modbus.Server;
using Amtron.Site.Model;

namespace Amtron.VirtualCharger.Ems;

/// <summary>
/// A station's EMS interface on the network: connector i answers on the base port + i (the second on base + 1, through
/// the station's controller), each for any unit id 1–255. Started only when the station's Modbus TCP server is on.
/// </summary>
public sealed class EmsStationServer : IAsyncDisposable
{
    private readonly List<ModbusTcpServer> _servers;

    private EmsStationServer(List<ModbusTcpServer> servers) => _servers = servers;

    /// <summary>Where each connector listens, in connector order.</summary>
    public IReadOnlyList<IPEndPoint> EndPoints => [.. _servers.Select(s => s.LocalEndPoint)];

    /// <summary>
    /// Starts one server per connector on <paramref name="address"/>; throws <see cref="InvalidOperationException"/>
    /// when the station's server is off and the socket's error when a port is taken (nothing is left listening then).
    /// </summary>
    public static async Task<EmsStationServer> StartAsync(IPAddress address, EmsInterfaceSpec ems, IReadOnlyList<AmtronEmsDevice> connectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(ems);
        ArgumentNullException.ThrowIfNull(connectors);
        if (!ems.Server)
        {
            throw new InvalidOperationException("the station's Modbus TCP server is off (modbus: {server: on} in the site file)");
        }

        var servers = new List<ModbusTcpServer>();
        try
        {
            for (var i = 0; i < connectors.Count; i++)
            {
                var device = connectors[i];
                var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(address, ems.PortOf(i)) }, unit => unit >= 1 ? device : null);
                servers.Add(server);
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new EmsStationServer(servers);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
