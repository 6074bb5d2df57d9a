using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Properties;

/// <summary>
/// Invariants of the stateful controller over random sequences of decisions: vehicles arrive and leave, satellites lose
/// and regain the master, the house load and the meter change, time passes (<see cref="DynamicNetwork"/>). Each decision
/// is judged from those inputs (<see cref="DynamicDecisions"/>), never from the decision's own explanation.
/// </summary>
public sealed class ControllerProperties
{
    private const long Minimum = DlmConstants.MinimumChargingCurrentWholeAmps;
    private const string APhaseIsFull = "a phase carries all the manual leaves";
    private const string ASatelliteIsOutOfReach = "a satellite is out of reach";
    private const string FullWhereAFailedIncludingMeterBinds = "full where a failed including meter's fallback binds and current is reserved";
    private const string TheSpreadIsAtTheLimit = "the spread is at the limit (one more amp on a phase would break it)";
    private const string AnIncludingMeterAnswers = "an including meter answers";
    private const string AVehicleOfUnknownPhasesCharges = "a vehicle of unknown phases charges";
    private const string WaitsWhileALaterOneCharges = "a vehicle waits while a later one charges";
    private const string BackInReachWithContention = "a vehicle back in reach, a later one queued, someone waiting";
    private const string BackUnheardWithContention = "the same, and the master heard no vehicle there while it was out of reach";

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An empty charge point (reachable, no vehicle) requests nothing and draws nothing, so leaving it out of the
    /// observations changes no other point's command, the count charging, or the available current. The simulator
    /// relies on this to pass only occupied or unreachable points.
    /// </summary>
    [ScaledProperty(200)]
    public Property Idle_charge_points_do_not_change_the_decision() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var network = new RandomNetwork(seed, maxPoints: 16);
            var all = network.NewController();
            var occupied = network.NewController();
            var now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
            for (var step = 0; step < 40; step++, now += Period)
            {
                var observations = network.Step(churn: 8, unreachableOneIn: 20);
                var input = new DecisionInput(now, MeterReading.Failed, false);
                var full = all.Decide(input, observations);
                var kept = Enumerable.Range(0, network.Points).Where(i => observations[i].VehicleConnected || !observations[i].Reachable).ToArray();
                var partial = occupied.Decide(input, [.. kept.Select(i => observations[i])]);
                if (full.Decision.ChargingCount != partial.Decision.ChargingCount || full.Decision.Pool.Available != partial.Decision.Pool.Available)
                {
                    return false.Label($"step {step}: count or pool differs");
                }

                for (var k = 0; k < kept.Length; k++)
                {
                    if (full.Commands[kept[k]] != partial.Commands[k])
                    {
                        return false.Label($"step {step}: {full.Commands[kept[k]]} vs {partial.Commands[k]}");
                    }
                }

                for (var i = 0; i < network.Points; i++)
                {
                    network.Signals[i] = full.Commands[i].Current;
                }
            }

