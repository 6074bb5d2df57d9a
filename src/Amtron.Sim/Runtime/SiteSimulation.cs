using System.Runtime.InteropServices;
using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Kernel;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Runs a site through simulated time. Everything is an event: arrivals, departures, load steps, DLM decisions on
/// sample-rate boundaries (only while a network has vehicles, so idle time costs nothing), vehicles following a new
/// signal after their reaction delay, taper steps, sleep. Between events every current is constant, so energy and
/// limit checks are exact.
/// </summary>
public sealed partial class SiteSimulation
{
    private SiteSpec _spec;
    private readonly Simulation _sim;
    private readonly List<NetworkRuntime> _networks = [];
    private readonly Dictionary<string, ChargePointRuntime> _chargePoints = new(StringComparer.Ordinal);
    private readonly List<SessionResult> _sessions = [];

    /// <summary>The draw a meter that includes the charge points can still be asked for; null when no meter does.</summary>
    private readonly DrawHistory? _drawHistory;
    private readonly ITimeSeriesSink? _sink;
    private readonly SiteSimulationOptions _options;
    private readonly List<string> _pointIds = [];
    private readonly PhaseCurrents[] _available;

    // The site's currents: the ledger itself, or a change log when this instance runs a partition of the networks.
    private ISiteChanges _changes = null!;
    private SiteLedger? _ledger;
    private long _decisions;
    private long _siteEvents;
    private VehicleSpec[] _arrivalOrder = [];
    private readonly long[] _transientWindows;
    private int _nextArrival;

    /// <summary>In a parallel run, the partition that also takes vehicles without a charge point of the site.</summary>
    private bool TakesUnplacedVehicles { get; set; }

    /// <summary>Prepares a run of <paramref name="spec"/>; <paramref name="sink"/> receives every change, if given.</summary>
    public SiteSimulation(SiteSpec spec, ITimeSeriesSink? sink = null, SiteSimulationOptions? options = null)
        : this(spec, sink, options ?? new SiteSimulationOptions(), owned: null)
    {
    }

    /// <summary>A simulation of the networks whose indexes are in <paramref name="owned"/> (all when null).</summary>
    private SiteSimulation(SiteSpec spec, ITimeSeriesSink? sink, SiteSimulationOptions options, IReadOnlySet<int>? owned)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _sink = sink;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _sim = new Simulation(spec.Start, spec.Seed);
        for (var n = 0; n < spec.Networks.Count; n++)
        {
            var networkSpec = spec.Networks[n];
            var network = owned is null || owned.Contains(n) ? new NetworkRuntime(networkSpec, n, spec.VoltageV, Decide) : null;
            if (network is not null)
            {
                _networks.Add(network);
            }

            foreach (var station in networkSpec.Stations)
            {
                foreach (var cp in station.ChargePoints)
                {
                    // Points keep their site-wide column index in every partition.
                    var index = _pointIds.Count;
                    _pointIds.Add(cp.Id);
                    if (network is null)
                    {
                        continue;
                    }

                    var managed = station.Role != StationRole.MasterStandalone ? network : null;
                    var runtime = new ChargePointRuntime(cp, station, managed, index);
                    _chargePoints.Add(cp.Id, runtime);
                    if (managed is not null)
                    {
                        runtime.PositionInNetwork = managed.ChargePoints.Count;
                        managed.ChargePoints.Add(runtime);
                    }
                }
            }
        }

