using System.Threading.Channels;
using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The thread-safe side of a live run: other threads (EMS servers, a meter server) post commands, which the run applies
/// at the simulated instant they arrive, and read the state the run last published.
/// </summary>
public sealed class LiveSite
{
    private readonly SiteSimulation _site;
    private readonly Channel<Action> _commands = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private volatile LiveSnapshot? _snapshot;
    private long _applied;
    private long _published;

    internal LiveSite(SiteSimulation site) => _site = site;

    /// <summary>Raised on the run's thread after each published change (keep handlers short).</summary>
    public event Action<LiveSnapshot>? Published;

    /// <summary>The state the run last published; null before it starts.</summary>
    public LiveSnapshot? Snapshot => _snapshot;

    internal ChannelReader<Action> Commands => _commands.Reader;

    /// <summary>An EMS wrote <paramref name="amps"/> to the HEMS current limit (register 1000) of <paramref name="pointId"/>.</summary>
    public void WriteEmsLimit(string pointId, int amps)
    {
        ArgumentNullException.ThrowIfNull(pointId);
        _commands.Writer.TryWrite(() =>
        {
            _site.ApplyEmsLimit(pointId, amps);
            Interlocked.Increment(ref _applied);
        });
    }

    /// <summary>How many commands the run has applied and published the state after.</summary>
    public long CommandsPublished => Interlocked.Read(ref _published);

    internal void Publish()
    {
        var applied = Interlocked.Read(ref _applied);
        var snapshot = _site.Snapshot();
        _snapshot = snapshot;
        Published?.Invoke(snapshot);
        Interlocked.Exchange(ref _published, applied);
    }
}

/// <summary>The site at one simulated instant, as its meter and its charge points' EMS interfaces show it.</summary>
/// <param name="Time">The simulated instant.</param>
/// <param name="Points">Every charge point, in the site's column order.</param>
/// <param name="External">The external loads (house, building) per phase.</param>
/// <param name="Draw">All charge points' draw per phase.</param>
/// <param name="Meter">What the site's meter measures (external, plus the draw when a network's meter includes it); null without a meter.</param>
public sealed record LiveSnapshot(DateTimeOffset Time, IReadOnlyList<LivePoint> Points, PhaseCurrents External, PhaseCurrents Draw, PhaseCurrents? Meter)
{
    /// <summary>Whether the site file has the meter failing now (then it does not answer).</summary>
    public bool MeterFailed { get; init; }

    /// <summary>Whether the meter's digital (downgrade) input is energised now (manual 6.5).</summary>
    public bool DigitalInput { get; init; }

    /// <summary>Per network, the limit its DLM keeps now before any meter (Operator limits an EMS wrote included).</summary>
    public IReadOnlyList<PhaseCurrents> DlmLimits { get; init; } = [];
}

/// <summary>One charge point at an instant.</summary>
/// <param name="Id">Its id in the site file.</param>
public sealed record LivePoint(string Id)
{
    /// <summary>A vehicle is plugged in.</summary>
    public bool VehicleConnected { get; init; }

    /// <summary>Its contactor is closed (IEC 61851 state C).</summary>
    public bool Charging { get; init; }

    /// <summary>The vehicle draws current.</summary>
    public bool Drawing { get; init; }

    /// <summary>The current signalled to the vehicle, A.</summary>
    public int SignalledAmps { get; init; }

    /// <summary>What the vehicle could take now (on-board charger, taper), A; 0 without a vehicle.</summary>
    public int EvMaximumAmps { get; init; }

    /// <summary>Its Installation Current Limit, A.</summary>
    public int InstallationLimitAmps { get; init; }

    /// <summary>The vehicle's phases (0 without one): it draws on the connector's first this many.</summary>
    public int VehiclePhases { get; init; }

    /// <summary>The vehicle's draw on each of its phases.</summary>
    public Amps Current { get; init; }

    /// <summary>The point's meter total per connector phase (L1, L2, L3 of the charger), Wh.</summary>
    public IReadOnlyList<double> EnergyWh { get; init; } = [0, 0, 0];

    /// <summary>Energy of the session in progress, Wh.</summary>
    public double SessionWh { get; init; }

    /// <summary>Time since the vehicle was plugged in.</summary>
    public TimeSpan SessionDuration { get; init; }

    /// <summary>The vehicle's id (its session's user id); empty without a vehicle.</summary>
    public string VehicleId { get; init; } = string.Empty;
}
