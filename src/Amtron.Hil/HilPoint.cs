using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Hil.Devices;
using Amtron.Site.Control;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;

namespace Amtron.Hil;

/// <summary>
/// A real charge point as the master's loop sees it: its status from its last EMS read, its link, and what was written
/// to it. A point that does not answer is reported out of reach with its Installation Current Limit as what it may draw:
/// the master then keeps that much free on its phases (the worst case while it cannot be told anything).
/// </summary>
public sealed class HilPoint : IMasterPoint
{
    private readonly StationSpec _station;
    private readonly StationSpec _silent;
    private int _plugIns;
    private bool _connected;
    private TimeSpan? _sessionDuration;

    /// <summary>A point of <paramref name="station"/> reached through <paramref name="link"/>.</summary>
    public HilPoint(ChargePointSpec spec, StationSpec station, IChargerLink link)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _station = station ?? throw new ArgumentNullException(nameof(station));
        Link = link ?? throw new ArgumentNullException(nameof(link));
        ConnectorPhases = spec.ConnectorPhases;
        _silent = station with
        {
            Role = StationRole.SlaveFixedIp,
            Outages = [new TimeWindow(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)],
            DisconnectedLimit = spec.InstallationCurrentLimit,
        };
    }

    /// <inheritdoc />
    public ChargePointSpec Spec { get; }

    /// <summary>Its station, or while it does not answer, an out-of-reach copy that may draw its Installation Current Limit.</summary>
    public StationSpec Station => Answering ? _station : _silent;

    /// <inheritdoc />
    public PhaseSet ConnectorPhases { get; }

    /// <inheritdoc />
    public PointStatus Status { get; private set; }

    /// <summary>Its EMS interface.</summary>
    public IChargerLink Link { get; }

    /// <summary>Whether its last read succeeded.</summary>
    // Stryker disable once Boolean : the loop observes every point before each decision, so the start value is never read
    public bool Answering { get; private set; } = true;

    /// <summary>The last read's error, if it failed.</summary>
    public string? Error { get; private set; }

    /// <summary>The last read as it came (null before the first).</summary>
    public EmsObservation? Observed { get; private set; }

    /// <summary>Its safe current (register 131) as read at start-up.</summary>
    public int SafeCurrent { get; set; }

    /// <summary>Its communication timeout (register 132) in seconds as read at start-up; 0: none.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>The last HEMS limit written (or, dry, that would have been written), and when.</summary>
    public (int Amps, DateTimeOffset At)? Written { get; set; }

    /// <summary>Takes a read: the vehicle's presence, a new session at every plug-in, its currents on the grid phases.</summary>
    public void Observe(EmsObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Observed = observation;
        Error = observation.Error;
        Answering = observation.Error is null;
        if (!Answering)
        {
            return;
        }

        // A new session at every plug-in: seen as A before, or a session duration that started again (a vehicle that
        // left and another that came between two reads must not inherit what the master learned about the first).
        var connected = observation.Vehicle is VehicleState.B or VehicleState.C or VehicleState.D;
        var restarted = observation.SessionDuration is { } duration && _sessionDuration is { } before && duration < before;
        if (connected && (!_connected || restarted))
        {
            _plugIns++;
        }

        _connected = connected;
        // Stryker disable once Conditional : a duration kept while unplugged is never compared: the next plug-in is a new session by the state alone
        _sessionDuration = connected ? observation.SessionDuration : null;
        var measured = PhaseCurrents.Zero;
        for (var k = 0; k < Spec.PhaseRotation.Count && observation.CurrentsA is { } currents; k++)
        {
            measured += PhaseCurrents.On(PhaseSet.Of(Spec.PhaseRotation[k]), Amps.FromDouble(Math.Max(0, currents[k])));
        }

        Status = connected
            ? new PointStatus(true, true, measured, string.Create(CultureInfo.InvariantCulture, $"{Spec.Id}#{_plugIns}"))
            : PointStatus.Empty;
    }
}
