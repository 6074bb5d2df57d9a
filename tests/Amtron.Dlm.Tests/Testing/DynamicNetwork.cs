using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>
/// A random DLM network over time for the controller's dynamics, built from one seed: 2–10 points (3-phase with a
/// phase rotation, or 1-phase), vehicles of 1–3 phases that arrive and leave, on-board chargers of 6–32 A (under-draw),
/// reaction delays of 0–5 s, sleep after a pause (woken by a wake-up), satellites that lose and regain the master (out
/// of reach they run on their Disconnected Limit, and the master hears either nothing or what it heard last), imbalance
/// prevention with limits of 6–20 A, sample rates of 1–60 s with now and then a jump of minutes to hours. Around it, in
/// some networks: an external meter (either location) over a house load that changes and a meter that fails now and
/// then, the downgrade input switching with its offset, a 24 h scheduler. The test asks <see cref="InputAt"/> for each
/// decision's input and feeds its commands back with <see cref="Apply"/>.
/// </summary>
internal sealed class DynamicNetwork
{
    private static readonly int[] SampleRates = [1, 2, 5, 10, 30, 60];
    private static readonly Phase[][] Rotations =
    [
        [Phase.L1, Phase.L2, Phase.L3], [Phase.L2, Phase.L3, Phase.L1], [Phase.L3, Phase.L1, Phase.L2],
        [Phase.L1], [Phase.L2], [Phase.L3],
        [Phase.L1, Phase.L2], [Phase.L2, Phase.L3], [Phase.L3, Phase.L1],
    ];
    private readonly Random _random;
    private readonly Random _site;
    private readonly Point[] _points;
    private readonly long[] _house = new long[PhaseSet.PhaseCount];
    private long _plugins;
    private bool _meterFailed;
    private bool _digitalInput;

    public DynamicNetwork(int seed, QueueingPolicy? queueing = null)
    {
        Seed = seed;
        _random = new Random(seed);
        var sub = _random.Next(10, 81);
        Settings = new DlmSettings(PhaseCurrents.Uniform(sub))
        {
            OperatorEvseSubDistributionLimit = PhaseCurrents.Uniform(_random.Next(3) == 0 ? _random.Next(6, sub + 1) : sub),
            CurrentImbalancePrevention = _random.Next(5) != 0,
            CurrentImbalanceLimit = Amps.From(_random.Next(6, 21)),
        };
        Options = new DlmControllerOptions
        {
            SampleRate = TimeSpan.FromSeconds(SampleRates[_random.Next(SampleRates.Length)]),
            Queueing = queueing ?? (_random.Next(2) == 0 ? QueueingPolicy.FairTradeFifo : QueueingPolicy.FairTradeRoundRobin),
            AllowEvWakeup = _random.Next(2) == 0,
        };
        _points = new Point[_random.Next(2, 11)];
        for (var i = 0; i < _points.Length; i++)
        {
            var rotation = Rotations[_random.Next(4) == 0 ? _random.Next(3, Rotations.Length) : _random.Next(3)];
            _points[i] = new Point($"CP{i}", rotation, Amps.From(_random.Next(3) == 0 ? _random.Next(6, 33) : 32), i > 0 && _random.Next(2) == 0, Amps.From(_random.Next(0, 17)));
        }

        // The site around the network from its own stream, so the network of a seed is what it was without it.
        _site = new Random(seed ^ 0x5EED);
        Settings = WithSite(Settings, sub);
    }

    public int Seed { get; }

    public DlmSettings Settings { get; }

    public DlmControllerOptions Options { get; }

    public IReadOnlyList<Point> Points => _points;

    public DlmController NewController() => new(Settings, Options);

    /// <summary>The time of the next decision: one sample later, now and then minutes to hours later.</summary>
    public DateTimeOffset Next(DateTimeOffset now) =>
        now + (_site.Next(20) == 0 ? TimeSpan.FromMinutes(_site.Next(5, 240)) : Options.SampleRate);

    /// <summary>
    /// The decision's input at <paramref name="now"/>, after <see cref="Step"/>: the meter's reading (the house, and
    /// with a meter that includes the charge points what every point draws, satellites out of reach included; failed
    /// while the meter does not answer; none without a meter) and the downgrade input.
    /// </summary>
    public DecisionInput InputAt(DateTimeOffset now)
    {
        if (Settings.ExternalMeter is not { } meter || _meterFailed)
        {
            return new DecisionInput(now, MeterReading.Failed, _digitalInput);
        }

        var reading = new long[PhaseSet.PhaseCount];
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            reading[p] = _house[p];
            foreach (var point in _points)
            {
                if (meter.Location == ExternalMeterLocation.IncludingEvseSubDistribution && point.Vehicle is { } vehicle && vehicle.Phases.Contains(p))
                {
                    reading[p] += vehicle.DrawAt(now).Milliamps;
                }
            }
        }

