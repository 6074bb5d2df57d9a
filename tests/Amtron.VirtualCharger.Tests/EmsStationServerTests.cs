using System.Net;
using System.Net.Sockets;
using Amtron.Modbus.Client;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;

namespace Amtron.VirtualCharger.Tests;

/// <summary>A two-connector station on loopback: the second connector answers on the base port + 1.</summary>
public sealed class EmsStationServerTests
{
    private static AmtronEmsDevice Connector(VehicleState state, EmsInterfaceSpec ems) =>
        new(new FixedChargePoint(new ChargePointReading { Vehicle = state }), ems);

    /// <summary>
    /// Starts on a free pair of ports below Linux's ephemeral range (32768–60999), so no client socket of another test
    /// takes one meanwhile; tries a few random bases, since two ports in a row cannot be reserved.
    /// </summary>
    private static async Task<(EmsStationServer Server, EmsInterfaceSpec Ems)> StartOnFreePorts(Func<EmsInterfaceSpec, IReadOnlyList<AmtronEmsDevice>> connectors)
    {
        var random = new Random();
        for (var attempt = 0; ; attempt++)
        {
            var ems = new EmsInterfaceSpec { Server = true, BasePort = random.Next(20_000, 32_000) };
            try
            {
                return (await EmsStationServer.StartAsync(IPAddress.Loopback, ems, connectors(ems)), ems);
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    [Fact]
    public async Task Each_connector_answers_on_its_own_port()
    {
        var (server, ems) = await StartOnFreePorts(e => [Connector(VehicleState.B, e), Connector(VehicleState.C, e)]);
        await using (server)
        {
            Assert.Equal([ems.BasePort, ems.BasePort + 1], server.EndPoints.Select(p => p.Port));
            for (var connector = 0; connector < 2; connector++)
            {
                await using var modbus = new ModbusTcpClient(new ModbusClientOptions { Port = ems.BasePort + connector, UnitId = 255 });
                var state = await new AmtronEmsClient(modbus).ReadAsync();
                Assert.Equal(connector == 0 ? VehicleState.B : VehicleState.C, state.Vehicle);
            }
        }
    }

    [Fact]
    public async Task A_station_whose_server_is_off_serves_nothing_and_a_taken_port_leaves_nothing_listening()
    {
        var off = new EmsInterfaceSpec { Server = false };
        await Assert.ThrowsAsync<InvalidOperationException>(() => EmsStationServer.StartAsync(IPAddress.Loopback, off, [Connector(VehicleState.A, off)]));

        // The second connector's port is taken: the first is closed again before the error reaches the caller.
        var (free, ems) = await StartOnFreePorts(e => [Connector(VehicleState.A, e), Connector(VehicleState.A, e)]);
        await free.DisposeAsync();
        using var blocker = new TcpListener(IPAddress.Loopback, ems.BasePort + 1);
        blocker.Start();
        await Assert.ThrowsAnyAsync<SocketException>(() => EmsStationServer.StartAsync(IPAddress.Loopback, ems, [Connector(VehicleState.A, ems), Connector(VehicleState.A, ems)]));
        using var probe = new TcpListener(IPAddress.Loopback, ems.BasePort);
        probe.Start();
    }
}
