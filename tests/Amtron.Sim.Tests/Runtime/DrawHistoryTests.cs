using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// The summed draw over the recent past, which a meter poll at an earlier instant reads: against a plain list of every
/// record, for any instant within the horizon (the last record at or before it; the latest of one instant wins).
/// </summary>
public sealed class DrawHistoryTests
{
    [ScaledProperty(300)]
    public Property Any_instant_within_the_horizon_reads_the_draw_that_held_then() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var horizon = random.Next(1, 50);
            var history = new DrawHistory(horizon);
            var all = new List<(long Ticks, PhaseCurrents Draw)>();
            var now = (long)random.Next(0, 10);
            for (var step = 0; step < 200; step++)
            {
                now += random.Next(0, 4) == 0 ? 0 : random.Next(1, 20);
                var draw = PhaseCurrents.FromWholeAmps(random.Next(0, 64), random.Next(0, 64), step);
                history.Record(now, draw);
                all.Add((now, draw));
                for (var probe = 0; probe < 3; probe++)
                {
                    var at = now - random.Next(0, horizon + 1);
                    var expected = all.LastOrDefault(r => r.Ticks <= at).Draw;
                    if (history.At(at) != expected)
                    {
                        return false.Label($"at {at} (now {now}, horizon {horizon}): {history.At(at)} instead of {expected}");
                    }
                }
            }

            return true.ToProperty();
        });

    [Fact]
    public void Before_the_first_record_the_draw_is_zero()
    {
        var history = new DrawHistory(100);
        history.Record(50, PhaseCurrents.Uniform(7));
        Assert.Equal(PhaseCurrents.Zero, history.At(49));
        Assert.Equal(PhaseCurrents.Uniform(7), history.At(50));
    }

    [Fact]
    public void A_long_run_drops_old_entries_and_still_reads_the_recent_past()
    {
        // 20,000 records one tick apart, horizon 100 ticks: far more than are kept (old ones are dropped in bulk).
        var history = new DrawHistory(100);
        for (var t = 0; t < 20_000; t++)
        {
            history.Record(t, PhaseCurrents.FromWholeAmps(t % 97, t % 89, t % 83));
        }

        for (var t = 19_899; t < 20_000; t++)
        {
            Assert.Equal(PhaseCurrents.FromWholeAmps(t % 97, t % 89, t % 83), history.At(t));
        }
    }

    [Theory]
    [InlineData(100, 20_000, 4_197)]
    [InlineData(10_000, 50_000, 20_002)]
    public void A_long_run_stores_at_most_the_horizon_and_the_entries_dropped_since_the_last_bulk_removal(int horizon, int records, int most)
    {
        // One record per tick: the horizon keeps its last horizon + 1 entries (the one at the horizon held there).
        // Entries before them are dropped, and removed in bulk once more than 4 096 are dropped and they are more than
        // half of those stored. So after a record at most max(4 096, horizon + 1) dropped and horizon + 1 kept are
        // stored (one more dropped and the record removes them):
        //   horizon 100:    4 096 + 101 = 4 197
        //   horizon 10 000: 10 001 + 10 001 = 20 002
        // Removing them sooner only costs copying; keeping them would store every record, memory growing with the run.
        var history = new DrawHistory(horizon);
        var stored = 0;
        for (var t = 0; t < records; t++)
        {
            history.Record(t, PhaseCurrents.Uniform(t % 32));
            stored = Math.Max(stored, history.Stored);
        }

        Assert.InRange(stored, horizon + 1, most);
        Assert.Equal(PhaseCurrents.Uniform((records - 1 - horizon) % 32), history.At(records - 1 - horizon));
    }
}