        var currents = new PhaseCurrents(Amps.FromMilliamps(reading[0]), Amps.FromMilliamps(reading[1]), Amps.FromMilliamps(reading[2]));
        return new DecisionInput(now, MeterReading.Of(currents), _digitalInput);
    }

    /// <summary>
    /// Vehicles come and go, satellites lose and find the master, then every point reports what it draws at
    /// <paramref name="now"/> (each vehicle following the last signal it has had its reaction delay to follow).
    /// </summary>
    public ChargePointObservation[] Step(DateTimeOffset now)
    {
        StepSite();
        var observations = new ChargePointObservation[_points.Length];
        for (var i = 0; i < _points.Length; i++)
        {
            var point = _points[i];
            if (point.Satellite && _random.Next(15) == 0)
            {
                point.Reachable = !point.Reachable;
                point.Vehicle?.Signal(now, point.Reachable ? point.Vehicle.LastSignal : (int)point.DisconnectedLimit.FloorWholeAmps);

                // Out of reach the satellite reports nothing: the master has either nothing or what it heard last.
                point.AwayReport = _site.Next(3);
                if (point.Vehicle is { } plugged && !point.Reachable)
                {
                    plugged.WasAway = true;
                    plugged.Unheard |= point.AwayReport == 1;
                }
            }

            if (_random.Next(point.Vehicle is null ? 6 : 12) == 0)
            {
                point.Vehicle = point.Vehicle is null ? NewVehicle(point, now) : null;
            }

            observations[i] = point.Observe(now);
        }

        return observations;
    }

    /// <summary>The commands of a decision at <paramref name="now"/> reach the vehicles (a satellite out of reach runs on its own).</summary>
    public void Apply(DateTimeOffset now, IReadOnlyList<ChargePointCommand> commands)
    {
        for (var i = 0; i < _points.Length; i++)
        {
            if (_points[i] is { Reachable: true, Vehicle: { } vehicle })
            {
                vehicle.Signal(now, commands[i].Current);
                if (commands[i].Wakeup)
                {
                    vehicle.WakeAt = now + vehicle.Delay;
                }
            }
        }
    }

    private DlmSettings WithSite(DlmSettings settings, int sub)
    {
        if (_site.Next(3) != 0)
        {
            var location = _site.Next(3) == 0 ? ExternalMeterLocation.ExcludingEvseSubDistribution : ExternalMeterLocation.IncludingEvseSubDistribution;
            var main = sub + _site.Next(-sub / 2, sub + 1);
            settings = settings with
            {
                ExternalMeter = new ExternalMeterSettings(location, PhaseCurrents.Uniform(main))
                {
                    ExternalLoadHeadroom = PhaseCurrents.Uniform(_site.Next(3) == 0 ? _site.Next(1, 6) : 0),
                    ExternalLoadFallback = _site.Next(6) == 0
                        ? ExternalMeterSettings.DefaultExternalLoadFallback
                        : PhaseCurrents.FromWholeAmps(_site.Next(0, (main / 2) + 1), _site.Next(0, (main / 2) + 1), _site.Next(0, (main / 2) + 1)),
                },
            };
        }

        if (_site.Next(3) == 0)
        {
            settings = settings with { MeterDigitalInputCurrentOffset = PhaseCurrents.FromWholeAmps(_site.Next(0, sub / 2), _site.Next(0, sub / 2), _site.Next(0, sub / 2)) };
        }

        if (_site.Next(3) == 0)
        {
            var hours = Enumerable.Range(0, MaximumCurrentScheduler.HoursPerDay).OrderBy(_ => _site.Next()).Take(_site.Next(1, 5)).ToList();
            settings = settings with
            {
                MaximumCurrentScheduler = new MaximumCurrentScheduler(hours.Select(h => new SchedulerEntry(h, PhaseCurrents.Uniform(_site.Next(6, sub + 1))))),
            };
        }

        return settings;
    }

    /// <summary>The house load changes, the meter stops or starts answering, the downgrade input switches.</summary>
    private void StepSite()
    {
        if (Settings.ExternalMeter is { } meter)
        {
            var most = (int)meter.MainDistributionLimit.L1.FloorWholeAmps * 1000 / 2;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                _house[p] = _site.Next(5) == 0 ? _site.Next(0, most + 1) : _house[p];
            }

            _meterFailed = _site.Next(_meterFailed ? 6 : 10) == 0 ? !_meterFailed : _meterFailed;
        }

        _digitalInput = Settings.MeterDigitalInputCurrentOffset != PhaseCurrents.Zero && _site.Next(15) == 0 ? !_digitalInput : _digitalInput;
    }

    private Vehicle NewVehicle(Point point, DateTimeOffset now)
    {
        var phases = point.GridPhasesFor(_random.Next(1, point.Rotation.Length + 1));
        var sleepAfter = _random.Next(3) == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(_random.Next(10, 1200));
        var vehicle = new Vehicle($"S{_plugins++}", phases, Amps.From(_random.Next(6, 33)), TimeSpan.FromMilliseconds(_random.Next(0, 5001)), sleepAfter, now);
        vehicle.Signal(now, point.Reachable ? 0 : (int)point.DisconnectedLimit.FloorWholeAmps);
        return vehicle;
    }

    /// <summary>A charge point: its wiring, reach, Disconnected Limit, and the vehicle plugged in.</summary>
    public sealed class Point(string id, Phase[] rotation, Amps installation, bool satellite, Amps disconnectedLimit)
    {
        public string Id { get; } = id;

        public Phase[] Rotation { get; } = rotation;

        public Amps Installation { get; } = installation;

        public bool Satellite { get; } = satellite;

        public Amps DisconnectedLimit { get; } = disconnectedLimit;

        public bool Reachable { get; set; } = true;

        public Vehicle? Vehicle { get; set; }

        /// <summary>While out of reach: 0 the master hears the point as it is, 1 nothing (no vehicle, no key), 2 what it heard last.</summary>
        public int AwayReport { get; set; }

        private (bool Connected, string? Key) _lastHeard;

        public PhaseSet ConnectorPhases => GridPhasesFor(Rotation.Length);

        /// <summary>The connector's first <paramref name="count"/> phases, after rotation: where a vehicle of that many phases draws.</summary>
        public PhaseSet GridPhasesFor(int count) => PhaseSet.Of(Rotation.AsSpan(0, count));

        public ChargePointObservation Observe(DateTimeOffset now)
        {
            var draw = Vehicle?.DrawAt(now) ?? Amps.Zero;
            var phases = Vehicle?.Phases ?? PhaseSet.None;
            if (Vehicle is not null && Reachable && draw >= Amps.From(1))
            {
                // The master learns the phases from what a reachable point reports.
                Vehicle.HasDrawn = true;
            }

            var measured = new PhaseCurrents(phases.Contains(0) ? draw : Amps.Zero, phases.Contains(1) ? draw : Amps.Zero, phases.Contains(2) ? draw : Amps.Zero);
            var heard = (Connected: Vehicle is not null, Vehicle?.Key);
            if (Reachable)
            {
                _lastHeard = heard;
            }
            else
            {
                // What reaches the master of a point out of reach is not what is there.
                heard = AwayReport switch { 0 => heard, 1 => (false, null), _ => _lastHeard };
                measured = AwayReport == 0 ? measured : PhaseCurrents.Zero;
            }

            return new ChargePointObservation(Id, ConnectorPhases, Installation, heard.Connected, measured)
            {
                Reachable = Reachable,
                DisconnectedLimit = DisconnectedLimit,
                SessionKey = heard.Key,
                LeadingPhases = GridPhasesFor(Rotation.Length - 1),
                FirstPhase = GridPhasesFor(1),
            };
        }
    }

    /// <summary>
    /// A vehicle: draws the last signal it has had time to follow, up to its on-board charger, or nothing below 6 A;
    /// paused for its sleep time it sleeps until a wake-up reaches it.
    /// </summary>
    public sealed class Vehicle(string key, PhaseSet phases, Amps charger, TimeSpan delay, TimeSpan? sleepAfter, DateTimeOffset arrival)
    {
        private readonly List<(DateTimeOffset At, int Current)> _signals = [];

        public string Key { get; } = key;

        public PhaseSet Phases { get; } = phases;

        public Amps Charger { get; } = charger;

        public TimeSpan Delay { get; } = delay;

        public DateTimeOffset Arrival { get; } = arrival;

        public DateTimeOffset? WakeAt { get; set; }

        public int LastSignal => _signals.Count == 0 ? 0 : _signals[^1].Current;

        /// <summary>Whether it has ever drawn in a status report: then the master knows its phases.</summary>
        public bool HasDrawn { get; set; }

        /// <summary>Whether its satellite has lost the master while it was plugged in.</summary>
        public bool WasAway { get; set; }

        /// <summary>Whether its satellite has lost the master while it was plugged in and the master heard no vehicle there.</summary>
        public bool Unheard { get; set; }

        public void Signal(DateTimeOffset at, int current) => _signals.Add((at, current));

        public Amps DrawAt(DateTimeOffset now)
        {
            // The signal it follows now, and since when it has been below the minimum (for sleep).
            var following = 0;
            DateTimeOffset? pausedSince = Arrival;
            foreach (var (at, current) in _signals)
            {
                if (at + Delay > now)
                {
                    break;
                }

                pausedSince = current >= DlmConstants.MinimumChargingCurrentWholeAmps ? null : pausedSince ?? at + Delay;
                following = current;
            }

            var asleep = sleepAfter is { } after && pausedSince is { } since && now - since >= after && (WakeAt is not { } wake || wake <= since + after || wake > now);
            return !asleep && following >= DlmConstants.MinimumChargingCurrentWholeAmps ? Amps.Min(Amps.From(following), Charger) : Amps.Zero;
        }
    }
}
