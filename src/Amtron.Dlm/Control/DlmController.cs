using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>
/// The DLM master of one network across time: keeps per-vehicle state between decisions (arrival order, phases it
/// actually charges on, demand ceiling estimated from its draw, wake-ups), orders the queue (FIFO or round-robin),
/// sets current aside for satellites that lost the master, and runs the <see cref="DlmEngine"/> decision. The caller
/// calls <see cref="Decide"/> every <see cref="DlmControllerOptions.SampleRate"/>; the controller has no clock.
/// The simulator and the hardware-in-the-loop bench drive this same class.
/// </summary>
public sealed class DlmController
{
    private readonly DlmEngine _engine = new();
    private readonly Dictionary<string, VehicleSession> _sessions = new(StringComparer.Ordinal);
    private long _arrivals;

    /// <summary>A controller for one DLM network.</summary>
    public DlmController(DlmSettings settings, DlmControllerOptions options)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The master's settings; an EMS may change them between decisions.</summary>
    public DlmSettings Settings { get; set; }

    /// <summary>The controller's behaviour.</summary>
    public DlmControllerOptions Options { get; }

    /// <summary>
    /// The earliest time at which a decision could differ from the last one even if no input changes: a probe of a
    /// capped vehicle, a round-robin rotation, a wake-up retry. Null when only a change of input can matter. A caller
    /// that skips decisions while nothing changes (the simulator) must still decide then.
    /// </summary>
    public DateTimeOffset? NextTimer()
    {
        DateTimeOffset? next = null;
        var anyWaiting = _sessions.Values.Any(s => s is { Decided: true, LastSignalled: 0 });
        foreach (var session in _sessions.Values)
        {
            if (session.Cap is not null)
            {
                next = Earliest(next, session.NextProbe);
            }

            if (Options.Queueing == QueueingPolicy.FairTradeRoundRobin && anyWaiting && session.ChargingSince is { } since)
            {
                next = Earliest(next, since + Options.RotationInterval);
            }

            if (Options.AllowEvWakeup && session.NotDrawing && session.LastWakeup is { } woken)
            {
                next = Earliest(next, woken + Options.WakeupRetryInterval);
            }
        }

        return next;
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value <= b ? value : b;

    /// <summary>The estimated demand ceiling of a connected vehicle, or null while it is not capped.</summary>
    public Amps? DemandCap(string id) => _sessions.TryGetValue(id, out var session) ? session.Cap : null;

    /// <summary>One decision at <paramref name="input"/>'s time from the charge points' latest status reports.</summary>
    public ControllerDecision Decide(DecisionInput input, IReadOnlyList<ChargePointObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var now = input.Time;
        ForgetDepartedVehicles(observations);

        var reserved = PhaseCurrents.Zero;
        var wakeups = new HashSet<string>(StringComparer.Ordinal);
        var demands = new List<(ChargePointDemand Demand, VehicleSession? Session)>(observations.Count);
        foreach (var observation in observations)
        {
            if (!observation.Reachable)
            {
                reserved += OnPhases(observation.ConnectorPhases, observation.DisconnectedLimit);
                continue;
            }

            VehicleSession? session = null;
            if (observation.VehicleConnected)
            {
                session = SessionFor(observation.Id, observation.SessionKey, now);
                if (Learn(session, observation, now))
                {
                    wakeups.Add(observation.Id);
                }
            }

            demands.Add((Demand(observation, session), session));
        }

        RotateQueue(demands, now);
        var ordered = demands
            .OrderBy(d => d.Session is null ? 1 : 0)
            .ThenBy(d => d.Session?.QueueSince ?? DateTimeOffset.MaxValue)
            .ThenBy(d => d.Session?.Arrival ?? long.MaxValue)
            .ToArray();
        var chargePoints = ordered.Select(d => d.Demand).ToArray();
        var currents = new int[chargePoints.Length];
        var outcomes = new AllocationOutcome[chargePoints.Length];
        var decision = _engine.Decide(SettingsForDecision(ordered), input with { Reserved = input.Reserved + reserved }, chargePoints, currents, outcomes);

        var byId = new Dictionary<string, int>(chargePoints.Length, StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
        {
            byId[chargePoints[i].Id] = currents[i];
            if (ordered[i].Session is { } session)
            {
                Remember(session, currents[i], now);
            }
        }

        var commands = observations.Select(o => Command(o, byId, wakeups)).ToArray();
        return new ControllerDecision(decision, commands, [.. chargePoints.Select(c => c.Id)], outcomes);
    }

    /// <summary>
    /// With imbalance prevention, vehicles whose phases are not yet known start at 6 A assumed 3-phase; if one turns
    /// out single-phase it adds up to 6 A of imbalance until the next sample. Tighten the limit by that much for the
    /// others, so the real imbalance stays within the setting even in the worst case.
    /// </summary>
    private DlmSettings SettingsForDecision(IReadOnlyList<(ChargePointDemand Demand, VehicleSession? Session)> demands)
    {
        if (!Settings.CurrentImbalancePrevention)
        {
            return Settings;
        }

        var unknown = demands.Count(d => d.Session is { Phases.IsEmpty: true });
        var margin = DlmConstants.MinimumChargingCurrent * unknown;
        return unknown == 0 ? Settings : Settings with { CurrentImbalanceLimit = Amps.Max(Amps.Zero, Settings.CurrentImbalanceLimit - margin) };
    }

    private static ChargePointCommand Command(ChargePointObservation observation, Dictionary<string, int> currents, HashSet<string> wakeups)
    {
        if (!observation.Reachable)
        {
            return new ChargePointCommand(observation.Id, (int)Math.Max(0, observation.DisconnectedLimit.FloorWholeAmps), false, CommandReason.Disconnected);
        }

        return observation.VehicleConnected
            ? new ChargePointCommand(observation.Id, currents[observation.Id], wakeups.Contains(observation.Id), CommandReason.Allocated)
            : new ChargePointCommand(observation.Id, 0, false, CommandReason.NoVehicle);
    }

    private void ForgetDepartedVehicles(IReadOnlyList<ChargePointObservation> observations)
    {
        var present = observations.Where(o => o.VehicleConnected || !o.Reachable).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _sessions.Keys.Where(id => !present.Contains(id)).ToList())
        {
            _sessions.Remove(id);
        }
    }

    private VehicleSession SessionFor(string id, string? key, DateTimeOffset now)
    {
        if (!_sessions.TryGetValue(id, out var session) || session.Key != key)
        {
            session = new VehicleSession(_arrivals++, now) { Key = key };
            _sessions[id] = session;
        }

        return session;
    }

    /// <summary>
    /// Updates what the master knows about a vehicle from its draw since the last decision. Returns true when the
    /// vehicle should be woken: it was offered current, draws nothing, and Allow EV Wakeup is on.
    /// </summary>
    private bool Learn(VehicleSession session, ChargePointObservation observation, DateTimeOffset now)
    {
        var estimation = Options.DemandEstimation;
        var measured = observation.MeasuredCurrents;
        var draw = Amps.Max(Amps.Max(measured.L1, measured.L2), measured.L3);
        var drawingPhases = 0;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            drawingPhases |= measured[p] >= estimation.PhaseDetectionThreshold ? 1 << p : 0;
        }

        if ((drawingPhases & observation.ConnectorPhases.Mask) != 0)
        {
            session.Phases = PhaseSet.FromMask(drawingPhases & observation.ConnectorPhases.Mask);
        }

        var signalled = Amps.From(session.LastSignalled);
        var offered = session.LastSignalled >= DlmConstants.MinimumChargingCurrentWholeAmps;
        session.NotDrawing = offered && draw < estimation.PhaseDetectionThreshold;
        var wake = false;
        if (offered && draw < estimation.PhaseDetectionThreshold)
        {
            // Offered current, drawing nothing: asleep, or not ready. Wake it if allowed, else treat as no demand.
            if (Options.AllowEvWakeup && (session.LastWakeup is not { } last || now - last >= Options.WakeupRetryInterval))
            {
                session.LastWakeup = now;
                wake = true;
            }
            else
            {
                Cap(session, draw, now);
            }
        }
        else if (offered && draw <= signalled - estimation.UnderDrawThreshold)
        {
            Cap(session, draw, now);
        }

        if (session.Cap is { } cap && !wake && now >= session.NextProbe)
        {
            session.Cap = Amps.Min(Amps.Max(cap + estimation.ProbeStep, DlmConstants.MinimumChargingCurrent), observation.InstallationCurrentLimit);
            session.NextProbe = now + estimation.ProbeInterval;
        }

        return wake;
    }

