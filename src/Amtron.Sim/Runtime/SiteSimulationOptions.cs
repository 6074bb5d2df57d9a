namespace Amtron.Sim.Runtime;

/// <summary>How a <see cref="SiteSimulation"/> runs (never what it computes: every option gives the same results).</summary>
public sealed record SiteSimulationOptions
{
    /// <summary>
    /// Up to this many partitions per core by default: more than one, so the OS can balance networks of unequal load over
    /// the cores (five networks on two cores ran faster as five partitions than as two), but bounded for sites with
    /// hundreds of networks (every partition repeats the site-wide load steps and limit boundaries).
    /// </summary>
    public const int DefaultPartitionsPerCore = 4;

    private readonly int _maxPartitions = DefaultPartitionsPerCore * Environment.ProcessorCount;

    /// <summary>
    /// Up to this many groups of independent DLM networks run on threads of their own (1: the whole site on the calling
    /// thread). A process that runs many simulations at once (a sweep) gives each fewer.
    /// </summary>
    public int MaxPartitions
    {
        get => _maxPartitions;
        init => _maxPartitions = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "at least one partition is needed");
    }

    /// <summary>
    /// Decide every sample period while a vehicle is connected, as the device does, instead of skipping decisions whose
    /// inputs have not changed (slower; tests use it to show the skipping changes nothing).
    /// </summary>
    public bool DecideEveryPeriod { get; init; }
}
