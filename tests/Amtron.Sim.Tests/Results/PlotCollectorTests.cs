using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Sim.Tests.Results;

public sealed class PlotCollectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_point_held_over_part_of_a_bucket_adds_its_time_weighted_share()
    {
        var collector = new PlotCollector(Start, Start.AddHours(2), buckets: 2);
        collector.Begin([0], ["A"]);
        collector.Row(Start, PhaseCurrents.FromWholeAmps(5, 0, 0), [], [Amps.Zero]);
        collector.Row(Start.AddMinutes(30), PhaseCurrents.FromWholeAmps(20, 0, 0), [], [Amps.From(16)]);
        collector.Row(Start.AddMinutes(90), PhaseCurrents.FromWholeAmps(1, 0, 0), [], [Amps.Zero]);
        collector.Finish(Start.AddHours(2));

        Assert.Equal([8.0, 8.0], collector.ChargePointMean[0]);
        Assert.Equal([20.0, 20.0], collector.SupplyMax[0]);
    }

    [Fact]
    public void A_change_on_a_bucket_boundary_does_not_raise_the_next_bucket_with_the_old_supply()
    {
        var collector = new PlotCollector(Start, Start.AddHours(2), buckets: 2);
        collector.Begin([0], []);
        collector.Row(Start, PhaseCurrents.FromWholeAmps(30, 0, 0), [], []);
        collector.Row(Start.AddHours(1), PhaseCurrents.FromWholeAmps(10, 0, 0), [], []);
        collector.Finish(Start.AddHours(2));

        Assert.Equal([30.0, 10.0], collector.SupplyMax[0]);
    }

    [ScaledProperty(200)]
    public Property Means_and_maxima_equal_integrating_every_row_over_every_bucket() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var buckets = random.Next(1, 9);
            var end = Start.AddHours(random.Next(1, 10));
            var collector = new PlotCollector(Start, end, buckets);
            var points = new Amps[random.Next(1, 5)];
            collector.Begin([0], [.. points.Select((_, i) => $"P{i}")]);
            var rows = new List<(long Ticks, double Supply, double[] Points)>();
            var time = Start.AddTicks(random.Next(0, 1000));
            while (time < end)
            {
                points[random.Next(points.Length)] = Amps.From(random.Next(0, 33));
                var supply = random.Next(0, 100);
                collector.Row(time, PhaseCurrents.FromWholeAmps(supply, 0, 0), [], points);
                rows.Add(((time - Start).Ticks, supply, [.. points.Select(p => p.Value)]));
                time = time.AddTicks(random.Next(3) == 0 ? (end - Start).Ticks / buckets : random.Next(1, 400) * TimeSpan.TicksPerMinute / 10);
            }

            collector.Finish(end);

            // Reference: each row's values over [its time, next row's time), cut at bucket bounds.
            var bucketTicks = Math.Max(1, (end - Start).Ticks / buckets);
            var mean = new double[points.Length, collector.Buckets];
            var max = new double[collector.Buckets];
            for (var r = 0; r < rows.Count; r++)
            {
                var from = rows[r].Ticks;
                var to = r + 1 < rows.Count ? rows[r + 1].Ticks : (end - Start).Ticks;
                while (from < to)
                {
                    var b = (int)Math.Min(collector.Buckets - 1, from / bucketTicks);
                    var bucketEnd = b == collector.Buckets - 1 ? to : Math.Min(to, (b + 1) * bucketTicks);
                    max[b] = Math.Max(max[b], rows[r].Supply);
                    for (var i = 0; i < points.Length; i++)
                    {
                        mean[i, b] += rows[r].Points[i] * ((bucketEnd - from) / (double)bucketTicks);
                    }

                    from = bucketEnd;
                }
            }

            for (var b = 0; b < collector.Buckets; b++)
            {
                if (max[b] != collector.SupplyMax[0][b])
                {
                    return false.Label($"seed {seed}: bucket {b} max {collector.SupplyMax[0][b]} vs {max[b]}");
                }

                for (var i = 0; i < points.Length; i++)
                {
                    if (Math.Abs(mean[i, b] - collector.ChargePointMean[i][b]) > 1e-9)
                    {
                        return false.Label($"seed {seed}: point {i} bucket {b} mean {collector.ChargePointMean[i][b]} vs {mean[i, b]}");
                    }
                }
            }

            return true.ToProperty();
        });
}