    private void Cap(VehicleSession session, Amps draw, DateTimeOffset now)
    {
        var estimation = Options.DemandEstimation;
        var capped = Amps.From((draw + estimation.CapMargin + Amps.FromMilliamps(Amps.MilliampsPerAmp - 1)).FloorWholeAmps);
        if (draw >= estimation.PhaseDetectionThreshold)
        {
            // A vehicle that still draws keeps its slot at the minimum, rather than being paused for drawing little.
            capped = Amps.Max(capped, DlmConstants.MinimumChargingCurrent);
        }

        if (session.Cap is null || capped < session.Cap)
        {
            session.Cap = capped;
            session.NextProbe = now + estimation.ProbeInterval;
        }
    }

    private ChargePointDemand Demand(ChargePointObservation observation, VehicleSession? session)
    {
        var learned = session?.Phases is { IsEmpty: false };
        var phases = learned ? session!.Phases : observation.ConnectorPhases;
        var ceiling = session?.Cap is { } cap ? Amps.Min(cap, observation.InstallationCurrentLimit) : observation.InstallationCurrentLimit;
        if (session is not null && !learned && Settings.CurrentImbalancePrevention)
        {
            // Until its draw shows which phases it uses, a vehicle might be single-phase: start it at the minimum so
            // a wrong 3-phase guess cannot break the imbalance limit by more than 6 A for one sample period.
            ceiling = Amps.Min(ceiling, DlmConstants.MinimumChargingCurrent);
        }

        return new ChargePointDemand(observation.Id, phases, observation.InstallationCurrentLimit, ceiling, session is not null, observation.MeasuredCurrents);
    }

