using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Site.Control;

/// <summary>
/// The master's side of the loop for one DLM network, shared by the simulator and the hardware loop: which points the
/// master looks at, the status reports it builds from them, the settings in force, and the commands of its decision
/// paired with the points they are for. The caller owns the points and applies the commands.
/// </summary>
/// <typeparam name="TPoint">The caller's charge point (simulated or a real charger's client).</typeparam>
public sealed class NetworkMaster<TPoint>
    where TPoint : class, IMasterPoint
{
    private readonly List<ChargePointObservation> _observations = [];
    private readonly List<TPoint> _observed = [];
    private ChargePointCommand[] _commands = [];
    private int _count;

    /// <summary>The master of <paramref name="spec"/>, with a controller on its settings and options.</summary>
    public NetworkMaster(NetworkSpec spec)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        Controller = new DlmController(spec.Settings, spec.Options);
    }

    /// <summary>The network as configured, with the Operator limits an EMS wrote so far.</summary>
    public NetworkSpec Spec { get; private set; }

    /// <summary>The stateful controller (demand estimation, rotation, wake-up).</summary>
    public DlmController Controller { get; }

    /// <summary>
    /// An EMS controlling the whole network through its master wrote the Operator EVSE Sub-Distribution Limit at
    /// <paramref name="at"/> (manual 6.4): it holds from the next decision on, until a later change. Returns false when
    /// that limit is already in force.
    /// </summary>
    public bool WriteOperatorLimit(DateTimeOffset at, PhaseCurrents limit)
    {
        var written = Spec.WithOperatorLimit(at, limit);
        var changed = !ReferenceEquals(written, Spec);
        Spec = written;
        return changed;
    }

    /// <summary>The status reports the last decision was taken on, one per point looked at.</summary>
    public IReadOnlyList<ChargePointObservation> Observations => _observations;

    /// <summary>How many points the last decision looked at (and commanded).</summary>
    public int Count => _count;

    /// <summary>The <paramref name="index"/>-th point the last decision looked at.</summary>
    public TPoint PointAt(int index) => _observed[index];

    /// <summary>The command of the last decision for <see cref="PointAt"/>(<paramref name="index"/>).</summary>
    public ChargePointCommand CommandAt(int index) => _commands[index];

    /// <summary>
    /// One decision at <paramref name="now"/> over <paramref name="candidates"/>, the points that may matter: a point
    /// without a vehicle that reaches the master requests nothing, draws nothing and gets 0 A, so it is left out (the
    /// controller's result does not depend on it; property-tested in Amtron.Dlm.Tests). A point out of reach is
    /// reported unreachable: it runs on its Disconnected Limit and the master reserves that current for it.
    /// </summary>
    /// <param name="now">The instant of the decision (UTC).</param>
    /// <param name="meter">The master's last reading of the external meter (<see cref="MeterReading.Failed"/> when none).</param>
    /// <param name="digitalInputActive">Whether the meter's downgrade input is energised.</param>
    /// <param name="candidates">The network's points with a vehicle, or all of them when satellites may be out of reach.</param>
    public ControllerStep Decide(DateTimeOffset now, MeterReading meter, bool digitalInputActive, ReadOnlySpan<TPoint> candidates)
    {
        Controller.Settings = Spec.SettingsAt(now);
        _observations.Clear();
        _observed.Clear();
        foreach (var point in candidates)
        {
            var station = point.Station;
            var reachable = station.ReachesMasterAt(now);
            var status = point.Status;
            if (!status.VehicleConnected && reachable)
            {
                continue;
            }

            var spec = point.Spec;
            _observed.Add(point);
            var installation = status.CurrentCap is { } cap ? Amps.Min(spec.InstallationCurrentLimit, cap) : spec.InstallationCurrentLimit;
            _observations.Add(new ChargePointObservation(spec.Id, point.ConnectorPhases, installation, status.Requesting, status.Measured)
            {
                Reachable = reachable,
                DisconnectedLimit = station.DisconnectedLimit,
                SessionKey = status.SessionKey,
                LeadingPhases = spec.GridPhasesFor(spec.PhaseRotation.Count - 1),
                FirstPhase = spec.GridPhasesFor(1),
            });
        }

        _count = _observations.Count;
        if (_commands.Length < _count)
        {
            _commands = new ChargePointCommand[Math.Max(_count, _commands.Length * 2)];
        }

        return Controller.DecideInto(new DecisionInput(now, meter, digitalInputActive), _observations, _commands.AsSpan(0, _count));
    }
}
