using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Properties;

/// <summary>Invariants of the stateful controller over random sequences of decisions.</summary>
public sealed class ControllerProperties
{
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
    /// The non-allocating <see cref="DlmController.DecideInto"/> (the simulator's) and <see cref="DlmController.Decide"/>
    /// (HIL, tests) are one decision: two controllers fed the same sequence give the same commands, pool and settledness.
    /// </summary>
    [ScaledProperty(200)]
    public Property Deciding_into_a_buffer_is_the_same_decision() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var network = new RandomNetwork(seed, maxPoints: 16);
            var allocating = network.NewController();
            var buffered = network.NewController();
            var buffer = new ChargePointCommand[network.Points + 3];
            var now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
            for (var step = 0; step < 40; step++, now += Period)
            {
                var observations = network.Step(churn: 8, unreachableOneIn: 20);
                var input = new DecisionInput(now, MeterReading.Failed, false);
                var a = allocating.Decide(input, observations);
                var b = buffered.DecideInto(input, observations, buffer);
                if (a.Decision != b.Decision || a.Settled != b.Settled || !a.Commands.SequenceEqual(buffer.Take(observations.Length)) || a.PriorityOrder.Count != b.Ranked)
                {
                    return false.Label($"step {step}: decisions differ");
                }

                for (var i = 0; i < network.Points; i++)
                {
                    network.Signals[i] = a.Commands[i].Current;
                }
            }

            return true.ToProperty();
        });

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
