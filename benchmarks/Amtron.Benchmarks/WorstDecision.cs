using System.Diagnostics;
using System.Globalization;
using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Benchmarks;

/// <summary>
/// `worst-decision [--points N] [--runs N]` for docs/performance.md: single decisions of the engine on adversarial
/// mixes, imbalance prevention on, where not everyone fits at 6 A: (a) 2-phase vehicles spread over the three phase
/// pairs, (b) the same with a third 1-phase, (c) 2-phase pairs and 3-phase vehicles, (d) two thirds 1-phase on L2 and
/// L3 beside 2-phase pairs (the 1-phase vehicles fit, L1 has none). Each run changes the available
/// current, so the engine's memory of the last allocation never answers (a cache hit is not a decision).
/// </summary>
internal static class WorstDecision
{
    public static int Run(string[] args)
    {
        var points = RunOptions.Int(args, "--points", 1000);
        var runs = RunOptions.Int(args, "--runs", 5);
        foreach (var (name, mix) in new (string, Func<int, PhaseSet>)[]
        {
            ("2-phase on every pair", i => Pair(i)),
            ("2-phase pairs + 1-phase", i => i % 3 == 2 ? PhaseSet.FromMask(1 << (i / 3 % 3)) : Pair(i)),
            ("2-phase pairs + 3-phase", i => i % 3 == 2 ? PhaseSet.ThreePhase : Pair(i)),
            ("1-phase + 2-phase pairs", i => i % 3 == 0 ? Pair(i / 3) : PhaseSet.FromMask(1 << (i % 3))),
        })
        {
            var demands = Enumerable.Range(0, points)
                .Select(i => new ChargePointDemand($"CP{i}", mix(i), Amps.From(32), Amps.From(32), true, PhaseCurrents.Zero))
                .ToArray();
            var engine = new DlmEngine();
            var currents = new int[points];
            var outcomes = new AllocationOutcome[points];
            var times = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                // Room for about half of them at 6 A on each phase, a little different each run; a 10 A imbalance limit.
                var available = (points * 6 * 2 / 3 / 2) + run;
                var settings = new DlmSettings(new PhaseCurrents(Amps.From(available), Amps.From(available + 7), Amps.From(available + 13))) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(10) };
                var started = Stopwatch.GetTimestamp();
                var decision = engine.Decide(settings, new DecisionInput(DateTimeOffset.UnixEpoch, MeterReading.Failed, false), demands, currents, outcomes);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (run > 0)
                {
                    // The first compiles the code: not a decision of a running master.
                    times.Add(ms);
                }

                if (run == runs)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N = {points}, {name}: {decision.ChargingCount} charge; decision median {times.Order().ElementAt(times.Count / 2):0.###} ms, worst {times.Max():0.###} ms over {times.Count} runs"));
                }
            }
        }

        ControllerWithNewcomers(points);
        return 0;
    }

    /// <summary>
    /// The controller's first decision when N vehicles have just plugged in at 3-phase points and none has shown its
    /// phases yet, under contention with imbalance prevention: it admits as many newcomers as the worst case allows,
    /// trying fewer each time the engine cannot keep every reserve.
    /// </summary>
    private static void ControllerWithNewcomers(int points)
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(points * 6 / 2)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(10) };
        var observations = Enumerable.Range(0, points)
            .Select(i => new Dlm.Control.ChargePointObservation($"CP{i}", PhaseSet.ThreePhase, Amps.From(32), true, PhaseCurrents.Zero)
            {
                SessionKey = $"V{i}",
                LeadingPhases = PhaseSet.FromMask(0b011),
                FirstPhase = PhaseSet.FromMask(0b001),
            })
            .ToArray();
        var times = new List<double>();
        var charging = 0;
        for (var run = 0; run < 3; run++)
        {
            var controller = new Dlm.Control.DlmController(settings, new Dlm.Control.DlmControllerOptions());
            var started = Stopwatch.GetTimestamp();
            var decision = controller.Decide(new DecisionInput(DateTimeOffset.UnixEpoch, MeterReading.Failed, false), observations);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            charging = decision.Commands.Count(c => c.Current > 0);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N = {points}, controller, all newcomers of unknown phases: {charging} admitted; decision {times.Skip(1).Min():0.###}-{times.Skip(1).Max():0.###} ms"));
    }

    private static PhaseSet Pair(int i) => PhaseSet.FromMask((i % 3) switch { 0 => 0b011, 1 => 0b101, _ => 0b110 });
}
