using Amtron.Sim.Kernel;
using BenchmarkDotNet.Attributes;

namespace Amtron.Benchmarks;

/// <summary>
/// The discrete-event kernel: <see cref="Processes"/> concurrent processes, each waiting on 100 timeouts of random
/// length (seeded), so the queue holds one event per process, as a car park with one pending event per charge point.
/// Events per second = Processes × 100 / Mean.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmark
{
    private const int TimeoutsPerProcess = 100;

    [Params(10, 1_000, 10_000)]
    public int Processes { get; set; }

    [Benchmark]
    public long ProcessTimeouts()
    {
        var sim = new Simulation(DateTimeOffset.UnixEpoch, 1);
        var random = sim.Random.Stream("delays");
        for (var p = 0; p < Processes; p++)
        {
            sim.Process(Loop(sim, random));
        }

        sim.Run();
        return sim.ProcessedEvents;
    }

    [Benchmark]
    public long CallbackTimeouts()
    {
        var sim = new Simulation(DateTimeOffset.UnixEpoch, 1);
        var random = sim.Random.Stream("delays");
        var remaining = new int[Processes];
        for (var p = 0; p < Processes; p++)
        {
            remaining[p] = TimeoutsPerProcess;
            var index = p;
            Action<SimEvent>? next = null;
            next = _ =>
            {
                if (--remaining[index] > 0)
                {
                    sim.Timeout(TimeSpan.FromSeconds(random.Next(1, 3600))).OnProcessed(next!);
                }
            };
            sim.Timeout(TimeSpan.FromSeconds(random.Next(1, 3600))).OnProcessed(next);
        }

        sim.Run();
        return sim.ProcessedEvents;
    }

    private static IEnumerable<SimEvent> Loop(Simulation sim, Random random)
    {
        for (var i = 0; i < TimeoutsPerProcess; i++)
        {
            yield return sim.Timeout(TimeSpan.FromSeconds(random.Next(1, 3600)));
        }
    }
}
