using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
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
    [Property(MaxTest = 200)]
    public Property Idle_charge_points_do_not_change_the_decision() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var settings = new DlmSettings(PhaseCurrents.FromWholeAmps(random.Next(10, 120), random.Next(10, 120), random.Next(10, 120)))
            {
                CurrentImbalancePrevention = random.Next(2) == 0,
                CurrentImbalanceLimit = Amps.From(random.Next(6, 32)),
            };
            var options = new DlmControllerOptions
            {
                Queueing = random.Next(2) == 0 ? QueueingPolicy.FairTradeFifo : QueueingPolicy.FairTradeRoundRobin,
                AllowEvWakeup = random.Next(2) == 0,
            };
            var all = new DlmController(settings, options);
            var occupied = new DlmController(settings, options);
            var points = random.Next(1, 16);
            var vehicles = new (string Key, PhaseSet Phases, int Charger, bool Asleep)?[points];
            var signals = new int[points];
            var plugins = 0;
            var now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
            for (var step = 0; step < 40; step++, now += Period)
            {
                for (var i = 0; i < points; i++)
                {
                    if (random.Next(8) == 0)
                    {
                        vehicles[i] = vehicles[i] is null
                            ? ($"V{plugins++}", PhaseSet.FromMask(random.Next(1, 8)), random.Next(6, 33), random.Next(6) == 0)
                            : null;
                    }
                }

                var observations = new ChargePointObservation[points];
                for (var i = 0; i < points; i++)
                {
                    var draw = vehicles[i] is { Asleep: false } v && signals[i] >= 6 ? Amps.From(Math.Min(signals[i], v.Charger)) : Amps.Zero;
                    var phases = vehicles[i]?.Phases ?? PhaseSet.ThreePhase;
                    var measured = new PhaseCurrents(
                        phases.Contains(Phase.L1) ? draw : Amps.Zero, phases.Contains(Phase.L2) ? draw : Amps.Zero, phases.Contains(Phase.L3) ? draw : Amps.Zero);
                    observations[i] = new ChargePointObservation($"CP{i}", PhaseSet.ThreePhase, Amps.From(32), vehicles[i] is not null, measured)
                    {
                        SessionKey = vehicles[i]?.Key,
                        Reachable = random.Next(20) != 0,
                    };
                }

                var input = new DecisionInput(now, MeterReading.Failed, false);
                var full = all.Decide(input, observations);
                var kept = Enumerable.Range(0, points).Where(i => observations[i].VehicleConnected || !observations[i].Reachable).ToArray();
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

                for (var i = 0; i < points; i++)
                {
                    signals[i] = full.Commands[i].Current;
                }
            }

            return true.ToProperty();
        });

    /// <summary>
    /// A settled decision is a fixed point: one more decision on the same observations (before the next timer) gives
    /// the same currents (a wake-up already sent is not repeated) and teaches the controller nothing, so a controller that took the extra decision goes on
    /// deciding exactly like one that did not. The simulator skips follow-up decisions on this promise.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property A_settled_decision_repeats_itself_and_changes_no_later_decision() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var settings = new DlmSettings(PhaseCurrents.FromWholeAmps(random.Next(10, 120), random.Next(10, 120), random.Next(10, 120)))
            {
                CurrentImbalancePrevention = random.Next(2) == 0,
                CurrentImbalanceLimit = Amps.From(random.Next(6, 32)),
            };
            var options = new DlmControllerOptions
            {
                Queueing = random.Next(2) == 0 ? QueueingPolicy.FairTradeFifo : QueueingPolicy.FairTradeRoundRobin,
                AllowEvWakeup = random.Next(2) == 0,
            };
            var plain = new DlmController(settings, options);
            var extra = new DlmController(settings, options);
            var points = random.Next(1, 10);
            var vehicles = new (string Key, PhaseSet Phases, int Charger, bool Asleep)?[points];
            var signals = new int[points];
            var plugins = 0;
            var extraDecisions = 0;
            var now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
            for (var step = 0; step < 60; step++, now += Period)
            {
                for (var i = 0; i < points; i++)
                {
                    if (random.Next(10) == 0)
                    {
                        vehicles[i] = vehicles[i] is null ? ($"V{plugins++}", PhaseSet.FromMask(random.Next(1, 8)), random.Next(6, 33), random.Next(8) == 0) : null;
                    }
                }

                var observations = new ChargePointObservation[points];
                for (var i = 0; i < points; i++)
                {
                    // Vehicles follow their signal, capped by their charger (some ignore a change for one sample).
                    var draw = vehicles[i] is { Asleep: false } v && signals[i] >= 6 ? Amps.From(Math.Min(signals[i], v.Charger)) : Amps.Zero;
                    var phases = vehicles[i]?.Phases ?? PhaseSet.ThreePhase;
                    var measured = new PhaseCurrents(
                        phases.Contains(Phase.L1) ? draw : Amps.Zero, phases.Contains(Phase.L2) ? draw : Amps.Zero, phases.Contains(Phase.L3) ? draw : Amps.Zero);
                    observations[i] = new ChargePointObservation($"CP{i}", PhaseSet.ThreePhase, Amps.From(32), vehicles[i] is not null, measured) { SessionKey = vehicles[i]?.Key };
                }

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
                        return false.Label($"seed {seed} step {step}: a settled decision did not repeat itself: {string.Join(" ", a.Commands.Select(c => $"{c.Id}={c.Current}{(c.Wakeup ? "w" : "")}/{c.Reason}"))} vs {string.Join(" ", again.Commands.Select(c => $"{c.Id}={c.Current}{(c.Wakeup ? "w" : "")}/{c.Reason}"))} settled {again.Settled}; obs {string.Join(" ", observations.Select(o => $"{o.Id}:{o.VehicleConnected}:{o.MeasuredCurrents}"))}");
                    }
                }

                for (var i = 0; i < points; i++)
                {
                    signals[i] = random.Next(5) == 0 ? signals[i] : a.Commands[i].Current;
                }
            }

            return true.ToProperty();
        });
}
