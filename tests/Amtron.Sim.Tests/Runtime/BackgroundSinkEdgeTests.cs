using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// The background writer when it is slower than the replay (a full channel, then room again) and when it is disposed
/// without Finish (the run failed elsewhere). It holds 8 batches of 512 rows besides the one being written. A slow
/// writer is made by holding its first row: that only makes the case under test certain to happen, the tests assert
/// no time.
/// </summary>
public sealed class BackgroundSinkEdgeTests
{
    /// <summary>Real-time guard so a broken test fails instead of hanging; never what a test measures.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static void Row(BackgroundSink sink, int i) =>
        sink.Row(DateTimeOffset.UnixEpoch.AddSeconds(i), PhaseCurrents.Zero, [PhaseCurrents.Zero], [Amps.FromMilliamps(i)]);

    [Fact]
    public async Task A_writer_slower_than_the_replay_gets_every_row_once_it_has_room_again()
    {
        // The writer holds its first row until the producer is about to send batch 10 (rows 4 608..5 119): batch 1
        // is being written and batches 2..9 fill the channel, so the producer waits for room, which the writer then
        // makes; the producer must go on, not wait for the writer to end.
        var produced = 0;
        var inner = new SlowSink(() => Volatile.Read(ref produced) >= 5120);
        var run = Task.Factory.StartNew(
            () =>
            {
                using var sink = new BackgroundSink(inner);
                sink.Begin([0], ["P"]);
                for (var i = 0; i < 6000; i++)
                {
                    Volatile.Write(ref produced, i + 1);
                    Row(sink, i);
                }

                sink.Finish(DateTimeOffset.UnixEpoch.AddSeconds(6000));
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(Guard)));
        await run;
        Assert.Equal(Enumerable.Range(0, 6000).Select(i => (long)i), inner.Points);
    }

    [Fact]
    public async Task Dispose_without_finish_lets_the_writer_end_after_the_rows_sent_and_waits_for_it()
    {
        // Two full batches sent, then Dispose (as when the replay fails): the writer must stop waiting for more and
        // have written both batches when Dispose returns.
        var inner = new SlowSink(() => true);
        var disposed = Task.Factory.StartNew(
            () =>
            {
                var sink = new BackgroundSink(inner);
                sink.Begin([0], ["P"]);
                for (var i = 0; i < 1024; i++)
                {
                    Row(sink, i);
                }

                sink.Dispose();
                return inner.Points.Count;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.Same(disposed, await Task.WhenAny(disposed, Task.Delay(Guard)));
        Assert.Equal(1024, await disposed);
        Assert.False(inner.Finished);
    }

    [Fact]
    public void A_row_of_totals_alone_reaches_the_inner_sink_without_detail_after_a_row_with_it()
    {
        // One network, one point. Row 0 carries its detail (the network draws 5 A on L1, the point is on L1), row 1 only
        // its totals: the writer passes row 0 as it came and row 1 with no network draws and no phases (not row 0's
        // detail, nor a zero one), so the inner sink tells the two kinds apart.
        var inner = new DetailSink();
        using (var sink = new BackgroundSink(inner))
        {
            sink.Begin([0], ["P"]);
            sink.Row(new SiteRow(DateTimeOffset.UnixEpoch, PhaseCurrents.FromWholeAmps(5, 0, 0), PhaseCurrents.Zero, [PhaseCurrents.Uniform(16)], [PhaseCurrents.FromWholeAmps(5, 0, 0)], [Amps.From(5)], [(byte)1]));
            sink.Row(DateTimeOffset.UnixEpoch.AddSeconds(1), PhaseCurrents.FromWholeAmps(5, 0, 0), [PhaseCurrents.Uniform(16)], [Amps.From(5)]);
            sink.Finish(DateTimeOffset.UnixEpoch.AddSeconds(2));
        }

        Assert.Collection(
            inner.Rows,
            first =>
            {
                Assert.True(first.HasDetail);
                Assert.Equal([PhaseCurrents.FromWholeAmps(5, 0, 0)], first.NetworkDraw);
                Assert.Equal([(byte)1], first.Phases);
            },
            second =>
            {
                Assert.False(second.HasDetail);
                Assert.Empty(second.NetworkDraw);
                Assert.Empty(second.Phases);
            });
    }

    /// <summary>Holds its first row until <paramref name="go"/> holds, then a little longer; records every row.</summary>
    private sealed class SlowSink(Func<bool> go) : ITimeSeriesSink
    {
        private readonly List<long> _points = [];

        public IReadOnlyList<long> Points
        {
            get
            {
                lock (_points)
                {
                    return [.. _points];
                }
            }
        }

        public bool Finished { get; private set; }

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
        {
            lock (_points)
            {
                if (_points.Count == 0)
                {
                    Assert.True(SpinWait.SpinUntil(go, Guard), "the producer never got there");
                    Thread.Sleep(200);
                }

                _points.Add(chargePoints[0].Milliamps);
            }
        }

        public void Finish(DateTimeOffset time) => Finished = true;
    }

    /// <summary>Whether each row had its detail, its network draws and its points' phases.</summary>
    private sealed class DetailSink : ITimeSeriesSink
    {
        public List<(bool HasDetail, PhaseCurrents[] NetworkDraw, byte[] Phases)> Rows { get; } = [];

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
            throw new InvalidOperationException("the background writer passes every row whole");

        public void Row(in SiteRow row) => Rows.Add((row.HasDetail, row.NetworkDraw.ToArray(), row.ChargePointPhases.ToArray()));

        public void Finish(DateTimeOffset time)
        {
        }
    }
}