            return true.ToProperty();
        });

    /// <summary>
    /// (a) The phase limits, from the inputs: the currents on each phase (a vehicle of unknown phases counted on all its
    /// connector's phases) stay within the manual's available current (<see cref="ManualLimits"/>: EVSE and Operator
    /// limits, downgrade input, scheduler, meter of either location or its fallback) with the Disconnected Limit of every
    /// satellite out of reach kept free on its connector's phases; such a satellite is told its Disconnected Limit.
    /// With imbalance prevention a vehicle of unknown phases gets at most 6 A.
    /// </summary>
    [ScaledProperty(150)]
    public Property Every_decision_keeps_the_manuals_phase_limits_with_the_disconnected_limits_kept_free() => DynamicDecisions.Run(
        null,
        (network, step) =>
        {
            var loads = step.Loads(unknownOnConnector: true);
            var withoutMeter = ManualLimits.For(network.Settings with { ExternalMeter = null }, step.Input with { Reserved = step.Reserved }, []).Available;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                var full = loads[p] > 0 && loads[p] == step.Available[p];
                step.Note(APhaseIsFull, full);
                step.Note(FullWhereAFailedIncludingMeterBinds, full && step.Reserved[p] > Amps.Zero && step.Available[p] < withoutMeter[p]
                    && step.Input.Meter.IsFailed && network.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution });
                if (loads[p] > step.Available[p])
                {
                    return $"L{p + 1} carries {loads[p]} A of the {step.Available[p]} A the manual leaves";
                }
            }

            for (var i = 0; i < network.Points.Count; i++)
            {
                var point = network.Points[i];
                step.Note(ASatelliteIsOutOfReach, !point.Reachable && point.DisconnectedLimit > Amps.Zero);
                if (!point.Reachable && (step.Commands[i].Current != point.DisconnectedLimit.FloorWholeAmps || step.Commands[i].Reason != CommandReason.Disconnected))
                {
                    return $"{point.Id} out of reach was told {step.Commands[i]}, not its Disconnected Limit {point.DisconnectedLimit}";
                }
            }

            var unknown = step.Charging.FirstOrDefault(v => v.Unknown && v.Current > Minimum);
            return network.Settings.CurrentImbalancePrevention && unknown is not null ? $"{unknown.Id} of unknown phases got {unknown.Current} A" : null;
        },
        APhaseIsFull,
        ASatelliteIsOutOfReach,
        FullWhereAFailedIncludingMeterBinds);

    /// <summary>
    /// (b) With imbalance prevention, chapter 7 at the meter: the consumers' load (<see cref="ManualLimits"/>) plus the
    /// currents given stays within the allowed spread however the vehicles whose phases are not known yet turn out to
    /// draw (on their connector's first phase, first two, or all) and whatever the satellites out of reach draw on any of
    /// their connectors' phases (up to their Disconnected Limits, of which at most the Current Imbalance Limit is kept
    /// free). Nothing to judge when nobody charges: the house or the satellites alone may be beyond the limit.
    /// </summary>
    [ScaledProperty(150)]
    public Property Every_decision_keeps_the_imbalance_limit_at_the_meter_whatever_the_unknown_vehicles_and_satellites_draw() => DynamicDecisions.Run(
        null,
        (network, step) =>
        {
            if (step.Manual.AllowedSpreadMilliamps is null || !step.Charging.Any())
            {
                return null;
            }

            var away = DecisionStep.Milliamps(step.AwayReserve());
            step.Note(AnIncludingMeterAnswers, network.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution } && !step.Input.Meter.IsFailed);
            step.Note(ASatelliteIsOutOfReach, away.Cast<long>().Any(a => a > 0));
            step.Note(AVehicleOfUnknownPhasesCharges, step.Charging.Any(v => v.Unknown));
            foreach (var loads in step.PossibleLoads())
            {
                step.Note(TheSpreadIsAtTheLimit, !AnyOneMoreAmpKeeps(step, loads, away));
                if (!step.Manual.KeepsImbalance(loads, away))
                {
                    return $"the phases could carry [{string.Join(", ", loads)}] A on [{string.Join(", ", step.Manual.ExternalMilliamps)}] mA of consumers, with [{string.Join(", ", away.Cast<long>())}] mA (p over q) from satellites: spread above {step.Manual.AllowedSpreadMilliamps} mA";
                }
            }

            return null;
        },
        TheSpreadIsAtTheLimit,
        AnIncludingMeterAnswers,
        ASatelliteIsOutOfReach,
        AVehicleOfUnknownPhasesCharges);

    /// <summary>
    /// (c) First in, first out (FIFO queueing). The queue is the order in which the master first saw each vehicle at a
    /// point in reach (then the order of the status reports); a vehicle keeps its place while its satellite is out of
    /// reach and it stays plugged in. The engine maximises how many charge at 6 A each and among the maxima takes the
    /// earliest in queue order (then admits more, in order, where raising light phases makes room). So the rule: a
    /// vehicle W in reach that requests, has known phases and a ceiling (installation limit and cap) of at least 6 A, and
    /// waits, while a vehicle L queued after it charges, could not take L's place: the charging set with L swapped for W,
    /// everyone at 6 A, exceeds the manual's phase limits (Disconnected Limits kept free) or the imbalance limit (with
    /// the most reserve the decision may keep for vehicles of unknown phases and satellites, and the shortfall of capped
    /// vehicles). A later vehicle on other phases that charges while the earlier one cannot fit is no violation.
    /// </summary>
    [ScaledProperty(150)]
    public Property An_earlier_vehicle_never_waits_where_a_later_one_charges() => DynamicDecisions.Run(
        QueueingPolicy.FairTradeFifo,
        (network, step) =>
        {
            var contention = step.Vehicles.Any(v => v.Current == 0 && v.Ceiling >= Minimum);
            step.Note(BackInReachWithContention, contention && step.Vehicles.Any(v => v.WasAway && step.Vehicles.Any(l => l.QueuedAt.CompareTo(v.QueuedAt) > 0)));
            step.Note(BackUnheardWithContention, contention && step.Vehicles.Any(v => v.Unheard && step.Vehicles.Any(l => l.QueuedAt.CompareTo(v.QueuedAt) > 0)));
            foreach (var waiting in step.Waiting())
            {
                foreach (var later in step.Charging.Where(v => v.QueuedAt.CompareTo(waiting.QueuedAt) > 0))
                {
                    step.Note(WaitsWhileALaterOneCharges);
                    var loads = new long[PhaseSet.PhaseCount];
                    foreach (var v in step.Charging.Where(v => v != later).Append(waiting))
                    {
                        DynamicDecisions.Add(loads, v.Unknown ? v.Connector : v.Phases, Minimum);
                    }

                    if (step.Fits(loads, step.Reserve()))
                    {
                        return $"{waiting.Id} (queued {waiting.QueuedAt}) waits while {later.Id} (queued {later.QueuedAt}) charges, and they could swap";
                    }
                }
            }

            return null;
        },
        WaitsWhileALaterOneCharges,
        BackInReachWithContention,
        BackUnheardWithContention);

    /// <summary>
    /// (d) Only the queue decides, not the order of the status reports: a controller given the reports in another
    /// order at every decision (vehicles new to the queue kept in their order, which is their arrival order) gives every
    /// point the same command, through the non-allocating <see cref="DlmController.DecideInto"/> the simulator uses.
    /// </summary>
    [ScaledProperty(100)]
    public Property Only_the_queue_decides_not_the_order_of_the_status_reports() =>
        Prop.ForAll(DynamicDecisions.Seeds, seed =>
        {
            var network = new DynamicNetwork(seed);
            var given = network.NewController();
            var shuffled = network.NewController();
            var buffer = new ChargePointCommand[network.Points.Count];
            var queued = new HashSet<(string Point, string? Key)>();
            var random = new Random(seed);
            var now = DynamicDecisions.Start;
            for (var step = 0; step < DynamicDecisions.Steps; step++, now = network.Next(now))
            {
                var observations = network.Step(now);
                var input = network.InputAt(now);
                var order = Shuffle(observations, queued, random);
                var a = given.Decide(input, observations);
                var b = shuffled.DecideInto(input, [.. order.Select(i => observations[i])], buffer);
                for (var k = 0; k < order.Length; k++)
                {
                    if (buffer[k] != a.Commands[order[k]])
                    {
                        return false.Label($"seed {seed} step {step}: {buffer[k]} in another order, {a.Commands[order[k]]} as given");
                    }
                }

                if (a.Decision != b.Decision || a.Settled != b.Settled)
                {
                    return false.Label($"seed {seed} step {step}: {b.Decision} in another order, {a.Decision} as given");
                }

                network.Apply(now, a.Commands);
            }

            return true.ToProperty();
        });

    private static bool AnyOneMoreAmpKeeps(DecisionStep step, long[] loads, long[,] away) =>
        Enumerable.Range(0, PhaseSet.PhaseCount).All(p => step.Manual.KeepsImbalance([.. loads.Select((l, q) => q == p ? l + 1 : l)], away));

    /// <summary>A random order of the reports in which the vehicles the controller has not queued yet keep their order.</summary>
    private static int[] Shuffle(ChargePointObservation[] observations, HashSet<(string Point, string? Key)> queued, Random random)
    {
        var order = Enumerable.Range(0, observations.Length).ToArray();
        random.Shuffle(order);
        bool IsNew(int i) => observations[i] is { Reachable: true, VehicleConnected: true } o && !queued.Contains((o.Id, o.SessionKey));
        var arrivals = new Queue<int>(Enumerable.Range(0, observations.Length).Where(IsNew));
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = IsNew(order[k]) ? arrivals.Dequeue() : order[k];
        }

        foreach (var o in observations.Where(o => o is { Reachable: true, VehicleConnected: true }))
        {
            queued.Add((o.Id, o.SessionKey));
        }

        return order;
    }

    /// <summary>
    /// A settled decision is a fixed point: one more decision on the same observations (before the next timer) gives
    /// the same currents (a wake-up already sent is not repeated) and teaches the controller nothing, so a controller
    /// that took the extra decision goes on deciding exactly like one that did not. The simulator skips follow-up
    /// decisions on this promise.
    /// </summary>
    [ScaledProperty(200)]
    public Property A_settled_decision_repeats_itself_and_changes_no_later_decision() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var network = new RandomNetwork(seed, maxPoints: 10);
            var plain = network.NewController();
            var extra = network.NewController();
            var extraDecisions = 0;
            var now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
            for (var step = 0; step < 60; step++, now += Period)
            {
                var observations = network.Step(churn: 10);
                var a = plain.Decide(new DecisionInput(now, MeterReading.Failed, false), observations);
                var b = extra.Decide(new DecisionInput(now, MeterReading.Failed, false), observations);
                if (!a.Commands.SequenceEqual(b.Commands) || a.Settled != b.Settled)
                {
                    return false.Label($"step {step}: the controllers diverged after {extraDecisions} extra decisions");
                }

                var halfway = now + (Period / 2);
                if (a.Settled && (plain.NextTimer() is not { } timer || timer > halfway))
                {
                    var again = extra.Decide(new DecisionInput(halfway, MeterReading.Failed, false), observations);
                    extraDecisions++;

                    // Same currents; a wake-up is a one-shot action, so the repeat may leave it out but must not add one.
                    var repeats = again.Commands.Zip(a.Commands).All(p => p.First.Current == p.Second.Current && p.First.Reason == p.Second.Reason && (!p.First.Wakeup || p.Second.Wakeup));
                    if (!repeats || !again.Settled)
                    {
                        return false.Label($"seed {seed} step {step}: a settled decision did not repeat itself");
                    }
                }

                for (var i = 0; i < network.Points; i++)
                {
                    // Most vehicles follow the new signal; some are a sample late.
                    network.Signals[i] = network.Random.Next(5) == 0 ? network.Signals[i] : a.Commands[i].Current;
                }
            }

            return true.ToProperty();
        });
}
