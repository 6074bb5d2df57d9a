using System.Runtime.ExceptionServices;
using Amtron.Dlm.Settings;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Parallel runs. DLM networks interact only through what is measured at site level (supply current, limits, the time
/// series) unless a meter that includes the charge points feeds one network's draw into another's decisions. So
/// without such a meter, groups of networks run in parallel, each logging its site-level changes, and the ledger
/// replays the merged logs in time order: the same checks and rows, in the same order, as one thread would make
/// (tested byte for byte).
/// </summary>
public sealed partial class SiteSimulation
{
    /// <summary>Groups of network indexes to run in parallel, or null when the site must run on one thread.</summary>
    private static List<HashSet<int>>? PartitionsOf(SiteSpec spec, int maxPartitions)
    {
        var count = Math.Min(maxPartitions, spec.Networks.Count);
        if (count < 2 || spec.Networks.Any(n => n.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution }))
        {
            return null;
        }

        // Largest networks first into the group with the fewest charge points (deterministic; only speed depends on it).
        var groups = Enumerable.Range(0, count).Select(_ => new HashSet<int>()).ToList();
        var load = new int[count];
        // Stryker disable once Linq,Assignment : only which networks share a thread (even all one): partitions replay to the one-thread result byte for byte whatever the grouping (ParallelRunTests), so only speed depends on it
        foreach (var (network, points) in spec.Networks.Select((n, i) => (i, n.Stations.Sum(s => s.ChargePoints.Count))).OrderByDescending(x => x.Item2).ThenBy(x => x.i))
        {
            var lightest = Array.IndexOf(load, load.Min());
            groups[lightest].Add(network);
            load[lightest] += points;
        }

        return groups;
    }

    private SimulationResult RunPartitioned(List<HashSet<int>> partitions, IProgress<double>? progress)
    {
        using var stop = new CancellationTokenSource();
        var runs = partitions.Select(owned => new SiteSimulation(_spec, null, _options with { MaxPartitions = 1 }, owned)).ToArray();
        runs[0].TakesUnplacedVehicles = true;
        var logs = new ChangeLog[runs.Length];
        var fractions = new double[runs.Length];
        var tasks = new Task[runs.Length];
        for (var k = 0; k < runs.Length; k++)
        {
            var run = runs[k];
            var slot = k;
            logs[k] = new ChangeLog();
            run._changes = logs[k];
            tasks[k] = Task.Factory.StartNew(
                () => run.RunOwned(new Fraction(fractions, slot), stop.Token),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        WaitForPartitions(tasks, stop, () => progress?.Report(fractions.Min() * ShareBeforeReplay));

        // The rows are written on another thread while this one replays (the partitions' cores are free again).
        using var background = _sink is null ? null : new BackgroundSink(_sink);
        var ledger = new SiteLedger(_spec, _pointIds, background);
        ledger.Start(_spec.ExternalLoadAt(_spec.Start));
        Replay(ledger, logs);
        ledger.Finish((_spec.End - _spec.Start).Ticks);
        progress?.Report(1);

        return ResultOf(ledger, runs);
    }

    /// <summary>
    /// Waits for every partition, reporting progress meanwhile. A partition that fails, or a progress report that
    /// throws, stops the others at their next chunk (as one thread would stop at its first error); no partition thread
    /// outlives the call, and the first real failure is rethrown.
    /// </summary>
    private static void WaitForPartitions(Task[] tasks, CancellationTokenSource stop, Action report)
    {
        ExceptionDispatchInfo? failure = null;
        try
        {
            while (!Task.WaitAll(tasks, TimeSpan.FromMilliseconds(100)))
            {
                if (tasks.Any(t => t.IsFaulted))
                {
                    stop.Cancel();
                }

                report();
            }
        }
        catch (AggregateException)
        {
            // Collected below from the tasks themselves.
        }
#pragma warning disable CA1031 // Whatever the progress callback throws is rethrown once the partitions have stopped.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        // Stryker disable once Linq : with no failure of the report the loop above ended only once every partition had (WaitAll with a timeout throws only then), so cancelling then changes nothing
        if (failure is not null || tasks.Any(t => t.IsFaulted))
        {
            stop.Cancel();
        }

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            // The partitions' own failures are looked at next.
        }

        failure?.Throw();
        var error = tasks.Where(t => t.Exception is not null).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
        if (error is not null)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    /// <summary>Share of the progress bar for the parallel part; the replay (rows, limits) takes the rest.</summary>
    private const double ShareBeforeReplay = 0.85;

    /// <summary>
    /// Replays the partitions' logs in time order. At each instant: account the interval that ends (as one thread
    /// would, also at load steps and limit boundaries, where limits change), then apply every change of the instant.
    /// </summary>
    private void Replay(SiteLedger ledger, ChangeLog[] logs)
    {
        var readers = logs.Select(l => l.Read()).ToArray();
        var loadSteps = LoadStepTicks();
        var boundaries = _spec.SettingChanges().Select(t => (t - _spec.Start).Ticks).ToArray();
        int nextLoad = 0, nextBoundary = 0;
        while (true)
        {
            long? next = nextLoad < loadSteps.Length ? loadSteps[nextLoad] : null;
            next = Earliest(next, nextBoundary < boundaries.Length ? boundaries[nextBoundary] : null);
            foreach (var reader in readers)
            {
                next = Earliest(next, reader.NextTicks);
            }

            if (next is not { } ticks)
            {
                return;
            }

            ledger.BeforeChange(ticks);
            foreach (var reader in readers)
            {
                reader.ReplayAt(ticks, ledger);
            }

            for (; nextLoad < loadSteps.Length && loadSteps[nextLoad] == ticks; nextLoad++)
            {
                ledger.External(ticks, _spec.ExternalLoadAt(_spec.Start.AddTicks(ticks)));
            }

            for (; nextBoundary < boundaries.Length && boundaries[nextBoundary] == ticks; nextBoundary++)
            {
            }
        }
    }

    private static long? Earliest(long? a, long? b) => a is { } x && (b is not { } y || x <= y) ? a : b;

    /// <summary>Every instant at which an external load steps (as the load-step events of a single run).</summary>
    private long[] LoadStepTicks()
    {
        var steps = new List<long>();
        foreach (var load in _spec.ExternalLoads)
        {
            var after = _spec.Start;
            while (load.NextChangeAfter(after) is { } next && next < _spec.End)
            {
                steps.Add((next - _spec.Start).Ticks);
                after = next;
            }
        }

        steps.Sort();
        return [.. steps];
    }

    /// <summary>A partition's simulated fraction, read by the thread that reports progress.</summary>
    private sealed class Fraction(double[] fractions, int slot) : IProgress<double>
    {
        public void Report(double value) => Volatile.Write(ref fractions[slot], value);
    }
}