        if (_networks.Any(n => n.Spec.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution }))
        {
            // A poll is at most one poll interval old when a decision reads it, and decisions are a sample period apart.
            var horizon = (spec.Meter?.PollInterval.Ticks ?? 0) + _networks.Max(n => n.Spec.Options.SampleRate.Ticks);
            _drawHistory = new DrawHistory(horizon);
        }

        _available = new PhaseCurrents[spec.Networks.Count];
        _transientWindows = TransientWindows.Of(spec);
    }

    /// <summary>
    /// A change the network's master sees only at its next decisions and its vehicles follow only after their reaction
    /// (new signals, a limit or setting in force, a satellite's outage): time above its limits is transient for its
    /// window from now. Draw and external load changes open the window in the ledger itself.
    /// </summary>
    private void MarkTransient(NetworkRuntime network)
    {
        BeforeChange();
        var now = _sim.ElapsedTicks;
        _changes.Transient(now, network.Index, now + _transientWindows[network.Index]);
    }

    /// <summary>Runs the whole period and returns the result.</summary>
    public SimulationResult Run() => Run(null);

    /// <summary>Runs the whole period, reporting the simulated fraction (0..1) to <paramref name="progress"/>.</summary>
    public SimulationResult Run(IProgress<double>? progress)
    {
        if (PartitionsOf(_spec, _options.MaxPartitions) is { Count: > 1 } partitions)
        {
            return RunPartitioned(partitions, progress);
        }

        _ledger = new SiteLedger(_spec, _pointIds, _sink);
        _ledger.Start(_spec.ExternalLoadAt(_spec.Start));
        _changes = _ledger;
        // Stryker disable once Statement : nothing is drawn at the start, and the history gives zero before its first record
        RecordDraw();
        RunOwned(progress);
        _ledger.Finish((_spec.End - _spec.Start).Ticks);
        return ResultOf(_ledger, [this]);
    }

    /// <summary>Runs the owned networks through the period, reporting site-level changes to <see cref="_changes"/>.</summary>
    private void RunOwned(IProgress<double>? progress, CancellationToken stop = default)
    {
        ScheduleOwned();
        const int ProgressSteps = 200;
        for (var step = 1; step <= ProgressSteps; step++)
        {
            // Run(until) leaves events exactly at the bound for the next chunk, so chunking changes nothing.
            stop.ThrowIfCancellationRequested();
            _sim.Run(step == ProgressSteps ? _spec.End : _spec.Start + (_spec.Duration * step / ProgressSteps));
            progress?.Report(step / (double)ProgressSteps);
        }

        FinishOwned();
    }

    /// <summary>Schedules the owned networks' first events: load steps, the first arrival, setting changes.</summary>
    private void ScheduleOwned()
    {
        foreach (var load in _spec.ExternalLoads)
        {
            ScheduleLoadStep(load, _spec.Start);
        }

        // Arrivals are fed one at a time in order (a year holds ~100k), so the queue only holds what is pending now.
        // A partition takes the vehicles of its own charge points; the first also those that found no point (rejected).
        var sitePoints = _pointIds.ToHashSet(StringComparer.Ordinal);
        var vehicles = _spec.Vehicles.Where(v => _networks.Count == _spec.Networks.Count || _chargePoints.ContainsKey(v.ChargePointId)
            || (TakesUnplacedVehicles && !sitePoints.Contains(v.ChargePointId)));
        _arrivalOrder = [.. vehicles.Select((v, i) => (v, i)).OrderBy(x => x.v.Arrival).ThenBy(x => x.i).Select(x => x.v)];
        ScheduleNextArrival();

        foreach (var boundary in _spec.SettingChanges())
        {
            _sim.Timeout(boundary - _spec.Start, SiteEventOrder.SettingChange).OnProcessed(_ =>
            {
                _siteEvents++;
                LimitsChanged();
            });
        }

    }

    /// <summary>At the end of the period: the sessions still open are closed, the withheld energy accounted.</summary>
    private void FinishOwned()
    {
        foreach (var cp in _chargePoints.Values.Where(cp => cp.Vehicle is not null))
        {
            Finish(cp.Vehicle!, cp);
        }

        foreach (var network in _networks)
        {
            network.Withheld.Advance((_spec.End - _spec.Start).Ticks);
        }
    }

    private void ScheduleLoadStep(IExternalLoad load, DateTimeOffset after)
    {
        if (load.NextChangeAfter(after) is { } next && next < _spec.End)
        {
            _sim.Timeout(next - _sim.Now, SiteEventOrder.Normal).OnProcessed(_ =>
            {
                _siteEvents++;
                BeforeChange();
                _changes.External(_sim.ElapsedTicks, _spec.ExternalLoadAt(_sim.Now));
                ScheduleLoadStep(load, next);
                MetersChanged();
            });
        }
    }

    private void LimitsChanged()
    {
        // Stryker disable once Statement : MarkTransient calls it before the first ledger change; outages only change signals
        BeforeChange();
        ApplyOutages();
        foreach (var network in _networks)
        {
            MarkTransient(network);
            network.MeterChangedTicks = _sim.ElapsedTicks;
            EnsureLoop(network);
        }
    }

    private void MetersChanged()
    {
        foreach (var network in _networks.Where(n => n.Spec.Settings.ExternalMeter is not null))
        {
            network.MeterChangedTicks = _sim.ElapsedTicks;
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

    private bool Reachable(ChargePointRuntime cp) => cp.Station.ReachesMasterAt(_sim.Now);

    private void ScheduleNextArrival()
    {
        if (_nextArrival < _arrivalOrder.Length)
        {
            var vehicle = _arrivalOrder[_nextArrival++];
            _sim.Call(vehicle.Arrival - _sim.Now, (Site: this, Vehicle: vehicle), static s => s.Site.OnArrival(s.Vehicle), SiteEventOrder.Arrival);
        }
    }

    private void OnArrival(VehicleSpec vehicle)
    {
        ScheduleNextArrival();
        _sim.Call(vehicle.Departure - _sim.Now, (Site: this, Vehicle: vehicle), static s => s.Site.Depart(s.Vehicle), SiteEventOrder.Departure);
        Arrive(vehicle);
    }

    private void Arrive(VehicleSpec spec)
    {
        if (!_chargePoints.TryGetValue(spec.ChargePointId, out var cp) || cp.Vehicle is not null)
        {
            _sessions.Add(new SessionResult(spec.Id, spec.ChargePointId, spec.Arrival, spec.Departure, spec.EnergyWantedKWh, 0, Rejected: true));
            return;
        }

        var vehicle = new VehicleRuntime(spec, cp.Spec.GridPhasesFor(spec.Phases), _spec.VoltageV, _sim.ElapsedTicks);
        cp.Vehicle = vehicle;
        cp.Network?.Occupy(cp);

        // It starts out following "no current yet", which is also where its sleep timer starts.
        Follow(cp, vehicle, 0);
        if (cp.Network is null)
        {
            // A standalone master's own point is not load-managed: it offers its installation limit.
            SetSignal(cp, StandaloneSignal(cp));
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
        // The vehicle that leaves is this session's (not one that arrived there while it was turned away).
        if (!_chargePoints.TryGetValue(spec.ChargePointId, out var cp) || cp.Vehicle is not { } vehicle || !ReferenceEquals(vehicle.Spec, spec))
        {
            return;
        }

        BeforeChange();
        vehicle.Integrate(_sim.ElapsedTicks);
        ChangeDraw(cp, vehicle, Amps.Zero);
        Finish(vehicle, cp);
        cp.CountSession(vehicle.DeliveredWh, vehicle.GridPhases.Count);
        vehicle.CancelEvents();
        cp.Vehicle = null;
        cp.Network?.Vacate(cp);
        cp.Signal(0);
        AccountWithheld(cp);
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
            ChargingFrom = vehicle.FirstDrawTicks is { } first ? _spec.Start.AddTicks(first) : null,
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
        network.PendingDecision = _sim.Call(TimeSpan.FromTicks(next - _sim.ElapsedTicks), network, network.Decide, SiteEventOrder.Decision);
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
        var candidates = CollectionsMarshal.AsSpan(network.HasOutages ? network.ChargePoints : network.Occupied);
        var master = network.Master;
        var decision = master.Decide(now, MeterReadingAt(network, now), _spec.DigitalInputAt(now), candidates);
        var changedSetpoints = false;
        if (_available[network.Index] != decision.Decision.Pool.Available)
        {
            BeforeChange();
            _available[network.Index] = decision.Decision.Pool.Available;
            _changes.Available(_sim.ElapsedTicks, network.Index, decision.Decision.Pool.Available);
        }

        for (var i = 0; i < master.Count; i++)
        {
            var command = master.CommandAt(i);
            var cp = master.PointAt(i);
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

        if (changedSetpoints)
        {
            MarkTransient(network);
        }

        if ((changedSetpoints && !decision.Settled) || (_options.DecideEveryPeriod && network.ChargePoints.Any(cp => cp.Vehicle is { Satisfied: false })))
        {
            // New setpoints: look again one period later, when the vehicles' reaction shows in their draw. Not needed
            // when the controller is settled: a reaction that changes a draw triggers a decision by itself, and one
            // that does not leaves a decision that would repeat this one.
            // Stryker disable once Arithmetic : a time a period before this decision is moved to a period after it anyway
            ScheduleDecision(network, _sim.ElapsedTicks + network.Spec.Options.SampleRate.Ticks);
        }
        else if (master.Controller.NextTimer() is { } timer)
        {
            ScheduleDecision(network, (timer - _spec.Start).Ticks);
        }

        if (NextPollAfterMeterChange(network) is { } poll)
        {
            // The reading this decision used is older than a change the meter will show at its next poll: the device
            // decides every sample, so it sees the change at the first decision after that poll.
            ScheduleDecision(network, poll);
        }
    }

    /// <summary>The first poll at or after the network's last meter change, when the reading just used predates it.</summary>
    private long? NextPollAfterMeterChange(NetworkRuntime network)
    {
        if (network.Spec.Settings.ExternalMeter is null || _spec.Meter is not { } meter || network.MeterChangedTicks < 0)
        {
            return null;
        }

        var poll = meter.PollInterval.Ticks;
        var polled = (meter.LastPollAt(_spec.Start, _sim.Now) - _spec.Start).Ticks;
        return polled >= network.MeterChangedTicks ? null : (network.MeterChangedTicks + poll - 1) / poll * poll;
    }

    /// <summary>The master's last meter reading: the meter is polled on its interval; failures read as failed.</summary>
    private MeterReading MeterReadingAt(NetworkRuntime network, DateTimeOffset now)
    {
        if (network.Spec.Settings.ExternalMeter is not { } meterSettings || _spec.Meter is not { } meter)
        {
            return MeterReading.Failed;
        }

        var polledAt = meter.LastPollAt(_spec.Start, now);
        var polledTicks = (polledAt - _spec.Start).Ticks;
        if (meter.FailedAt(polledAt))
        {
            return MeterReading.Failed;
        }

        var reading = _spec.ExternalLoadAt(polledAt);
        if (meterSettings.Location == ExternalMeterLocation.IncludingEvseSubDistribution)
        {
            reading += DrawAt(polledTicks);
        }

        return MeterReading.Of(reading);
    }

    private PhaseCurrents DrawAt(long ticks) => _drawHistory?.At(ticks) ?? PhaseCurrents.Zero;

    private void RecordDraw() => _drawHistory?.Record(_sim.ElapsedTicks, _ledger!.Draw);

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

        AccountWithheld(cp);
        return true;
    }

    // The Schedule* helpers hold the closures, so a call that schedules nothing allocates nothing (a lambda's captured
    // parameters are allocated on entry to the method that declares it).
    private void ScheduleFollow(ChargePointRuntime cp, VehicleRuntime vehicle, int current) =>
        _sim.Call(vehicle.Spec.ReactionDelay, (Site: this, Point: cp, Vehicle: vehicle, Current: current), static s => s.Site.Follow(s.Point, s.Vehicle, s.Current));

    private void ScheduleWakeUp(ChargePointRuntime cp, VehicleRuntime sleeper) =>
        _sim.Call(sleeper.Spec.ReactionDelay, (Site: this, Point: cp, Vehicle: sleeper), static s => s.Site.WakeUp(s.Point, s.Vehicle));

    private void ScheduleSleep(ChargePointRuntime cp, VehicleRuntime vehicle, TimeSpan after) =>
        vehicle.SleepTimer = _sim.Call(after, (Site: this, Point: cp, Vehicle: vehicle), static s =>
        {
            s.Vehicle.SleepTimer = null;
            s.Vehicle.Sleep();
            s.Site.AccountWithheld(s.Point);
        });

    private void ScheduleOwnChange(ChargePointRuntime cp, VehicleRuntime vehicle, long atTicks) =>
        vehicle.OwnChange = _sim.Call(TimeSpan.FromTicks(atTicks - _sim.ElapsedTicks), (Site: this, Point: cp, Vehicle: vehicle), static s =>
        {
            s.Vehicle.OwnChange = null;
            s.Site.Refresh(s.Point, s.Vehicle);
        });

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
            ScheduleSleep(cp, vehicle, after);
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
        AccountWithheld(cp);
        vehicle.OwnChange?.Cancel();
        vehicle.OwnChange = null;

        if (vehicle.NextOwnChangeTicks() is { } next && next < (_spec.End - _spec.Start).Ticks)
        {
            ScheduleOwnChange(cp, vehicle, next);
        }
    }

    private void ChangeDraw(ChargePointRuntime cp, VehicleRuntime vehicle, Amps draw)
    {
        var changed = draw != vehicle.Draw;
        vehicle.SetDraw(draw, _sim.ElapsedTicks);
        if (!changed)
        {
            return;
        }

        _changes.PointDraw(_sim.ElapsedTicks, cp.Index, cp.Network?.Index ?? -1, vehicle.GridPhases.Mask, draw);
        RecordDraw();
        if (cp.Network is { } own)
        {
            EnsureLoop(own);
        }

        foreach (var network in _networks)
        {
            if (network.Spec.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution })
            {
                network.MeterChangedTicks = _sim.ElapsedTicks;
                EnsureLoop(network);
            }
        }
    }

    /// <summary>Brings the point's part in its network's withheld current up to date (after any change to it).</summary>
    private void AccountWithheld(ChargePointRuntime cp)
    {
        if (cp.Network is { } network)
        {
            var now = cp.WithheldNow();
            network.Withheld.Change(_sim.ElapsedTicks, cp.Withheld, now);
            cp.Withheld = now;
        }

        if (_spec.GridOperator is not null)
        {
            ReportGrant(cp);
        }
    }

    /// <summary>Tells the ledger what the point grants and its vehicle wants, when that changed (only a dimmed site needs it).</summary>
    private void ReportGrant(ChargePointRuntime cp)
    {
        var grant = cp.GrantNow();
        if (grant != cp.Grant)
        {
            BeforeChange();
            cp.Grant = grant;
            _changes.PointGrant(_sim.ElapsedTicks, cp.Index, grant.PhaseMask, grant.Granted, grant.Wanted);
        }
    }

    /// <summary>Call before changing any state: the interval that ends now is accounted with the state that held.</summary>
    private void BeforeChange() => _changes.BeforeChange(_sim.ElapsedTicks);
}
