using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Progress and failures of a run, through the public API. A run reports after each of its 200 chunks of simulated
/// time; a parallel run reports the slowest partition's share (85 % of the bar; the replay takes the rest) and 1 at
/// the end. The partitions are held at known chunks by a house load whose steps wait at a gate, so what is reported
/// meanwhile is exact. Events exactly at a chunk's bound run in the next chunk: a partition held at the step at a
/// quarter of the period has reported 50/200 = 0.25.
/// </summary>
public sealed class PartitionProgressTests
{
    /// <summary>Real-time guard so a broken test fails instead of hanging; never what a test measures.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromHours(4);
    private static readonly DateTimeOffset Quarter = Start + (Period / 4);
    private static readonly DateTimeOffset ThreeQuarters = Start + (Period * 3 / 4);
    private static readonly DateTimeOffset NineTenths = Start + (Period * 9 / 10);

    /// <summary>Two independent networks (two partitions when allowed) and <paramref name="house"/> stepping at ¼, ¾ and 9/10.</summary>
    private static SiteSpec TwoNetworks(IExternalLoad house)
    {
        NetworkSpec Network(int id) => new(
            id,
            new DlmSettings(PhaseCurrents.Uniform(32)),
            new DlmControllerOptions(),
            [new StationSpec($"S{id}", StationRole.MasterWithInternalSlave, [new ChargePointSpec($"P{id}", $"S{id}", Amps.From(16), ChargePointSpec.NoRotation)])]);
        return new SiteSpec(Start, Period, 1) { ExternalLoads = [house], Networks = [Network(0), Network(1)] };
    }

    private static SiteSimulation Parallel(SiteSpec site) => new(site, null, new SiteSimulationOptions { MaxPartitions = 2 });

    [Fact]
    public void One_thread_reports_each_of_its_200_chunks()
    {
        var progress = new Recorded();
        new SiteSimulation(TwoNetworks(new GatedHouse()), null, new SiteSimulationOptions { MaxPartitions = 1 }).Run(progress);
        Assert.Equal(Enumerable.Range(1, 200).Select(step => step / 200.0), progress.Values);
    }