    /// <summary>Round-robin: a vehicle that has charged for a rotation interval while others wait goes to the back.</summary>
    private void RotateQueue(List<(ChargePointDemand Demand, VehicleSession? Session)> demands, DateTimeOffset now)
    {
        if (Options.Queueing != QueueingPolicy.FairTradeRoundRobin)
        {
            return;
        }

        var anyWaiting = demands.Any(d => d.Session is { LastSignalled: 0, Decided: true });
        if (!anyWaiting)
        {
            return;
        }

        foreach (var (_, session) in demands)
        {
            if (session is { ChargingSince: { } since } && now - since >= Options.RotationInterval)
            {
                session.QueueSince = now;
                session.ChargingSince = now;
            }
        }
    }

    private static void Remember(VehicleSession session, int current, DateTimeOffset now)
    {
        session.ChargingSince = current > 0 ? session.ChargingSince ?? now : null;
        session.LastSignalled = current;
        session.Decided = true;
    }

    private static PhaseCurrents OnPhases(PhaseSet phases, Amps current) => new(
        phases.Contains(Phase.L1) ? current : Amps.Zero,
        phases.Contains(Phase.L2) ? current : Amps.Zero,
        phases.Contains(Phase.L3) ? current : Amps.Zero);

    /// <summary>What the master remembers about a connected vehicle.</summary>
    private sealed class VehicleSession(long arrival, DateTimeOffset queueSince)
    {
        public long Arrival { get; } = arrival;

        public DateTimeOffset QueueSince { get; set; } = queueSince;

        public string? Key { get; init; }

        public PhaseSet Phases { get; set; }

        public Amps? Cap { get; set; }

        public DateTimeOffset NextProbe { get; set; }

        public int LastSignalled { get; set; }

        public bool Decided { get; set; }

        public DateTimeOffset? ChargingSince { get; set; }

        public DateTimeOffset? LastWakeup { get; set; }

        public bool NotDrawing { get; set; }
    }
}
