using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using Amtron.Site.Sweeps;
using Amtron.Sweep;
using BenchmarkDotNet.Attributes;

namespace Amtron.Benchmarks;

/// <summary>
/// What a sweep adds to each run (docs/performance.md): one variant of benchmarks/sweeps/day-50-1000.sweep.yaml (a day
/// of a 50-point car park) simulated from a scenario read beforehand, read and simulated, and run as `sweep run` runs
/// it (read, simulated, summary.json and variant.json written, folder renamed into place). Each invocation takes the
/// next of 64 variants (other days and supply lines), the same sequence in every benchmark, so no result is reused.
/// The overhead beyond the simulation is RunVariant less SimulateRead.
/// </summary>
[MemoryDiagnoser]
public class SweepVariantBenchmark
{
    private const int Variants = 64;
    private SweepPlan _plan = null!;
    private Scenario[] _scenarios = [];
    private string _root = string.Empty;
    private int _next;
    private int _folder;

    [GlobalSetup]
    public void Setup()
    {
        var repository = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repository, "Amtron.sln")))
        {
            repository = Path.GetDirectoryName(repository) ?? throw new InvalidOperationException("Amtron.sln not found");
        }

        _plan = SweepPlanner.Expand(SweepReader.Read(Path.Combine(repository, "benchmarks", "sweeps", "day-50-1000.sweep.yaml")));
        _scenarios = [.. _plan.Variants.Take(Variants).Select(v => ScenarioLoader.Parse(_plan.Sweep.BaseText, _plan.Sweep.BaseFile, v.Overrides(_plan.Sweep), KpiCatalogue.MetricNames))];
        _root = Directory.CreateTempSubdirectory("amtron-sweep-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public double SimulateRead() => new SiteSimulation(_scenarios[Next()].Site).Run().EnergyDeliveredKWh;

    [Benchmark]
    public double ReadAndSimulate() => VariantRunner.Simulate(_plan.Sweep, _plan.Variants[Next()]).Result.EnergyDeliveredKWh;

    [Benchmark]
    public VariantOutcome RunVariant()
    {
        var folder = new SweepFolder(Path.Combine(_root, (_folder++).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(folder.Runs);
        return VariantRunner.Run(_plan, _plan.Variants[Next()], folder, SweepKeep.None, "benchmark", TextWriter.Null);
    }

    private int Next() => _next++ % Variants;
}