    [Fact]
    public void A_parallel_run_reports_the_slowest_partitions_share_then_1()
    {
        // The first partition at the quarter step waits there; the other passes it and waits at three quarters. While
        // both wait, the slowest has done 0.25 of the period: 0.85 x 0.25 = 0.2125 of the bar.
        var house = new GatedHouse { HoldFirstAtQuarter = true, HoldAtThreeQuarters = true };
        var progress = new Recorded(house.ReleaseWhenBothHeld);
        Parallel(TwoNetworks(house)).Run(progress);
        Assert.Equal(0.85 * 0.25, house.ReportedWhileHeld);
        Assert.Equal(1, progress.Values[^1]);
        Assert.All(progress.Values.Zip(progress.Values.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
    }

    [Fact]
    public void A_failing_partition_stops_the_other_at_its_next_chunk_and_its_error_ends_the_run()
    {
        // The first partition at the quarter step fails; the other waits at three quarters until the run has seen the
        // failure (and so stopped the partitions), then goes on: it must stop before the step at nine tenths.
        var house = new GatedHouse { FailFirstAtQuarter = true, HoldAtThreeQuarters = true };
        var error = Assert.Throws<InvalidOperationException>(() => Parallel(TwoNetworks(house)).Run(new Recorded(house.ReleaseOnceTheFailureIsSeen)));
        Assert.Equal("house meter gone", error.Message);
        Assert.False(house.AskedAtNineTenths, "the partition that did not fail went on after the run stopped it");
    }

    [Fact]
    public void A_progress_report_that_throws_once_ends_the_run_with_that_exception()
    {
        // The first partition at the quarter step waits there until progress is reported, so there is a report.
        var house = new GatedHouse { HoldFirstAtQuarter = true };
        var progress = new Recorded(_ =>
        {
            house.Release();
            throw new InvalidOperationException("terminal gone");
        });
        var error = Assert.Throws<InvalidOperationException>(() => Parallel(TwoNetworks(house)).Run(progress.Once()));
        Assert.Equal("terminal gone", error.Message);
    }

    [Fact]
    public void A_progress_report_that_throws_stops_the_partitions_and_ends_the_run_only_once_they_have_stopped()
    {
        // The first partition at the quarter step waits there. The first report, once it waits, throws and lets it go
        // only 200 ms later: by then the run has stopped the partitions, so it ends the chunk it is in and runs no
        // later step (the next is at three quarters: the last time it asks about stays the quarter); and the run
        // ends, with the report's exception, only after that partition has.
        var house = new GatedHouse { HoldFirstAtQuarter = true };
        var progress = new Recorded(_ =>
        {
            house.WaitUntilHeld();
            house.ReleaseAfter(TimeSpan.FromMilliseconds(200));
            throw new InvalidOperationException("terminal gone");
        });
        var error = Assert.Throws<InvalidOperationException>(() => Parallel(TwoNetworks(house)).Run(progress.Once()));
        Assert.Equal("terminal gone", error.Message);
        Assert.True(house.HolderReleased, "the run ended while a partition was still held");
        Assert.Equal(Quarter, house.HolderLastAsked);
    }

    [Fact]
    public void Three_independent_networks_run_as_three_partitions_when_three_are_allowed()
    {
        // Three networks without a meter and three partitions allowed: the run is parallel, so it reports the slowest
        // partition's share of 85 % of the bar, then 1 (the replay done), and nothing in between. One thread would
        // report each of its 200 chunks, 171/200 = 0.855 among them.
        NetworkSpec Network(int id) => new(
            id,
            new DlmSettings(PhaseCurrents.Uniform(32)),
            new DlmControllerOptions(),
            [new StationSpec($"S{id}", StationRole.MasterWithInternalSlave, [new ChargePointSpec($"P{id}", $"S{id}", Amps.From(16), ChargePointSpec.NoRotation)])]);
        var site = new SiteSpec(Start, Period, 1) { Networks = [Network(0), Network(1), Network(2)] };
        var progress = new Recorded();
        new SiteSimulation(site, null, new SiteSimulationOptions { MaxPartitions = 3 }).Run(progress);
        Assert.Equal(1, progress.Values[^1]);
        Assert.All(progress.Values.SkipLast(1), value => Assert.True(value <= 0.85, $"{value} reported"));
    }

    /// <summary>Progress values in the order reported, each also handed to <paramref name="onReport"/>.</summary>
    private sealed class Recorded(Action<double>? onReport = null) : IProgress<double>
    {
        private bool _once;
        private bool _thrown;

        public List<double> Values { get; } = [];

        /// <summary>Runs <c>onReport</c> for the first report only.</summary>
        public Recorded Once()
        {
            _once = true;
            return this;
        }

        public void Report(double value)
        {
            Values.Add(value);
            if (!_once || !_thrown)
            {
                _thrown = true;
                onReport?.Invoke(value);
            }
        }
    }

    /// <summary>
    /// 5 A until a quarter of the period, 10 A until three quarters, 15 A until nine tenths, then 5 A. A partition
    /// asks for the next step when it runs one, so holding that call holds the partition inside that chunk.
    /// </summary>
    private sealed class GatedHouse : IExternalLoad
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly object _gate = new();
        private int _atQuarter;
        private Thread? _failed;
        private Thread? _holder;
        private bool _holderReleased;
        private bool _failureSeen;
        private int _held;

        public bool HoldFirstAtQuarter { get; init; }

        public bool FailFirstAtQuarter { get; init; }

        public bool HoldAtThreeQuarters { get; init; }

        public double? ReportedWhileHeld { get; private set; }

        public bool AskedAtNineTenths { get; private set; }

        /// <summary>Whether the partition held at the quarter step has been let go.</summary>
        public bool HolderReleased => Volatile.Read(ref _holderReleased);

        /// <summary>The last time the partition held at the quarter step asked about.</summary>
        public DateTimeOffset? HolderLastAsked { get; private set; }

        public string Name => "house";

        public PhaseCurrents At(DateTimeOffset time) =>
            PhaseCurrents.Uniform(time < Quarter ? 5 : time < ThreeQuarters ? 10 : time < NineTenths ? 15 : 5);

        public DateTimeOffset? NextChangeAfter(DateTimeOffset time)
        {
            if (ReferenceEquals(Thread.CurrentThread, Volatile.Read(ref _holder)))
            {
                HolderLastAsked = time;
            }

            if (time == Quarter && Interlocked.Increment(ref _atQuarter) == 1)
            {
                if (FailFirstAtQuarter)
                {
                    Volatile.Write(ref _failed, Thread.CurrentThread);
                    throw new InvalidOperationException("house meter gone");
                }

                if (HoldFirstAtQuarter)
                {
                    Volatile.Write(ref _holder, Thread.CurrentThread);
                    HolderLastAsked = time;
                    Hold();
                    Volatile.Write(ref _holderReleased, true);
                }
            }

            if (time == ThreeQuarters && HoldAtThreeQuarters)
            {
                Hold();
            }

            if (time >= NineTenths)
            {
                AskedAtNineTenths = true;
            }

            return time < Quarter ? Quarter : time < ThreeQuarters ? ThreeQuarters : time < NineTenths ? NineTenths : null;
        }

        public void Release() => _released.Set();

        /// <summary>Lets the held partitions go <paramref name="delay"/> from now, on another thread.</summary>
        public void ReleaseAfter(TimeSpan delay) => new Thread(() =>
        {
            Thread.Sleep(delay);
            Release();
        })
        { IsBackground = true }.Start();

        /// <summary>Waits until a partition is held.</summary>
        public void WaitUntilHeld() => Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref _held) > 0, Guard), "no partition was held");

        /// <summary>A progress callback: once both partitions are held, notes the value reported and lets them go.</summary>
        public void ReleaseWhenBothHeld(double value)
        {
            if (Volatile.Read(ref _held) == 2 && !_released.IsSet)
            {
                ReportedWhileHeld = value;
                Release();
            }
        }

        /// <summary>
        /// A progress callback: once the failed partition's thread has ended (its task is faulted), the next report
        /// comes after the run has looked at the tasks and stopped them; then the held partition may go on.
        /// </summary>
        public void ReleaseOnceTheFailureIsSeen(double value)
        {
            if (_failureSeen)
            {
                Release();
            }
            else if (Volatile.Read(ref _failed) is { } failed)
            {
                Assert.True(failed.Join(Guard), "the failed partition's thread did not end");
                _failureSeen = true;
            }
        }

        private void Hold()
        {
            Interlocked.Increment(ref _held);
            if (!_released.Wait(Guard))
            {
                throw new TimeoutException("held partitions were never released: no progress was reported meanwhile");
            }
        }
    }
}
