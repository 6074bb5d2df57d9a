using System.Globalization;
using System.Net;
using Amtron.Modbus.Server;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.Cli.Run.Live;

/// <summary>How a live run serves the simulated site (`amtron run --serve-ems`).</summary>
/// <param name="Speed">Simulated seconds per wall-clock second.</param>
/// <param name="EmsBasePort">The first EMS port; every served charge point gets the next one, in site order. Null: each station's basePort from the site file.</param>
/// <param name="MeterPort">Where the site's PAC2200 answers; null: not served.</param>
/// <param name="Bind">The address every server listens on.</param>
internal sealed record LiveOptions(double Speed, int? EmsBasePort, int? MeterPort, IPAddress Bind)
{
    /// <summary>Whether the EMS interfaces are served (--serve-ems); else only the meter.</summary>
    public bool ServeEms { get; init; } = true;
}

/// <summary>
/// The simulated site on the network: each charge point of a station whose Modbus TCP server is on serves the AMTRON
/// EMS interface (what an EMS writes to 1000 goes into the run), and the site's meter serves as a PAC2200.
/// </summary>
internal sealed class LiveServers : IAsyncDisposable
{
    private readonly List<EmsStationServer> _stations = [];
    private readonly List<AmtronEmsDevice> _devices = [];
    private ModbusTcpServer? _meter;

    /// <summary>What listens where, one line each.</summary>
    public List<string> Description { get; } = [];

    /// <summary>Starts every server; on an error (a port taken) nothing is left listening and the socket's error is thrown.</summary>
    public static async Task<LiveServers> StartAsync(SiteSpec site, LiveSite live, LiveOptions options)
    {
        var servers = new LiveServers();
        try
        {
            if (options.ServeEms)
            {
                await servers.StartStationsAsync(site, live, options).ConfigureAwait(false);
            }

            if (options.MeterPort is { } meterPort)
            {
                await servers.StartMeterAsync(site, live, options.Bind, meterPort).ConfigureAwait(false);
            }

            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartStationsAsync(SiteSpec site, LiveSite live, LiveOptions options)
    {
        var index = 0;
        var nextPort = options.EmsBasePort;
        foreach (var station in site.Networks.SelectMany(n => n.Stations))
        {
            var first = index;
            index += station.ChargePoints.Count;
            if (!station.Ems.Server)
            {
                continue;
            }

            var ems = nextPort is { } port ? station.Ems with { BasePort = port } : station.Ems;
            nextPort += station.ChargePoints.Count;
            var devices = new List<AmtronEmsDevice>();
            for (var c = 0; c < station.ChargePoints.Count; c++)
            {
                var id = station.ChargePoints[c].Id;
                var device = new AmtronEmsDevice(new LivePointSource(live, first + c, site.VoltageV), ems);
                device.EmsLimitChanged += amps => live.WriteEmsLimit(id, amps);
                _devices.Add(device);
                devices.Add(device);
            }

            var server = await EmsStationServer.StartAsync(options.Bind, ems, devices).ConfigureAwait(false);
            _stations.Add(server);
            for (var c = 0; c < station.ChargePoints.Count; c++)
            {
                Description.Add($"{station.ChargePoints[c].Id} (station {station.Id}): AMTRON EMS interface on {server.EndPoints[c]}");
            }
        }
    }

    private async Task StartMeterAsync(SiteSpec site, LiveSite live, IPAddress bind, int port)
    {
        var source = new LiveMeterSource(live, site.VoltageV);
        var meter = new Pac2200Meter(source);
        // Any unit id (the master is configured with one); while the site file has the meter failing, exception 0B.
        _meter = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(bind, port) }, _ => source.Answers ? meter : null);
        await _meter.StartAsync().ConfigureAwait(false);
        Description.Add(string.Create(CultureInfo.InvariantCulture, $"site meter: virtual PAC2200 on {_meter.LocalEndPoint}"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var station in _stations)
        {
            await station.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var device in _devices)
        {
            device.Dispose();
        }

        if (_meter is not null)
        {
            await _meter.DisposeAsync().ConfigureAwait(false);
        }
    }
}
