using Amtron.Hil.Devices;
using Amtron.Hil.Recording;
using Amtron.Site.Model;

namespace Amtron.Hil;

/// <summary>The site's networks run live: one <see cref="HilLoop"/> per network, the devices at the site file's addresses.</summary>
public sealed class HilSite : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _links;

    private HilSite(List<HilLoop> loops, List<IAsyncDisposable> links)
    {
        Loops = loops;
        _links = links;
    }

    /// <summary>One loop per network.</summary>
    public IReadOnlyList<HilLoop> Loops { get; }

    /// <summary>
    /// The loops for <paramref name="site"/> over Modbus TCP. Every load-managed point needs its station's Modbus TCP
    /// server on and a host (<c>modbus: {host}</c> or the station's static IP); a network with a meter needs the meter's
    /// host. Throws <see cref="HilSiteException"/> with every problem at once.
    /// </summary>
    public static HilSite Connect(SiteSpec site, HilOptions options, TimeProvider time, Action<CycleRecord>? record, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(site);
        if (problems.Count > 0)
        {
            throw new HilSiteException(problems);
        }

        var links = new List<IAsyncDisposable>();
        Pac2200Link? meter = null;
        if (site.Networks.Any(UsesMeter))
        {
            meter = new Pac2200Link(site.Meter!.Host!, site.Meter.Port, site.Meter.Unit, options.RequestTimeout, time);
            links.Add(meter);
        }

        var loops = new List<HilLoop>();
        foreach (var network in site.Networks)
        {
            var points = new List<HilPoint>();
            foreach (var station in network.Stations.Where(s => s.Role != StationRole.MasterStandalone))
            {
                for (var c = 0; c < station.ChargePoints.Count; c++)
                {
                    var link = new AmtronLink(HostOf(station)!, station.Ems.PortOf(c), station.Ems.Unit, options.RequestTimeout, time);
                    links.Add(link);
                    points.Add(new HilPoint(station.ChargePoints[c], station, link));
                }
            }

            // A network that reads neither the meter's currents nor its downgrade input gets no meter: its failures are not its errors.
            loops.Add(new HilLoop(network, points, UsesMeter(network) ? meter : null, options, time, record, log));
        }

        return new HilSite(loops, links);
    }

    /// <summary>Runs every network's loop until stopped (or their cycles are done); each leaves its points safe.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Loops.Select(l => l.RunAsync(stop)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A network reads the meter for its currents (External Meter) or for its downgrade input (manual 6.5).</summary>
    private static bool UsesMeter(NetworkSpec network) =>
        network.Settings.ExternalMeter is not null || network.Settings.MeterDigitalInputCurrentOffset != Dlm.Units.PhaseCurrents.Zero;

    private static string? HostOf(StationSpec station) => station.Ems.Host ?? station.Network?.StaticIp;

    private static List<string> Problems(SiteSpec site)
    {
        var problems = new List<string>();
        foreach (var station in site.Networks.SelectMany(n => n.Stations).Where(s => s.Role != StationRole.MasterStandalone))
        {
            if (!station.Ems.Server)
            {
                problems.Add($"station {station.Id}: its Modbus TCP server is off, so its charge points cannot be controlled (modbus: {{server: on}}, manual 6.4)");
            }
            else if (HostOf(station) is null)
            {
                problems.Add($"station {station.Id}: no address to reach its EMS interface (modbus: {{host: ...}}, or network: {{staticIp: ...}})");
            }
        }

        var needsMeter = site.Networks.Where(UsesMeter).ToList();
        if (needsMeter.Count > 0 && site.Meter?.Host is null)
        {
            problems.Add($"network {needsMeter[0].Id} uses the external meter, but the site file does not say where it answers (meter: {{host: ..., port: 502, unit: 1}})");
        }

        return problems;
    }
}

/// <summary>The site file cannot be run live: every problem, one line each.</summary>
public sealed class HilSiteException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>The problems, one line each.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
