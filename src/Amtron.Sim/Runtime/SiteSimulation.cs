using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Kernel;
using Amtron.Sim.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Runs a site through simulated time. Everything is an event: arrivals, departures, load steps, DLM decisions on
/// sample-rate boundaries (only while a network has vehicles, so idle time costs nothing), vehicles following a new
/// signal after their reaction delay, taper steps, sleep. Between events every current is constant, so energy and
/// limit checks are exact.
/// </summary>
public sealed class SiteSimulation
{
    private readonly SiteSpec _spec;
    private readonly Simulation _sim;
    private readonly List<NetworkRuntime> _networks = [];
    private readonly Dictionary<string, ChargePointRuntime> _chargePoints = new(StringComparer.Ordinal);
    private readonly List<SessionResult> _sessions = [];
    private readonly Dictionary<string, VehicleSpec> _pending = new(StringComparer.Ordinal);
    private readonly long[] _drawMilliamps = new long[PhaseSet.PhaseCount];
    private readonly Recorder _recorder;

    /// <summary>The draw a meter that includes the charge points can still be asked for; null when no meter does.</summary>
    private readonly DrawHistory? _drawHistory;
    private readonly ITimeSeriesSink? _sink;
    private readonly bool _decideEveryPeriod;
    private readonly List<ChargePointRuntime> _pointOrder = [];
    private PhaseCurrents[] _available = [];
    private PhaseCurrents _external;
    private long _decisions;
    private long? _rowPendingTicks;
    private VehicleSpec[] _arrivalOrder = [];
    private int _nextArrival;

    /// <summary>Prepares a run of <paramref name="spec"/>; <paramref name="sink"/> receives every change, if given.</summary>
    public SiteSimulation(SiteSpec spec, ITimeSeriesSink? sink = null)
        : this(spec, sink, decideEveryPeriod: false)
    {
    }

    /// <summary>
    /// With <paramref name="decideEveryPeriod"/>, decisions run every sample period while a vehicle is connected, as on
    /// the device, instead of being skipped while nothing changes; tests use it to show the skipping changes nothing.
    /// </summary>
    internal SiteSimulation(SiteSpec spec, ITimeSeriesSink? sink, bool decideEveryPeriod)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _sink = sink;
        _decideEveryPeriod = decideEveryPeriod;
        _sim = new Simulation(spec.Start, spec.Seed);
        foreach (var networkSpec in spec.Networks)
        {
            var network = new NetworkRuntime(networkSpec, _networks.Count, Decide);
            _networks.Add(network);
            foreach (var station in networkSpec.Stations)
            {
                foreach (var cp in station.ChargePoints)
                {
                    var managed = station.Role != StationRole.MasterStandalone ? network : null;
                    var runtime = new ChargePointRuntime(cp, station, managed);
                    _chargePoints.Add(cp.Id, runtime);
                    managed?.ChargePoints.Add(runtime);
                }
            }
        }

