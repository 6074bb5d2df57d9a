using System.Net;
using Amtron.Dlm.Units;
using Amtron.Modbus.Server;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Hil.Tests;

/// <summary>The site file as the loop reads it: every address problem at once; one loop per network, its points in order.</summary>
public sealed class HilSiteTests
{
    private static Site.Model.SiteSpec Parse(string networks, string meter = "") =>
        ScenarioLoader.Parse($"name: s\nstart: 2026-06-01T00:00:00Z\nduration: 1d\n{meter}networks:\n{networks}", "s.yaml").Site;

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var site = Parse(
            """
              - id: 0
                settings: {evseSubDistributionLimit: 32, externalMeter: {location: excluding, mainDistributionLimit: 40}}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
                  - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
                  - {id: CS3, role: slaveAutoDiscovery, modbus: {server: on, host: 10.0.0.3}, chargePoints: [{id: CP3, installationCurrentLimit: 16}]}
            """,
            "meter: {type: PAC2200}\n");
        var error = Assert.Throws<HilSiteException>(() => HilSite.Connect(site, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null));
        Assert.Equal(
            [
                "station CS1: its Modbus TCP server is off, so its charge points cannot be controlled (modbus: {server: on}, manual 6.4)",
                "station CS2: no address to reach its EMS interface (modbus: {host: ...}, or network: {staticIp: ...})",
                "network 0 uses the external meter, but the site file does not say where it answers (meter: {host: ..., port: 502, unit: 1})",
            ],
            error.Problems);
    }

    [Fact]
    public async Task One_loop_per_network_with_its_managed_points_in_order_and_the_meter_only_where_it_is_used()
    {
        var site = Parse(
            """
              - id: 0
                sampleRate: 2s
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 10.0.0.1}, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}]}
                  - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on, host: 10.0.0.2, basePort: 5020, unit: 7}, chargePoints: [{id: CP3, installationCurrentLimit: 16}]}
              - id: 1
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: CS4, role: masterStandalone, chargePoints: [{id: CP4, installationCurrentLimit: 16}]}
                  - {id: CS5, role: slaveAutoDiscovery, network: {staticIp: 10.0.0.5}, modbus: {server: on}, chargePoints: [{id: CP5, installationCurrentLimit: 16}]}
            """);
        await using var hil = HilSite.Connect(site, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null);

        Assert.Equal(2, hil.Loops.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), hil.Loops[0].Period);
        Assert.Equal(["CP1", "CP2", "CP3"], hil.Loops[0].Points.Select(p => p.Spec.Id));
        Assert.Equal(["10.0.0.1:502 unit 1", "10.0.0.1:503 unit 1", "10.0.0.2:5020 unit 7"], hil.Loops[0].Points.Select(p => p.Link.Address));
        // The standalone master's own point is not load-managed; the satellite's host is its static IP.
        Assert.Equal(["10.0.0.5:502 unit 1"], hil.Loops[1].Points.Select(p => p.Link.Address));
    }

    [Fact]
    public async Task The_meter_goes_to_the_networks_that_read_it_and_a_station_s_modbus_host_comes_before_its_static_ip()
    {
        // Network 0 reads nothing from the meter, network 1 its currents, network 2 only its downgrade input.
        var site = Parse(
            """
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: CS0, role: masterWithInternalSlave, network: {staticIp: 10.0.0.9}, modbus: {server: on, host: 10.0.0.1}, chargePoints: [{id: CP0, installationCurrentLimit: 16}]}
              - id: 1
                settings: {evseSubDistributionLimit: 32, externalMeter: {location: excluding, mainDistributionLimit: 40}}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 10.0.0.2}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
              - id: 2
                settings: {evseSubDistributionLimit: 32, meterDigitalInputCurrentOffset: 10}
                stations:
                  - {id: CS2, role: masterWithInternalSlave, modbus: {server: on, host: 10.0.0.3}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
            """,
            "meter: {type: PAC2200, host: 10.0.0.100, port: 5020, unit: 3}\n");
        await using var hil = HilSite.Connect(site, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null);

        Assert.Equal([null, "10.0.0.100:5020 unit 3", "10.0.0.100:5020 unit 3"], hil.Loops.Select(l => l.Meter?.Address));
        Assert.Equal("10.0.0.1:502 unit 1", hil.Loops[0].Points[0].Link.Address);
    }

    [Fact]
    public void A_site_and_options_are_required()
    {
        var site = Parse("  - {id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 10.0.0.1}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}\n");
        Assert.Throws<ArgumentNullException>(() => HilSite.Connect(null!, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null));
        Assert.Throws<ArgumentNullException>(() => HilSite.Connect(site, null!, new FakeTimeProvider(), null, TextWriter.Null));
    }

    [Fact]
    public async Task Disposing_the_site_closes_every_connection_it_opened()
    {
        // Two virtual AMTRONs on loopback; one cycle connects the loop to both, disposing the site closes both.
        var device = new AmtronEmsDevice(new FixedChargePoint(new ChargePointReading { Vehicle = VehicleState.A }), new EmsInterfaceSpec { Server = true });
        await using var first = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _ => device);
        await using var second = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, _ => device);
        await using var meter = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, new Pac2200Meter(new ConstantSource(new MeterSample(PhaseCurrents.Uniform(7)))));
        await first.StartAsync();
        await second.StartAsync();
        await meter.StartAsync();
        var site = Parse(
            $$"""
              - id: 0
                settings: {evseSubDistributionLimit: 32, externalMeter: {location: excluding, mainDistributionLimit: 40} }
                stations:
                  - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 127.0.0.1, basePort: {{first.LocalEndPoint.Port}}}, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
                  - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on, host: 127.0.0.1, basePort: {{second.LocalEndPoint.Port}}}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
            """,
            $"meter: {{type: PAC2200, host: 127.0.0.1, port: {meter.LocalEndPoint.Port}, unit: 1}}\n");
        Assert.Equal(Modbus.Protocol.ExceptionCode.None, device.WriteRegisters(AmtronEmsMap.SafeCurrent, [10, 60])); // 131: 10 A, 132: 60 s
        var hil = HilSite.Connect(site, new HilOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, null, TextWriter.Null);
        await hil.Loops[0].PrepareAsync(CancellationToken.None);
        Assert.Equal((10, 60), (hil.Loops[0].Points[0].SafeCurrent, hil.Loops[0].Points[0].TimeoutSeconds));
        var cycle = await hil.Loops[0].CycleAsync(CancellationToken.None);
        Assert.All(cycle.Observations, o => Assert.True(o.Reachable));
        Assert.Equal(("Ok", 7.0), (cycle.Meter!.Status, cycle.Meter.CurrentsA[0]));
        Assert.Equal((1, 1, 1), (first.ConnectionCount, second.ConnectionCount, meter.ConnectionCount));

        await hil.DisposeAsync();

        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((first.ConnectionCount, second.ConnectionCount, meter.ConnectionCount) != (0, 0, 0) && DateTime.UtcNow < guard)
        {
            await Task.Delay(10);
        }

        Assert.Equal((0, 0, 0), (first.ConnectionCount, second.ConnectionCount, meter.ConnectionCount));
    }
}
