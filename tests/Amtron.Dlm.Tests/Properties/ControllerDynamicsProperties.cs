using Amtron.Dlm.Control;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Properties;

/// <summary>
/// The controller's dynamics over random sequences (issue 11, item 8): vehicles that arrive and leave, under-draw,
/// react late, sleep; satellites out of reach; meters, the downgrade input and the scheduler around them. Every decision
/// leaves nobody waiting while there is room for them, and is the same for the same inputs. The phase limits, the
/// imbalance limit and the queue order over the same sequences are <see cref="ControllerProperties"/>.
/// </summary>
public sealed class ControllerDynamicsProperties
{
    private const long Minimum = DlmConstants.MinimumChargingCurrentWholeAmps;
    private const string AVehicleWaits = "a vehicle of known phases waits";
    private const string AnUnknownVehicleWaits = "a vehicle of unknown phases waits";
    private const string AnUnknownVehicleWaitsBesideCharging = "a vehicle of unknown phases waits while others charge";

    /// <summary>
    /// Nobody waits while current is left: a vehicle of known phases that waits could not be given 6 A on top of the
    /// others' currents without exceeding a phase's available current (the manual's, with the Disconnected Limits of
    /// satellites out of reach kept free) or the imbalance limit (with the reserve for every vehicle of unknown phases,
    /// the most the decision could keep).
    /// </summary>
    [ScaledProperty(150)]
    public Property No_vehicle_waits_while_there_is_room_for_it() => DynamicDecisions.Run(
        null,
        (network, step) =>
        {
            foreach (var waiting in step.Waiting())
            {
                step.Note(AVehicleWaits);
                var loads = step.Loads(unknownOnConnector: true);
                DynamicDecisions.Add(loads, waiting.Phases, Minimum);
                if (step.Fits(loads, step.Reserve()))
                {
                    return $"{waiting.Id} waits though 6 A on {waiting.Phases} fits";
                }
            }

            return null;
        },
        AVehicleWaits);

    /// <summary>
    /// Nor does a vehicle of unknown phases wait while there is room for it whatever it turns out to draw: the first
    /// one waiting in the queue, with nobody queued before it waiting (those after it wait for it, FIFO), could not charge at 6 A on its connector's phases with
    /// everyone charging at 6 A (the count the engine maximises; raising others first may make room the count does not
    /// see, docs/allocation.md) without exceeding a phase's available current or, for some way it and the others of
    /// unknown phases may draw (their connector's first phase, first two or all), the imbalance limit.
    /// </summary>
    [ScaledProperty(150)]
    public Property No_vehicle_of_unknown_phases_waits_while_there_is_room_for_it_whatever_it_draws() => DynamicDecisions.Run(
        QueueingPolicy.FairTradeFifo,
        (network, step) =>
        {
            var waiting = step.Vehicles.Where(v => v.Unknown && v.Current == 0 && v.Ceiling >= Minimum).MinBy(v => v.QueuedAt);
            if (waiting is null || step.Vehicles.Any(v => v.Current == 0 && v.Ceiling >= Minimum && v.QueuedAt.CompareTo(waiting.QueuedAt) < 0))
            {
                // Nobody waits, or one queued earlier waits and goes first (FIFO).
                return null;
            }

            step.Note(AnUnknownVehicleWaits);
            step.Note(AnUnknownVehicleWaitsBesideCharging, step.Charging.Any());
            var loads = new long[PhaseSet.PhaseCount];
            foreach (var v in step.Charging.Append(waiting))
            {
                DynamicDecisions.Add(loads, v.Unknown ? v.Connector : v.Phases, Minimum);
            }

            return step.Fits(loads, step.Reserve()) ? $"{waiting.Id} of unknown phases waits though 6 A on {waiting.Connector} fits whatever it draws" : null;
        },
        AnUnknownVehicleWaits,
        AnUnknownVehicleWaitsBesideCharging);

    /// <summary>Two controllers fed the same sequence decide the same commands at every step.</summary>
    [ScaledProperty(100)]
    public Property The_same_sequence_gives_the_same_commands() =>
        Prop.ForAll(DynamicDecisions.Seeds, seed =>
        {
            var network = new DynamicNetwork(seed);
            var first = network.NewController();
            var second = network.NewController();
            var now = DynamicDecisions.Start;
            for (var i = 0; i < DynamicDecisions.Steps; i++, now = network.Next(now))
            {
                var observations = network.Step(now);
                var input = network.InputAt(now);
                var a = first.Decide(input, observations);
                var b = second.Decide(input, observations);
                if (!a.Commands.SequenceEqual(b.Commands) || a.Decision != b.Decision)
                {
                    return false.Label($"seed {seed} step {i}: the decisions differ");
                }

                network.Apply(now, a.Commands);
            }

            return true.ToProperty();
        });
}