        _recorder = new Recorder();
        if (_networks.Any(n => n.Spec.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution }))
        {
            // A poll is at most one poll interval old when a decision reads it, and decisions are a sample period apart.
            var horizon = (spec.Meter?.PollInterval.Ticks ?? 0) + _networks.Max(n => n.Spec.Options.SampleRate.Ticks);
            _drawHistory = new DrawHistory(horizon);
        }
        _pointOrder.AddRange(_chargePoints.Values);
        _available = new PhaseCurrents[_networks.Count];
    }

    /// <summary>Runs the whole period and returns the result.</summary>
    public SimulationResult Run() => Run(null);

    /// <summary>Runs the whole period, reporting the simulated fraction (0..1) to <paramref name="progress"/>.</summary>
    public SimulationResult Run(IProgress<double>? progress)
    {
        _external = ExternalAt(_spec.Start);
        RecordDraw();
        _sink?.Begin([.. _networks.Select(n => n.Spec.Id)], [.. _pointOrder.Select(cp => cp.Spec.Id)]);
        MarkChanged();
        foreach (var load in _spec.ExternalLoads)
        {
            ScheduleLoadStep(load, _spec.Start);
        }

        // Arrivals are fed one at a time in order (a year holds ~100k), so the queue only holds what is pending now.
        _arrivalOrder = [.. _spec.Vehicles.Select((v, i) => (v, i)).OrderBy(x => x.v.Arrival).ThenBy(x => x.i).Select(x => x.v)];
        ScheduleNextArrival();

        foreach (var boundary in LimitBoundaries())
        {
            _sim.Timeout(boundary - _spec.Start, EventPriority.MeterPoll).OnProcessed(_ => LimitsChanged());
        }

        const int ProgressSteps = 200;
        for (var step = 1; step <= ProgressSteps; step++)
        {
            // Run(until) leaves events exactly at the bound for the next chunk, so chunking changes nothing.
            _sim.Run(step == ProgressSteps ? _spec.End : _spec.Start + (_spec.Duration * step / ProgressSteps));
            progress?.Report(step / (double)ProgressSteps);
        }

        BeforeChange();
        _sink?.Finish(_spec.End);
        foreach (var cp in _chargePoints.Values.Where(cp => cp.Vehicle is not null))
        {
            Finish(cp.Vehicle!, cp);
        }

        var seconds = _spec.Duration.TotalSeconds;
        return new SimulationResult(
            [.. _sessions.OrderBy(s => s.Arrival).ThenBy(s => s.Id, StringComparer.Ordinal)],
            [.. _recorder.MaxGrid],
            ToSeconds(_recorder.ViolationTicks),
            ToSeconds(_recorder.ImbalanceViolationTicks),
            _recorder.ViolationTicksByLimit.ToDictionary(kv => kv.Key, kv => ToSeconds(kv.Value), StringComparer.Ordinal),
            _recorder.PeakOvershoot,
            _recorder.MaxImbalance,
            _chargePoints.Values.Sum(cp => cp.ContactorCycles),
            seconds,
            _sim.ProcessedEvents,
            _decisions);
    }

    private static double ToSeconds(long ticks) => ticks / (double)TimeSpan.TicksPerSecond;

    private PhaseCurrents Grid() => _external + Draw();

    private PhaseCurrents Draw() => new(
        Amps.FromMilliamps(_drawMilliamps[0]), Amps.FromMilliamps(_drawMilliamps[1]), Amps.FromMilliamps(_drawMilliamps[2]));

    /// <summary>Accounts every limited point for the interval that ends now (the state that held since the last change).</summary>
    private void AccountInterval()
    {
        var intervalStart = _recorder.LastTicks;
        var grid = Grid();
        if (!_recorder.BeginInterval(_sim.ElapsedTicks, grid))
        {
            return;
        }

        var time = _spec.Start.AddTicks(intervalStart);
        if (_spec.MainFuse is { } fuse)
        {
            _recorder.Check("grid main fuse", grid, fuse, false);
        }

        foreach (var network in _networks)
        {
            var draw = new PhaseCurrents(
                Amps.FromMilliamps(network.DrawMilliamps[0]), Amps.FromMilliamps(network.DrawMilliamps[1]), Amps.FromMilliamps(network.DrawMilliamps[2]));
            _recorder.Check(network.LimitNames.SubDistribution, draw, network.Spec.Settings.EvseSubDistributionLimit, false);
            _recorder.Check(network.LimitNames.Dlm, draw, network.DlmLimitAt(time, DigitalInputAt(time)), false);
            if (network.Spec.Settings.CurrentImbalancePrevention)
            {
                // The imbalance rule as a limit on the most loaded phase: spread <= allowed, where it is measured
                // (at the meter, external load included, for a network with a meter; else on its supply line).
                var measured = network.Spec.Settings.ExternalMeter is not null ? draw + _external : draw;
                var allowed = Amps.Max(network.Spec.Settings.CurrentImbalanceLimit, network.Spec.Settings.ExternalMeter is not null ? _external.Spread : Amps.Zero);
                var lowest = Amps.Min(Amps.Min(measured.L1, measured.L2), measured.L3);
                _recorder.Check(network.LimitNames.Imbalance, measured, new PhaseCurrents(lowest + allowed, lowest + allowed, lowest + allowed), true);
            }

            if (network.Spec.Settings.ExternalMeter is { } meter)
            {
                _recorder.Check(network.LimitNames.MainDistribution, grid, meter.MainDistributionLimit, false);
            }
        }

        _recorder.EndInterval();
    }

    private PhaseCurrents ExternalAt(DateTimeOffset time)
    {
        var sum = PhaseCurrents.Zero;
        foreach (var load in _spec.ExternalLoads)
        {
            sum += load.At(time);
        }

        return sum;
    }

    private void ScheduleLoadStep(IExternalLoad load, DateTimeOffset after)
    {
        if (load.NextChangeAfter(after) is { } next && next < _spec.End)
        {
            _sim.Timeout(next - _sim.Now, EventPriority.Normal).OnProcessed(_ =>
            {
                BeforeChange();
                _external = ExternalAt(_sim.Now);
                MarkChanged();
                ScheduleLoadStep(load, next);
                MetersChanged();
            });
        }
    }

    private IEnumerable<DateTimeOffset> LimitBoundaries()
    {
        var times = new SortedSet<DateTimeOffset>();
        foreach (var network in _spec.Networks)
        {
            foreach (var change in network.OperatorLimitChanges)
            {
                times.Add(change.At);
            }

            if (network.Settings.MaximumCurrentScheduler is { } scheduler)
            {
                for (var day = _spec.Start.UtcDateTime.Date; day < _spec.End; day = day.AddDays(1))
                {
                    foreach (var entry in scheduler.Entries)
                    {
                        times.Add(new DateTimeOffset(day.AddHours(entry.Hour), TimeSpan.Zero));
                    }
                }
            }
        }

        foreach (var window in _spec.Meter?.DigitalInputActive ?? [])
        {
            times.Add(window.From);
            times.Add(window.To);
        }

        foreach (var window in _spec.Meter?.Failures ?? [])
        {
            times.Add(window.From);
            times.Add(window.To);
        }

        foreach (var outage in _spec.Networks.SelectMany(n => n.Stations).SelectMany(s => s.Outages))
        {
            times.Add(outage.From);
            times.Add(outage.To);
        }

        return times.Where(t => t > _spec.Start && t < _spec.End);
    }

    private void LimitsChanged()
    {
        BeforeChange();
        ApplyOutages();
        foreach (var network in _networks)
        {
            EnsureLoop(network);
        }
    }

    private void MetersChanged()
    {
        foreach (var network in _networks.Where(n => n.Spec.Settings.ExternalMeter is not null))
        {
            EnsureLoop(network);
        }
    }

    /// <summary>A satellite that cannot reach its master signals its Disconnected Limit on its own.</summary>
    private void ApplyOutages()
    {
        foreach (var cp in _chargePoints.Values)
        {
            if (cp.Network is not null && !Reachable(cp) && cp.Vehicle is not null)
            {
                SetSignal(cp, (int)Math.Max(0, cp.Station.DisconnectedLimit.FloorWholeAmps));
            }
        }
    }

    private bool Reachable(ChargePointRuntime cp) => cp.Station.IsMaster || cp.Station.Outages.Count == 0 || !cp.Station.Outages.Any(o => o.Contains(_sim.Now));

    private bool DigitalInputAt(DateTimeOffset time) => _spec.Meter is { DigitalInputActive.Count: > 0 } meter && meter.DigitalInputActive.Any(w => w.Contains(time));

    private void ScheduleNextArrival()
    {
        if (_nextArrival < _arrivalOrder.Length)
        {
            var vehicle = _arrivalOrder[_nextArrival++];
            _sim.Timeout(vehicle.Arrival - _sim.Now, EventPriority.Arrival).OnProcessed(_ =>
            {
                ScheduleNextArrival();
                _sim.Timeout(vehicle.Departure - _sim.Now, EventPriority.Departure).OnProcessed(_ => Depart(vehicle));
                Arrive(vehicle);
            });
        }
    }

    private void Arrive(VehicleSpec spec)
    {
        if (!_chargePoints.TryGetValue(spec.ChargePointId, out var cp) || cp.Vehicle is not null)
        {
            _sessions.Add(new SessionResult(spec.Id, spec.ChargePointId, spec.Arrival, spec.Departure, spec.EnergyWantedKWh, 0, Rejected: true));
            return;
        }

        _pending[spec.Id] = spec;
        var vehicle = new VehicleRuntime(spec, cp.Spec.GridPhasesFor(spec.Phases), _spec.VoltageV, _sim.ElapsedTicks);
        cp.Vehicle = vehicle;

        // It starts out following "no current yet", which is also where its sleep timer starts.
        Follow(cp, vehicle, 0);
        if (cp.Network is null)
        {
            // A standalone master's own point is not load-managed: it offers its installation limit.
            SetSignal(cp, (int)cp.Spec.InstallationCurrentLimit.FloorWholeAmps);
        }
        else if (!Reachable(cp))
        {
            SetSignal(cp, (int)Math.Max(0, cp.Station.DisconnectedLimit.FloorWholeAmps));
        }
        else
        {
            EnsureLoop(cp.Network);
        }
    }

    private void Depart(VehicleSpec spec)
    {
        if (!_pending.Remove(spec.Id) || !_chargePoints.TryGetValue(spec.ChargePointId, out var cp) || cp.Vehicle is not { } vehicle)
        {
            return;
        }

        BeforeChange();
        vehicle.Integrate(_sim.ElapsedTicks);
        ChangeDraw(cp, vehicle, Amps.Zero);
        Finish(vehicle, cp);
        vehicle.CancelEvents();
        cp.Vehicle = null;
        cp.Signal(0);
        if (cp.Network is { } network)
        {
            EnsureLoop(network);
        }
    }

    private void Finish(VehicleRuntime vehicle, ChargePointRuntime cp)
    {
        vehicle.Integrate(_sim.ElapsedTicks);
        var spec = vehicle.Spec;
        _sessions.Add(new SessionResult(spec.Id, cp.Spec.Id, spec.Arrival, spec.Departure, spec.EnergyWantedKWh, vehicle.DeliveredWh / 1000, Rejected: false)
        {
            FullySatisfied = vehicle.Satisfied,
        });
    }

    /// <summary>Makes sure the network decides at the next sample boundary (something changed).</summary>
    private void EnsureLoop(NetworkRuntime network) => ScheduleDecision(network, _sim.ElapsedTicks);

    /// <summary>
    /// Schedules the network's next decision at the first sample boundary at or after the given time, unless one is
    /// already due no later; a decision pending for a later time (a controller timer) is replaced, so a far timer never
    /// delays the reaction to a change.
    /// </summary>
    private void ScheduleDecision(NetworkRuntime network, long notBeforeTicks)
    {
        var period = network.Spec.Options.SampleRate.Ticks;
        var next = (notBeforeTicks + period - 1) / period * period;
        if (next <= network.LastDecisionTicks)
        {
            next = network.LastDecisionTicks + period;
        }

        if (network.PendingDecision is { State: EventState.Scheduled } pending)
        {
            if (network.PendingDecisionTicks <= next)
            {
                return;
            }

            pending.Cancel();
        }

        network.PendingDecisionTicks = next;
        network.PendingDecision = _sim.Timeout(TimeSpan.FromTicks(next - _sim.ElapsedTicks), EventPriority.Decision);
        network.PendingDecision.OnProcessed(network.DecisionDue);
    }

    /// <summary>
    /// One decision of a network's master. The device decides every sample period; here a decision whose inputs have
    /// not changed is skipped, since it would give the same commands: the next one is due when something changes
    /// (arrival, departure, a draw, a load or limit step) or a controller timer runs out (probe, rotation, wake-up).
    /// </summary>
    private void Decide(NetworkRuntime network)
    {
        _decisions++;
        network.PendingDecision = null;
        network.LastDecisionTicks = _sim.ElapsedTicks;
        var now = _sim.Now;
        network.Controller.Settings = network.SettingsAt(now);
        // Only points with a vehicle or out of reach matter to the decision: an empty point requests nothing, draws
        // nothing and gets 0 A (the controller's result does not depend on it; property-tested in Amtron.Dlm.Tests).
        var observations = network.Observations;
        var observed = network.Observed;
        observations.Clear();
        observed.Clear();
        foreach (var cp in network.ChargePoints)
        {
            var reachable = Reachable(cp);
            if (cp.Vehicle is null && reachable)
            {
                continue;
            }

            observed.Add(cp);
            observations.Add(new ChargePointObservation(
                cp.Spec.Id, cp.ConnectorPhases, cp.Spec.InstallationCurrentLimit, cp.Vehicle is { Satisfied: false }, cp.Measured)
            {
                Reachable = reachable,
                DisconnectedLimit = cp.Station.DisconnectedLimit,
                SessionKey = cp.Vehicle?.Spec.Id,
            });
        }

        var input = new DecisionInput(now, MeterReadingAt(network, now), DigitalInputAt(now));
        var decision = network.Controller.Decide(input, observations);
        var changedSetpoints = false;
        if (_available[network.Index] != decision.Decision.Pool.Available)
        {
            BeforeChange();
            _available[network.Index] = decision.Decision.Pool.Available;
            MarkChanged();
        }

        // Commands come in observation order.
        var commands = decision.Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var cp = observed[i];
            if (command.Reason == CommandReason.Disconnected)
            {
                continue;
            }

            if (command.Wakeup && cp.Vehicle is { Asleep: true } sleeper)
            {
                ScheduleWakeUp(cp, sleeper);
            }

            changedSetpoints |= SetSignal(cp, command.Current);
        }

        if ((changedSetpoints && !decision.Settled) || (_decideEveryPeriod && network.ChargePoints.Any(cp => cp.Vehicle is { Satisfied: false })))
        {
            // New setpoints: look again one period later, when the vehicles' reaction shows in their draw. Not needed
            // when the controller is settled: a reaction that changes a draw triggers a decision by itself, and one
            // that does not leaves a decision that would repeat this one.
            ScheduleDecision(network, _sim.ElapsedTicks + network.Spec.Options.SampleRate.Ticks);
        }
        else if (network.Controller.NextTimer() is { } timer)
        {
            ScheduleDecision(network, (timer - _spec.Start).Ticks);
        }
    }

    /// <summary>The master's last meter reading: the meter is polled on its interval; failures read as failed.</summary>
    private MeterReading MeterReadingAt(NetworkRuntime network, DateTimeOffset now)
    {
        if (network.Spec.Settings.ExternalMeter is not { } meterSettings || _spec.Meter is not { } meter)
        {
            return MeterReading.Failed;
        }

        var poll = meter.PollInterval.Ticks;
        var polledTicks = (now - _spec.Start).Ticks / poll * poll;
        var polledAt = _spec.Start.AddTicks(polledTicks);
        if (meter.Failures.Any(w => w.Contains(polledAt)))
        {
            return MeterReading.Failed;
        }

        var reading = ExternalAt(polledAt);
        if (meterSettings.Location == ExternalMeterLocation.IncludingEvseSubDistribution)
        {
            reading += DrawAt(polledTicks);
        }

        return MeterReading.Of(reading);
    }

    private PhaseCurrents DrawAt(long ticks) => _drawHistory?.At(ticks) ?? PhaseCurrents.Zero;

    private void RecordDraw() => _drawHistory?.Record(_sim.ElapsedTicks, Draw());

    private bool SetSignal(ChargePointRuntime cp, int current)
    {
        if (cp.Signalled == current)
        {
            return false;
        }

        cp.Signal(current);
        if (cp.Vehicle is { } vehicle)
        {
            ScheduleFollow(cp, vehicle, current);
        }

        return true;
    }

    // The Schedule* helpers hold the closures, so a call that schedules nothing allocates nothing (a lambda's captured
    // parameters are allocated on entry to the method that declares it).
    private void ScheduleFollow(ChargePointRuntime cp, VehicleRuntime vehicle, int current) =>
        _sim.Timeout(vehicle.Spec.ReactionDelay).OnProcessed(_ => Follow(cp, vehicle, current));

    private void ScheduleWakeUp(ChargePointRuntime cp, VehicleRuntime sleeper) =>
        _sim.Timeout(sleeper.Spec.ReactionDelay).OnProcessed(_ => WakeUp(cp, sleeper));

    private void ScheduleSleep(VehicleRuntime vehicle, TimeSpan after)
    {
        var sleep = _sim.Timeout(after);
        sleep.OnProcessed(_ =>
        {
            vehicle.SleepTimer = null;
            vehicle.Sleep();
        });
        vehicle.SleepTimer = sleep;
    }

    private void ScheduleOwnChange(ChargePointRuntime cp, VehicleRuntime vehicle, long atTicks)
    {
        var change = _sim.Timeout(TimeSpan.FromTicks(atTicks - _sim.ElapsedTicks));
        change.OnProcessed(_ =>
        {
            vehicle.OwnChange = null;
            Refresh(cp, vehicle);
        });
        vehicle.OwnChange = change;
    }

    private void Follow(ChargePointRuntime cp, VehicleRuntime vehicle, int signal)
    {
        if (cp.Vehicle != vehicle)
        {
            return;
        }

        vehicle.Follow(signal);
        Refresh(cp, vehicle);
        vehicle.SleepTimer?.Cancel();
        vehicle.SleepTimer = null;

        if (signal < Dlm.DlmConstants.MinimumChargingCurrentWholeAmps && vehicle.Spec.SleepAfter is { } after && !vehicle.Asleep)
        {
            ScheduleSleep(vehicle, after);
        }
    }

    private void WakeUp(ChargePointRuntime cp, VehicleRuntime vehicle)
    {
        if (cp.Vehicle == vehicle)
        {
            vehicle.Wake();
            Refresh(cp, vehicle);
        }
    }

    /// <summary>Brings a vehicle's energy up to now, recomputes its draw and schedules its next own change.</summary>
    private void Refresh(ChargePointRuntime cp, VehicleRuntime vehicle)
    {
        BeforeChange();
        vehicle.Integrate(_sim.ElapsedTicks);
        ChangeDraw(cp, vehicle, vehicle.WantedDraw());
        cp.UpdateContactor();
        vehicle.OwnChange?.Cancel();
        vehicle.OwnChange = null;

        if (vehicle.NextOwnChangeTicks() is { } next && next < (_spec.End - _spec.Start).Ticks)
        {
            ScheduleOwnChange(cp, vehicle, next);
        }
    }

    private void ChangeDraw(ChargePointRuntime cp, VehicleRuntime vehicle, Amps draw)
    {
        var delta = (draw - vehicle.Draw).Milliamps;
        vehicle.SetDraw(draw);
        if (delta == 0)
        {
            return;
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (vehicle.GridPhases.Contains(p))
            {
                _drawMilliamps[p] += delta;
                if (cp.Network is { } network)
                {
                    network.DrawMilliamps[p] += delta;
                }
            }
        }

        RecordDraw();
        MarkChanged();
        if (cp.Network is { } own)
        {
            EnsureLoop(own);
        }

        foreach (var network in _networks)
        {
            if (network.Spec.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution })
            {
                EnsureLoop(network);
            }
        }
    }

    /// <summary>Call before changing any state: accounts for the interval that ends now and emits its row.</summary>
    private void BeforeChange()
    {
        AccountInterval();
        if (_sink is not null && _rowPendingTicks is { } pending && pending < _sim.ElapsedTicks)
        {
            EmitRow(pending);
            _rowPendingTicks = null;
        }
    }

    /// <summary>Call after changing state: the row for this instant is written once time moves on.</summary>
    private void MarkChanged() => _rowPendingTicks ??= _sim.ElapsedTicks;

    private void EmitRow(long ticks)
    {
        Span<Amps> points = _pointOrder.Count <= 256 ? stackalloc Amps[_pointOrder.Count] : new Amps[_pointOrder.Count];
        for (var i = 0; i < _pointOrder.Count; i++)
        {
            points[i] = _pointOrder[i].Vehicle?.Draw ?? Amps.Zero;
        }

        _sink!.Row(_spec.Start.AddTicks(ticks), Grid(), _available, points);
    }
}
