using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Limits;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Properties;

/// <summary>
/// The controller's dynamics over random sequences (issue 11, item 8): vehicles that arrive and leave, under-draw,
/// react late, sleep; satellites out of reach. Every decision keeps the phase limits and, counting each vehicle whose
/// phases are not known yet at its worst, the imbalance limit; admits in arrival order (FIFO); leaves nobody waiting
/// while there is room for them; and is the same for the same inputs.
/// </summary>
public sealed class ControllerDynamicsProperties
{
    private const int Steps = 120;
    private const long Minimum = DlmConstants.MinimumChargingCurrentWholeAmps;

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    /// <summary>
    /// (a) The allocated currents on each phase, a vehicle of unknown phases counted on all its connector's phases,
    /// stay within the DLM limit less the Disconnected Limits of the satellites out of reach (worked here from the
    /// settings, not taken from the decision). With imbalance prevention, a vehicle of unknown phases gets at most 6 A.
    /// </summary>
    [ScaledProperty(150)]
    public Property Every_decision_keeps_the_phase_limits() => Run(null, (network, step) =>
    {
        var loads = step.Loads(unknownOnConnector: true);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (loads[p] > step.Available[p])
            {
                return $"L{p + 1} carries {loads[p]} A of {step.Available[p]} A available";
            }
        }

        var unknown = step.Charging.FirstOrDefault(v => v.Unknown && v.Current > Minimum);
        return network.Settings.CurrentImbalancePrevention && unknown is not null ? $"{unknown.Id} of unknown phases got {unknown.Current} A" : null;
    });

    /// <summary>
    /// (b) With imbalance prevention, the spread between the phases stays within the limit however the vehicles whose
    /// phases are not known yet turn out to draw: each on its connector's first phase, first two, or all (a vehicle of
    /// fewer phases than its connector uses the leading ones).
    /// </summary>
    [ScaledProperty(150)]
    public Property Every_decision_keeps_the_imbalance_limit_whatever_phases_the_unknown_vehicles_use() => Run(null, (network, step) =>
    {
        if (!network.Settings.CurrentImbalancePrevention)
        {
            return null;
        }

        var limit = network.Settings.CurrentImbalanceLimit.FloorWholeAmps;
        foreach (var loads in step.PossibleLoads())
        {
            if (loads.Max() - loads.Min() > limit)
            {
                return $"the phases could carry [{string.Join(", ", loads)}] A: spread above {limit} A";
            }
        }

        return null;
    });

    /// <summary>
    /// (c) FIFO: a vehicle of known phases that waits (0 A, requesting, ceiling of at least 6 A) could not take the
    /// place of any later arrival that charges. The engine first maximises how many charge at 6 A each and among the
    /// maxima takes the earliest in queue order; so if the charging set with the later vehicle swapped for the waiting
    /// one still fits at 6 A each (phase limits, and imbalance with the reserve the decision keeps for vehicles of
    /// unknown phases), the count is the same and the earlier vehicle should have been chosen. A later single-phase
    /// vehicle on another phase that charges while the earlier one cannot fit is no violation: the swap does not fit.
    /// </summary>
    [ScaledProperty(150)]
    public Property A_waiting_vehicle_could_not_take_the_place_of_a_later_one() => Run(QueueingPolicy.FairTradeFifo, (network, step) =>
    {
        foreach (var waiting in step.Waiting())
        {
            foreach (var later in step.Charging.Where(v => v.QueuedAt.CompareTo(waiting.QueuedAt) > 0))
            {
                var loads = new long[PhaseSet.PhaseCount];
                foreach (var v in step.Charging.Where(v => v != later).Append(waiting))
                {
                    Add(loads, v.Unknown ? v.Connector : v.Phases, Minimum);
                }

                if (step.Fits(loads, step.Reserve()))
                {
                    return $"{waiting.Id} (queued {waiting.QueuedAt}) waits while {later.Id} (queued {later.QueuedAt}) charges, and they could swap";
                }
            }
        }

        return null;
    });

    /// <summary>
    /// (d) Nobody waits while current is left: a vehicle of known phases that waits could not be given 6 A on top of
    /// the others' currents without exceeding a phase's available current or the imbalance limit (with the reserve for
    /// every vehicle of unknown phases, the most the decision could keep).
    /// </summary>
    [ScaledProperty(150)]
    public Property No_vehicle_waits_while_there_is_room_for_it() => Run(null, (network, step) =>
    {
        foreach (var waiting in step.Waiting())
        {
            var loads = step.Loads(unknownOnConnector: true);
            Add(loads, waiting.Phases, Minimum);
            if (step.Fits(loads, step.Reserve()))
            {
                return $"{waiting.Id} waits though 6 A on {waiting.Phases} fits";
            }
        }

        return null;
    });

    /// <summary>(e) Two controllers fed the same sequence decide the same commands at every step.</summary>
    [ScaledProperty(100)]
    public Property The_same_sequence_gives_the_same_commands() =>
        Prop.ForAll(Seeds, seed =>
        {
            var network = new DynamicNetwork(seed);
            var first = network.NewController();
            var second = network.NewController();
            var now = Start;
            for (var i = 0; i < Steps; i++, now += network.Options.SampleRate)
            {
                var observations = network.Step(now);
                var a = first.Decide(new DecisionInput(now, MeterReading.Failed, false), observations);
                var b = second.Decide(new DecisionInput(now, MeterReading.Failed, false), observations);
                if (!a.Commands.SequenceEqual(b.Commands) || a.Decision != b.Decision)
                {
                    return false.Label($"seed {seed} step {i}: the decisions differ");
                }

                network.Apply(now, a.Commands);
            }

            return true.ToProperty();
        });

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static void Add(long[] loads, PhaseSet phases, long current)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            loads[p] += phases.Contains(p) ? current : 0;
        }
    }

    /// <summary>Runs a random sequence and applies <paramref name="check"/> to every decision (null: it holds).</summary>
    private static Property Run(QueueingPolicy? queueing, Func<DynamicNetwork, DecisionStep, string?> check) =>
        Prop.ForAll(Seeds, seed =>
        {
            var network = new DynamicNetwork(seed, queueing);
            var controller = network.NewController();
            var queued = new Dictionary<string, (int Step, int Index)>(StringComparer.Ordinal);
            var now = Start;
            for (var i = 0; i < Steps; i++, now += network.Options.SampleRate)
            {
                var observations = network.Step(now);
                var decision = controller.Decide(new DecisionInput(now, MeterReading.Failed, false), observations);
                var step = new DecisionStep(network, controller, observations, decision.Commands, queued, i);
                if (check(network, step) is { } failure)
                {
                    return false.Label($"seed {seed} step {i} ({now:HH:mm:ss}): {failure}; {step}");
                }

                network.Apply(now, decision.Commands);
            }

            return true.ToProperty();
        });

    /// <summary>One decision as the checks see it: each reachable vehicle with its command, phases as known, place in the queue.</summary>
    private sealed class DecisionStep
    {
        private readonly DynamicNetwork _network;

        public DecisionStep(
            DynamicNetwork network,
            DlmController controller,
            ChargePointObservation[] observations,
            IReadOnlyList<ChargePointCommand> commands,
            Dictionary<string, (int Step, int Index)> queued,
            int step)
        {
            _network = network;
            var limit = PoolLimitCalculator.DlmLimit(network.Settings, Start, false);
            var reserved = new long[PhaseSet.PhaseCount];
            var vehicles = new List<Entry>();
            for (var i = 0; i < observations.Length; i++)
            {
                var point = network.Points[i];
                if (!point.Reachable)
                {
                    Add(reserved, point.ConnectorPhases, point.DisconnectedLimit.FloorWholeAmps);
                    Add(_away, point.ConnectorPhases, point.DisconnectedLimit.FloorWholeAmps);
                    continue;
                }

                if (point.Vehicle is not { } vehicle)
                {
                    continue;
                }

                // The controller queues a vehicle when it first sees it from a reachable point, in observation order.
                if (!queued.TryGetValue(vehicle.Key, out var at))
                {
                    queued[vehicle.Key] = at = (step, i);
                }

                var known = vehicle.HasDrawn || point.ConnectorPhases.Count == 1;
                var cap = controller.DemandCap(point.Id) is { } c ? Amps.Min(c, point.Installation) : point.Installation;
                if (controller.DemandCap(point.Id) is { } capped && known && vehicle.Phases.Count < PhaseSet.PhaseCount)
                {
                    // A capped vehicle of 1 or 2 phases may draw less than its cap: the decision keeps the imbalance
                    // with its phases lighter by that much. Its cap is the most it can be short of.
                    Add(Shortfall, vehicle.Phases, capped.FloorWholeAmps);
                }

                vehicles.Add(new Entry(
                    $"{point.Id}/{vehicle.Key}",
                    known ? vehicle.Phases : point.ConnectorPhases,
                    point.ConnectorPhases,
                    point.Rotation,
                    !known && point.ConnectorPhases.Count > 1 && network.Settings.CurrentImbalancePrevention,
                    commands[i].Current,
                    cap.FloorWholeAmps,
                    at));
            }

            Vehicles = vehicles;
            Available = [.. Enumerable.Range(0, PhaseSet.PhaseCount).Select(p => Math.Max(0, limit[p].FloorWholeAmps - reserved[p]))];
        }

        public IReadOnlyList<Entry> Vehicles { get; }

        public IEnumerable<Entry> Charging => Vehicles.Where(v => v.Current > 0);

        /// <summary>Per phase: at most how much lighter the decision may take the phase to be than its allocation.</summary>
        public long[] Shortfall { get; } = new long[PhaseSet.PhaseCount];

        private readonly long[] _away = new long[PhaseSet.PhaseCount];

        /// <summary>Per phase: the DLM limit less what the satellites out of reach may draw.</summary>
        public long[] Available { get; }

        /// <summary>Vehicles of known phases that wait though they could take 6 A.</summary>
        public IEnumerable<Entry> Waiting() => Vehicles.Where(v => v.Current == 0 && !v.Unknown && v.Ceiling >= Minimum);

        public long[] Loads(bool unknownOnConnector)
        {
            var loads = new long[PhaseSet.PhaseCount];
            foreach (var v in Charging)
            {
                Add(loads, unknownOnConnector && v.Unknown ? v.Connector : v.Phases, v.Current);
            }

            return loads;
        }

        /// <summary>
        /// The most imbalance allowance the decision keeps free: what the satellites out of reach may draw on their
        /// connector's phases (at most the Current Imbalance Limit per phase), and 6 A on the leading phases of every
        /// vehicle of unknown phases.
        /// </summary>
        public long[] Reserve()
        {
            var limit = _network.Settings.CurrentImbalancePrevention ? _network.Settings.CurrentImbalanceLimit.FloorWholeAmps : 0;
            var reserve = _away.Select(a => Math.Min(a, limit)).ToArray();
            foreach (var v in Vehicles.Where(v => v.Unknown && v.Ceiling >= Minimum))
            {
                Add(reserve, PhaseSet.Of(v.Rotation.AsSpan(0, v.Rotation.Length - 1)), Minimum);
            }

            return reserve;
        }

        /// <summary>
        /// Within every phase's available current and, with prevention, no phase plus its reserve above another less its
        /// shortfall by more than the limit. With the shortfall at its most this is a sufficient condition for the
        /// decision's own rule, so a vehicle found to fit here would fit there too.
        /// </summary>
        public bool Fits(long[] loads, long[] reserve)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                if (loads[p] > Available[p])
                {
                    return false;
                }
            }

            if (!_network.Settings.CurrentImbalancePrevention)
            {
                return true;
            }

            var limit = _network.Settings.CurrentImbalanceLimit.FloorWholeAmps;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                for (var q = 0; q < PhaseSet.PhaseCount; q++)
                {
                    if (loads[p] + reserve[p] - loads[q] + Shortfall[q] > limit)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The phase loads for every way the charging vehicles of unknown phases may turn out to draw.</summary>
        public IEnumerable<long[]> PossibleLoads()
        {
            var known = new long[PhaseSet.PhaseCount];
            var unknown = new List<Entry>();
            foreach (var v in Charging)
            {
                if (v.Unknown)
                {
                    unknown.Add(v);
                }
                else
                {
                    Add(known, v.Phases, v.Current);
                }
            }

            var choices = unknown.Aggregate(1, (n, v) => n * v.Rotation.Length);
            for (var choice = 0; choice < choices; choice++)
            {
                var loads = (long[])known.Clone();
                var rest = choice;
                foreach (var v in unknown)
                {
                    var count = (rest % v.Rotation.Length) + 1;
                    rest /= v.Rotation.Length;
                    Add(loads, PhaseSet.Of(v.Rotation.AsSpan(0, count)), v.Current);
                }

                yield return loads;
            }
        }

        public override string ToString() =>
            $"available [{string.Join(", ", Available)}] A; " + string.Join("; ", Vehicles.Select(v => $"{v.Id} {(v.Unknown ? "unknown " + v.Connector : v.Phases)} {v.Current} A ceiling {v.Ceiling} queued {v.QueuedAt}"));
    }

    /// <summary>A vehicle at a decision: its phases (those of its connector while unknown), command, ceiling, place in the queue.</summary>
    private sealed record Entry(string Id, PhaseSet Phases, PhaseSet Connector, Phase[] Rotation, bool Unknown, int Current, long Ceiling, (int Step, int Index) QueuedAt);
}
