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

    /// <summary>Decides, when needed, as if the vehicles of unknown phases waited (its own buffers and cache).</summary>
    private readonly DlmEngine _withoutUnknownEngine = new();
    private int[] _withoutUnknown = [];
    private ChargePointDemand[] _withoutUnknownDemands = [];
    private AllocationOutcome[] _withoutUnknownOutcomes = [];
    private readonly DemandEstimator _estimator;
    private readonly Dictionary<string, VehicleSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<string> _departed = [];
    private long _arrivals;
    private long _generation;
    private DemandSlot[] _slots = [];
    private PhasePairCurrents[] _unknownReserve = [];

    /// <summary>Per slot of the decision in progress, <see cref="IsOfUnknownPhases"/> (read many times per decision).</summary>
    private bool[] _unknownPhases = [];
    private DemandSlot[] _sorted = [];
    private QueueKey[] _keys = [];
    private ChargePointDemand[] _demands = [];
    private int[] _currents = [];
    private int[] _byObservation = [];
    private bool[] _wake = [];
    private VehicleSession?[] _found = [];
    private AllocationOutcome[] _outcomes = [];
    private int _ranked;
    private string[] _order = [];
    private ChargePointObservation[] _observationCopy = [];

    /// <summary>A controller for one DLM network.</summary>
    public DlmController(DlmSettings settings, DlmControllerOptions options)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _estimator = new DemandEstimator(options);
    }

    /// <summary>The master's settings; an EMS may change them between decisions.</summary>
    public DlmSettings Settings { get; set; }

    /// <summary>The controller's behaviour.</summary>
    public DlmControllerOptions Options { get; }

    /// <summary>
    /// The earliest time at which a decision could differ from the last one even if no input changes: a probe of a
    /// capped vehicle, a round-robin rotation, a wake-up retry, the end of a vehicle's reaction allowance. Null when only a change of input can matter. A caller
    /// that skips decisions while nothing changes (the simulator) must still decide then.
    /// </summary>
    public DateTimeOffset? NextTimer()
    {
        DateTimeOffset? next = null;
        var anyWaiting = false;
        foreach (var session in _sessions.Values)
        {
            anyWaiting |= session is { Decided: true, LastSignalled: 0 };
        }

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

            if (!session.Judged && !session.Disconnected && session.LastSignalled >= DlmConstants.MinimumChargingCurrentWholeAmps)
            {
                // Its draw can be judged once it has had time to follow its signal.
                next = Earliest(next, _estimator.JudgeableFrom(session));
            }
        }

        return next;
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value <= b ? value : b;

    /// <summary>The estimated demand ceiling of a connected vehicle, or null while it is not capped.</summary>
    public Amps? DemandCap(string id) => _sessions.TryGetValue(id, out var session) ? session.Cap : null;

    /// <summary>The last decision's charge points in priority order, each with why it got its current (a copy).</summary>
    public IReadOnlyList<(string Id, AllocationOutcome Outcome)> LastOutcomes() =>
        [.. Enumerable.Range(0, _ranked).Select(i => (_order[i], _outcomes[i]))];

    /// <summary>One decision at <paramref name="input"/>'s time from the charge points' latest status reports.</summary>
    public ControllerDecision Decide(DecisionInput input, IReadOnlyList<ChargePointObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var commands = new ChargePointCommand[observations.Count];
        var step = DecideInto(input, observations, commands);
        return new ControllerDecision(step.Decision, commands, [.. _order.AsSpan(0, step.Ranked)], [.. _outcomes.AsSpan(0, step.Ranked)]) { Settled = step.Settled };
    }

    /// <summary>
    /// The same decision as <see cref="Decide"/>, with the commands written to <paramref name="commands"/> (one per
    /// observation, in order) and nothing allocated: for callers that decide hundreds of thousands of times (the
    /// simulator). The priority order and outcomes are kept until the next decision (<see cref="LastOutcomes"/>).
    /// </summary>
    public ControllerStep DecideInto(DecisionInput input, IReadOnlyList<ChargePointObservation> observations, Span<ChargePointCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var now = input.Time;
        var count = observations.Count;
        if (commands.Length < count)
        {
            throw new ArgumentException($"room for {count} commands is needed, not {commands.Length}", nameof(commands));
        }

        EnsureBuffers(count);
        var seen = Observed(observations);
        ForgetDepartedVehicles(seen);

        var reserved = PhaseCurrents.Zero;
        var awayReserve = PhasePairCurrents.Zero;
        var demandCount = 0;
        for (var o = 0; o < count; o++)
        {
            ref readonly var observation = ref seen[o];
            if (!observation.Reachable)
            {
                reserved += PhaseCurrents.On(observation.ConnectorPhases, observation.DisconnectedLimit);
                if (_found[o] is { } away)
                {
                    FollowsDisconnectedLimit(away, observation.DisconnectedLimit, now);
                }

                // For the imbalance it may draw its Disconnected Limit, or nothing, on its connector's first phase,
                // first two or all: out of reach, its vehicle may have left and another, on other phases, come.
                if (Settings.CurrentImbalancePrevention)
                {
                    awayReserve += ConnectorPhaseOrder.Of(observation).WorstCase(observation.DisconnectedLimit, modelledOnConnector: false);
                }

                continue;
            }

            VehicleSession? session = null;
            if (observation.VehicleConnected)
            {
                session = SessionFor(o, observation.Id, observation.SessionKey, now);
                _wake[o] = _estimator.Learn(session, observation, now);
            }

            // The imbalance is kept on what the vehicles will draw: a vehicle of 1 or 2 phases drawing less than it is
            // given leaves them lighter while it charges.
            var shortfall = session is { Phases: { IsEmpty: false, Count: < PhaseSet.PhaseCount } } ? DemandEstimator.ShortOfSignal(session, observation) : Amps.Zero;
            _slots[demandCount++] = new DemandSlot(Demand(observation, session) with { ImbalanceShortfall = shortfall }, session, o, ConnectorPhaseOrder.Of(observation));
        }

        RotateQueue(_slots.AsSpan(0, demandCount), now);
        var slots = SortByPriority(demandCount);
        for (var i = 0; i < slots.Length; i++)
        {
            _demands[i] = slots[i].Demand;
        }

        var currents = _currents.AsSpan(0, demandCount);
        var decision = DecideAdmittingUnknownPhases(input with { Reserved = input.Reserved + reserved }, slots, currents, AwayReserve(awayReserve));

        for (var i = 0; i < slots.Length; i++)
        {
            _order[i] = slots[i].Demand.Id;
            _byObservation[slots[i].Observation] = currents[i];
            if (slots[i].Session is { } session)
            {
                Remember(session, currents[i], now);
            }
        }

        var settled = true;
        for (var i = 0; i < slots.Length && settled; i++)
        {
            settled = slots[i].Session is not { } session || !_estimator.WouldLearn(session, seen[slots[i].Observation]);
        }

        for (var o = 0; o < count; o++)
        {
            commands[o] = Command(seen[o], _byObservation[o], _wake[o]);
        }

        _ranked = demandCount;
        return new ControllerStep(decision, settled, demandCount);
    }

    /// <summary>
    /// Queue order: connected vehicles first, by time in the queue, then by arrival; the others after them in
    /// observation order. The keys form a total order, so the result does not depend on the sort algorithm; only the
    /// connected vehicles need sorting (usually already in order: insertion sort).
    /// </summary>
    private Span<DemandSlot> SortByPriority(int count)
    {
        var keys = _keys.AsSpan(0, count);
        var connected = 0;
        for (var i = 0; i < count; i++)
        {
            if (_slots[i].Session is { } session)
            {
                var key = new QueueKey(session.QueueSince.UtcTicks, session.Arrival, i);
                var at = connected++;
                while (at > 0 && key.CompareTo(keys[at - 1]) < 0)
                {
                    keys[at] = keys[at - 1];
                    at--;
                }

                keys[at] = key;
            }
        }

        var sorted = _sorted.AsSpan(0, count);
        for (var i = 0; i < connected; i++)
        {
            sorted[i] = _slots[keys[i].Slot];
        }

        var next = connected;
        for (var i = 0; i < count; i++)
        {
            if (_slots[i].Session is null)
            {
                sorted[next++] = _slots[i];
            }
        }

        return sorted;
    }

    /// <summary>The observations as a span: the caller's own storage for a list or an array, else a copy.</summary>
    private ReadOnlySpan<ChargePointObservation> Observed(IReadOnlyList<ChargePointObservation> observations)
    {
        switch (observations)
        {
            case ChargePointObservation[] array:
                return array;
            case List<ChargePointObservation> list:
                return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
            default:
                var copy = _observationCopy.Length >= observations.Count ? _observationCopy : _observationCopy = new ChargePointObservation[observations.Count];
                for (var o = 0; o < observations.Count; o++)
                {
                    copy[o] = observations[o];
                }

                return copy.AsSpan(0, observations.Count);
        }
    }

    private void EnsureBuffers(int count)
    {
        // Stryker disable once all : buffers only: allocating them again (or always) changes no decision
        if (_slots.Length >= count)
        {
            return;
        }

        _slots = new DemandSlot[count];
        _unknownReserve = new PhasePairCurrents[count];
        _unknownPhases = new bool[count];
        _sorted = new DemandSlot[count];
        _keys = new QueueKey[count];
        _demands = new ChargePointDemand[count];
        _currents = new int[count];
        _byObservation = new int[count];
        _wake = new bool[count];
        _found = new VehicleSession?[count];
        _outcomes = new AllocationOutcome[count];
        _order = new string[count];
    }

    /// <summary>
    /// Satellites out of reach draw their Disconnected Limit on their connector's first phase, first two or all, or
    /// nothing: the master cannot see which, so with imbalance prevention it keeps that much of the allowance free
    /// between the phases it may unbalance, at most the whole Current Imbalance Limit (more could only be met by pausing
    /// everyone). Gathered only with imbalance prevention (zero without).
    /// </summary>
    private PhasePairCurrents AwayReserve(PhasePairCurrents away) => away.AtMost(Settings.CurrentImbalanceLimit);

    /// <summary>
    /// With imbalance prevention, a vehicle whose phases are not known yet (a multi-phase connector, nothing drawn yet)
    /// gets at most 6 A, assumed on all its connector's phases: the worst case for the phase limits. For the imbalance
    /// the worst case is that it draws on fewer, its connector's first one or two (from the phase rotation), making them
    /// up to 6 A heavier than its later ones; only those pairs of phases keep 6 A of the allowed imbalance free (a phase
    /// it may leave out is never made heavier by it than one it uses). The first m of them in queue order are admitted:
    /// the largest m for which that fits and no vehicle already charging is paused to make room. The others wait, in
    /// order, until those have shown their phases.
    /// </summary>
    private DlmDecision DecideAdmittingUnknownPhases(in DecisionInput given, ReadOnlySpan<DemandSlot> slots, Span<int> currents, PhasePairCurrents awayReserve)
    {
        var count = slots.Length;
        var demands = _demands.AsSpan(0, count);
        var outcomes = _outcomes.AsSpan(0, count);
        var unknown = 0;
        for (var i = 0; i < count && Settings.CurrentImbalancePrevention; i++)
        {
            var isUnknown = _unknownPhases[i] = IsOfUnknownPhases(slots[i]);
            // Stryker disable once Conditional : counting everyone only adds rounds in which every vehicle of unknown phases is let in, the same as the first real round
            unknown += isUnknown ? 1 : 0;
            _unknownReserve[i] = isUnknown ? slots[i].Order.WorstCase(DlmConstants.MinimumChargingCurrent, modelledOnConnector: true) : PhasePairCurrents.Zero;
        }

        var input = given with { ImbalanceReserve = awayReserve };
        if (unknown == 0)
        {
            return _engine.Decide(Settings, input, demands, currents, outcomes);
        }

        var withoutThem = false;
        for (var admitted = unknown; ; admitted--)
        {
            var seen = 0;
            var reserve = awayReserve;
            for (var i = 0; i < count; i++)
            {
                var isUnknown = _unknownPhases[i];
                var waits = isUnknown && ++seen > admitted;
                demands[i] = slots[i].Demand with { Requesting = slots[i].Demand.Requesting && !waits };
                if (isUnknown && !waits)
                {
                    reserve += _unknownReserve[i];
                }
            }

            // The engine keeps every reserve or, where nobody charging could keep it, lets nobody in: then fewer are tried.
            var decision = _engine.Decide(Settings, input with { ImbalanceReserve = reserve }, demands, currents, outcomes);
            if (admitted == 0 || (AllAdmittedCharge(_unknownPhases.AsSpan(0, count), demands, currents) && !PausesAChargingVehicle(input, slots, currents, ref withoutThem)))
            {
                return decision;
            }
        }
    }

    /// <summary>Whether every vehicle of unknown phases let in (the reserve kept for it) got current.</summary>
    private static bool AllAdmittedCharge(ReadOnlySpan<bool> unknownPhases, ReadOnlySpan<ChargePointDemand> demands, ReadOnlySpan<int> currents)
    {
        for (var i = 0; i < unknownPhases.Length; i++)
        {
            if (demands[i].Requesting && unknownPhases[i] && currents[i] == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOfUnknownPhases(in DemandSlot slot) =>
        slot.Session is { Phases.IsEmpty: true } && slot.Demand.Phases.Count > 1 && slot.Demand.Requesting
        && slot.Demand.CeilingWholeAmps >= DlmConstants.MinimumChargingCurrentWholeAmps;

    /// <summary>
    /// Whether <paramref name="currents"/> pause a vehicle of known phases that was charging and would go on charging if
    /// the vehicles of unknown phases waited (that decision is taken once, into <paramref name="withoutThem"/>).
    /// </summary>
    private bool PausesAChargingVehicle(in DecisionInput input, ReadOnlySpan<DemandSlot> slots, ReadOnlySpan<int> currents, ref bool withoutThem)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (currents[i] > 0 || _unknownPhases[i] || slots[i].Session is not { } charging || charging.LastSignalled < DlmConstants.MinimumChargingCurrentWholeAmps)
            {
                continue;
            }

            if (!withoutThem)
            {
                // Stryker disable once Boolean : the flag only saves work: deciding without them again gives the same answer
                withoutThem = true;
                // Stryker disable once Equality : buffers only: allocating them again on an equal length changes nothing
                if (_withoutUnknown.Length < slots.Length)
                {
                    _withoutUnknown = new int[_slots.Length];
                    _withoutUnknownDemands = new ChargePointDemand[_slots.Length];
                    _withoutUnknownOutcomes = new AllocationOutcome[_slots.Length];
                }

                var demands = _withoutUnknownDemands.AsSpan(0, slots.Length);
                for (var d = 0; d < slots.Length; d++)
                {
                    demands[d] = slots[d].Demand with { Requesting = slots[d].Demand.Requesting && !_unknownPhases[d] };
                }

                _withoutUnknownEngine.Decide(Settings, input, demands, _withoutUnknown.AsSpan(0, slots.Length), _withoutUnknownOutcomes.AsSpan(0, slots.Length));
            }

            if (_withoutUnknown[i] > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static ChargePointCommand Command(in ChargePointObservation observation, int current, bool wake)
    {
        if (!observation.Reachable)
        {
            return new ChargePointCommand(observation.Id, (int)Math.Max(0, observation.DisconnectedLimit.FloorWholeAmps), false, CommandReason.Disconnected);
        }

        return observation.VehicleConnected
            ? new ChargePointCommand(observation.Id, current, wake, CommandReason.Allocated)
            : new ChargePointCommand(observation.Id, 0, false, CommandReason.NoVehicle);
    }

    /// <summary>Looks up each observed point's session once; sessions of points no longer occupied are forgotten.</summary>
    private void ForgetDepartedVehicles(ReadOnlySpan<ChargePointObservation> observations)
    {
        // Stryker disable once Update : any new value marks this decision; counting down does too
        _generation++;
        var seen = 0;
        for (var o = 0; o < observations.Length; o++)
        {
            ref readonly var observation = ref observations[o];
            _found[o] = null;
            if ((observation.VehicleConnected || !observation.Reachable) && _sessions.TryGetValue(observation.Id, out var session))
            {
                // Stryker disable once all : only the shortcut below: a wrong count just looks for departed sessions when there are none (ids are distinct, so none is counted twice)
                seen += session.Seen != _generation ? 1 : 0;
                session.Seen = _generation;
                _found[o] = session;
            }
        }

        if (seen == _sessions.Count)
        {
            return;
        }

        _departed.Clear();
        foreach (var (id, session) in _sessions)
        {
            if (session.Seen != _generation)
            {
                _departed.Add(id);
            }
        }

        foreach (var id in _departed)
        {
            _sessions.Remove(id);
        }
    }

    private VehicleSession SessionFor(int observation, string id, string? key, DateTimeOffset now)
    {
        var session = _found[observation];
        if (session is null || session.Key != key)
        {
            session = new VehicleSession(_arrivals++, now) { Key = key, ProbeInterval = Options.DemandEstimation.ProbeInterval };
            _sessions[id] = session;
        }

        session.Seen = _generation;
        return session;
    }

    private ChargePointDemand Demand(in ChargePointObservation observation, VehicleSession? session)
    {
        var learned = session?.Phases is { IsEmpty: false };
        var phases = learned ? session!.Phases : observation.ConnectorPhases;
        var ceiling = session?.Cap is { } cap ? Amps.Min(cap, observation.InstallationCurrentLimit) : observation.InstallationCurrentLimit;
        if (session is not null && !learned && phases.Count > 1 && Settings.CurrentImbalancePrevention)
        {
            // Until its draw shows which phases it uses, a vehicle might draw on fewer phases than its connector has:
            // start it at the minimum, for which the decision keeps room in the imbalance limit.
            ceiling = Amps.Min(ceiling, DlmConstants.MinimumChargingCurrent);
        }

        return new ChargePointDemand(observation.Id, phases, observation.InstallationCurrentLimit, ceiling, session is not null, observation.MeasuredCurrents);
    }

    /// <summary>Round-robin: a vehicle that has charged for a rotation interval while others wait goes to the back.</summary>
    private void RotateQueue(ReadOnlySpan<DemandSlot> slots, DateTimeOffset now)
    {
        if (Options.Queueing != QueueingPolicy.FairTradeRoundRobin)
        {
            return;
        }

        var anyWaiting = false;
        foreach (var slot in slots)
        {
            anyWaiting |= slot.Session is { LastSignalled: 0, Decided: true };
        }

        if (!anyWaiting)
        {
            return;
        }

        foreach (var slot in slots)
        {
            if (slot.Session is { ChargingSince: { } since } session && now - since >= Options.RotationInterval)
            {
                session.QueueSince = now;
                session.ChargingSince = now;
            }
        }
    }

    /// <summary>
    /// A vehicle whose satellite lost the master follows the satellite's Disconnected Limit: when it comes back, its
    /// draw is judged against that, not against the master's last signal before the outage.
    /// </summary>
    private static void FollowsDisconnectedLimit(VehicleSession session, Amps disconnectedLimit, DateTimeOffset now)
    {
        var limit = (int)Math.Max(0, disconnectedLimit.FloorWholeAmps);
        if (!session.Disconnected || session.LastSignalled != limit)
        {
            session.Disconnected = true;
            session.LastSignalled = limit;
            session.SignalChanged(now);
        }
    }

    private static void Remember(VehicleSession session, int current, DateTimeOffset now)
    {
        session.Disconnected = false;
        if (current != session.LastSignalled)
        {
            session.SignalChanged(now);
        }

        session.ChargingSince = current > 0 ? session.ChargingSince ?? now : null;
        session.LastSignalled = current;
        session.Decided = true;
    }

    /// <summary>One charge point's demand for the engine, with its vehicle session and where it was observed.</summary>
    /// <param name="Demand">Its demand for the engine.</param>
    /// <param name="Session">Its vehicle's session, if a vehicle is connected.</param>
    /// <param name="Observation">Where it was observed.</param>
    /// <param name="Order">Which phases a vehicle on fewer phases than its connector would load.</param>
    private readonly record struct DemandSlot(ChargePointDemand Demand, VehicleSession? Session, int Observation, ConnectorPhaseOrder Order);

    /// <summary>A connected vehicle's place in the queue: time in the queue, then arrival.</summary>
    private readonly record struct QueueKey(long QueueSinceTicks, long Arrival, int Slot)
    {
        public int CompareTo(QueueKey other)
        {
            var byQueue = QueueSinceTicks.CompareTo(other.QueueSinceTicks);
            return byQueue != 0 ? byQueue : Arrival.CompareTo(other.Arrival);
        }
    }
}
