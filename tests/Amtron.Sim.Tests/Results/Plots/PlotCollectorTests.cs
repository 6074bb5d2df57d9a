using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Results.Plots;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Sim.Tests.Results.Plots;

public sealed class PlotCollectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static SiteSpec Site(TimeSpan duration, params NetworkSpec[] networks) => new(Start, duration, 1) { Networks = networks };

    private static NetworkSpec Network(int id, DlmSettings settings) =>
        new(id, settings, new DlmControllerOptions(), []);

    private static void Row(PlotCollector collector, TimeSpan at, PhaseCurrents supply, PhaseCurrents external, PhaseCurrents[] available, PhaseCurrents[] draw, Amps[] points, byte[] phases) =>
        collector.Row(new SiteRow(Start + at, supply, external, available, draw, points, phases));

    [Fact]
    public void A_point_held_over_part_of_a_bucket_adds_its_time_weighted_share_on_its_own_phases()
    {
        // 2 h in buckets of 1 h. A 1-phase point on L2 at 16 A from 0:30 to 1:30: half of each hour, 8 A mean on L2 only.
        var collector = new PlotCollector(Site(TimeSpan.FromHours(2)), buckets: 2);
        collector.Begin([], ["A"]);
        Row(collector, TimeSpan.Zero, PhaseCurrents.FromWholeAmps(5, 0, 0), default, [], [], [Amps.Zero], [0b010]);
        Row(collector, TimeSpan.FromMinutes(30), PhaseCurrents.FromWholeAmps(20, 0, 0), default, [], [], [Amps.From(16)], [0b010]);
        Row(collector, TimeSpan.FromMinutes(90), PhaseCurrents.FromWholeAmps(1, 0, 0), default, [], [], [Amps.Zero], [0b010]);
        collector.Finish(Start.AddHours(2));

        Assert.Equal(TimeSpan.FromHours(1), collector.BucketLength);
        Assert.Equal([0.0, 0.0], collector.ChargePointMean[0][0]);
        Assert.Equal([8.0, 8.0], collector.ChargePointMean[0][1]);
        Assert.Equal([0.0, 0.0], collector.ChargePointMean[0][2]);
        Assert.Equal([20.0, 20.0], collector.SupplyMax[0]);
    }

    [Fact]
    public void A_change_on_a_bucket_boundary_does_not_raise_the_next_bucket_with_the_old_supply()
    {
        var collector = new PlotCollector(Site(TimeSpan.FromHours(2)), buckets: 2);
        collector.Begin([], []);
        Row(collector, TimeSpan.Zero, PhaseCurrents.FromWholeAmps(30, 0, 0), default, [], [], [], []);
        Row(collector, TimeSpan.FromHours(1), PhaseCurrents.FromWholeAmps(10, 0, 0), default, [], [], [], []);
        collector.Finish(Start.AddHours(2));

        Assert.Equal([30.0, 10.0], collector.SupplyMax[0]);
    }

    [Theory]
    [InlineData(24 * 3600, 800, 120)] // a day: 108 s would do, 2 min is the next round length (720 buckets)
    [InlineData(365 * 24 * 3600, 800, 43200)] // a year: 11 h would do, 12 h (730 buckets)
    [InlineData(3600, 2, 1800)]
    [InlineData(7200, 3, 3600)] // 40 min would do: 1 h, so 2 buckets
    public void Buckets_have_a_round_length_at_or_above_the_period_over_the_count(int seconds, int buckets, int expectedSeconds)
    {
        var collector = new PlotCollector(Site(TimeSpan.FromSeconds(seconds)), buckets);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), collector.BucketLength);
        Assert.Equal((int)Math.Ceiling(seconds / (double)expectedSeconds), collector.Buckets);
    }

    [Fact]
    public void A_short_last_bucket_averages_over_its_own_length()
    {
        // 90 min in buckets of 1 h: the last bucket is 30 min long; 10 A held through it is a mean of 10 A, not 5 A.
        var collector = new PlotCollector(Site(TimeSpan.FromMinutes(90)), buckets: 2);
        collector.Begin([], ["A"]);
        Row(collector, TimeSpan.Zero, PhaseCurrents.Zero, default, [], [], [Amps.From(10)], [0b111]);
        collector.Finish(Start.AddMinutes(90));

        Assert.Equal([10.0, 10.0], collector.ChargePointMean[0][0]);
    }

    [Fact]
    public void Network_draws_peak_and_available_current_dips_per_bucket()
    {
        // One network, 2 h in 1 h buckets: draw 10 A then 40 A at 0:45 then 5 A at 1:10; available 50 A, 20 A for
        // 0:50..0:55, back to 50 A: the dip stays visible in the first hour, the second hour keeps 50 A throughout.
        var collector = new PlotCollector(Site(TimeSpan.FromHours(2), Network(0, new DlmSettings(PhaseCurrents.Uniform(63)))), buckets: 2);
        collector.Begin([0], []);
        var a50 = PhaseCurrents.Uniform(50);
        Row(collector, TimeSpan.Zero, default, default, [a50], [PhaseCurrents.FromWholeAmps(10, 0, 0)], [], []);
        Row(collector, TimeSpan.FromMinutes(45), default, default, [a50], [PhaseCurrents.FromWholeAmps(40, 0, 0)], [], []);
        Row(collector, TimeSpan.FromMinutes(50), default, default, [PhaseCurrents.Uniform(20)], [PhaseCurrents.FromWholeAmps(40, 0, 0)], [], []);
        Row(collector, TimeSpan.FromMinutes(55), default, default, [a50], [PhaseCurrents.FromWholeAmps(40, 0, 0)], [], []);
        Row(collector, TimeSpan.FromMinutes(70), default, default, [a50], [PhaseCurrents.FromWholeAmps(5, 0, 0)], [], []);
        collector.Finish(Start.AddHours(2));

        Assert.Equal([40.0, 40.0], collector.NetworkDrawMax[0][0]); // 40 A lasts into the second hour until 1:10
        Assert.Equal([0.0, 0.0], collector.NetworkDrawMax[0][1]);
        Assert.Equal([20.0, 50.0], collector.AvailableMin[0][2]);
    }

    [Fact]
    public void The_spread_is_measured_where_the_imbalance_rule_is()
    {
        // Network 0 without a meter: its own draw (L1 20, L2 0, L3 0 → 20 A), allowed 16 A.
        // Network 1 with a meter: draw + external (20+3, 0+9, 0+1 → 22 A), allowed max(16, external spread 8) = 16 A;
        // then the external load alone spreads 30 A: allowed 30 A.
        var plain = new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(16) };
        var metered = plain with { ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)) };
        var collector = new PlotCollector(Site(TimeSpan.FromHours(2), Network(0, plain), Network(1, metered)), buckets: 2);
        collector.Begin([0, 1], []);
        var draw = PhaseCurrents.FromWholeAmps(20, 0, 0);
        Row(collector, TimeSpan.Zero, default, PhaseCurrents.FromWholeAmps(3, 9, 1), [default, default], [draw, draw], [], []);
        Row(collector, TimeSpan.FromHours(1), default, PhaseCurrents.FromWholeAmps(30, 0, 0), [default, default], [PhaseCurrents.Zero, PhaseCurrents.Zero], [], []);
        collector.Finish(Start.AddHours(2));

        Assert.Equal([20.0, 0.0], collector.SpreadMax[0]);
        Assert.Equal([16.0, 16.0], collector.AllowedSpreadMin[0]);
        Assert.Equal([22.0, 30.0], collector.SpreadMax[1]);
        Assert.Equal([16.0, 30.0], collector.AllowedSpreadMin[1]);
    }

    [Fact]
    public void Rows_of_totals_alone_count_every_point_on_all_phases()
    {
        var collector = new PlotCollector(Site(TimeSpan.FromHours(1)), buckets: 1);
        collector.Begin([], ["A"]);
        collector.Row(Start, PhaseCurrents.Zero, [], [Amps.From(6)]);
        collector.Finish(Start.AddHours(1));

        Assert.All(collector.ChargePointMean[0], phase => Assert.Equal([6.0], phase));
    }

    [ScaledProperty(200)]
    public Property Peaks_dips_and_means_equal_integrating_every_row_over_every_bucket() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var buckets = random.Next(1, 9);
            var duration = TimeSpan.FromMinutes(random.Next(10, 600));
            var networks = random.Next(0, 3);
            var collector = new PlotCollector(Site(duration, [.. Enumerable.Range(0, networks).Select(n => Network(n, new DlmSettings(PhaseCurrents.Uniform(63))))]), buckets);
            var points = new Amps[random.Next(1, 5)];
            var phases = new byte[points.Length];
            var draw = new PhaseCurrents[networks];
            var available = new PhaseCurrents[networks];
            collector.Begin([.. Enumerable.Range(0, networks)], [.. points.Select((_, i) => $"P{i}")]);
            var rows = new List<(long Ticks, double Supply, double[] Points, byte[] Phases, double[] Draw, double[] Available)>();
            var time = TimeSpan.FromTicks(random.Next(0, 1000));
            while (time < duration)
            {
                var changed = random.Next(points.Length);
                points[changed] = Amps.From(random.Next(0, 33));
                phases[changed] = (byte)random.Next(1, 8);
                for (var n = 0; n < networks; n++)
                {
                    draw[n] = PhaseCurrents.FromWholeAmps(random.Next(0, 64), 0, 0);
                    available[n] = PhaseCurrents.FromWholeAmps(random.Next(0, 64), 0, 0);
                }

                var supply = random.Next(0, 100);
                Row(collector, time, PhaseCurrents.FromWholeAmps(supply, 0, 0), default, available, draw, points, phases);
                rows.Add((time.Ticks, supply, [.. points.Select(p => p.Value)], [.. phases], [.. draw.Select(d => d.L1.Value)], [.. available.Select(a => a.L1.Value)]));
                time += TimeSpan.FromTicks(random.Next(3) == 0 ? collector.BucketLength.Ticks : random.Next(1, 400) * TimeSpan.TicksPerMinute / 10);
            }

            collector.Finish(Start + duration);

            // Reference: each row's values over [its time, next row's time), cut at bucket bounds.
            var bucket = collector.BucketLength.Ticks;
            var mean = new double[points.Length, 3, collector.Buckets];
            var max = new double[collector.Buckets];
            var drawMax = new double[networks, collector.Buckets];
            var availableMin = new double[networks, collector.Buckets];
            for (var n = 0; n < networks; n++)
            {
                for (var b = 0; b < collector.Buckets; b++)
                {
                    availableMin[n, b] = double.MaxValue;
                }
            }

            for (var r = 0; r < rows.Count; r++)
            {
                var from = rows[r].Ticks;
                var to = r + 1 < rows.Count ? rows[r + 1].Ticks : duration.Ticks;
                while (from < to)
                {
                    var b = (int)(from / bucket);
                    var bucketEnd = Math.Min(to, (b + 1) * bucket);
                    var length = Math.Min(bucket, duration.Ticks - (b * bucket));
                    max[b] = Math.Max(max[b], rows[r].Supply);
                    for (var n = 0; n < networks; n++)
                    {
                        drawMax[n, b] = Math.Max(drawMax[n, b], rows[r].Draw[n]);
                        availableMin[n, b] = Math.Min(availableMin[n, b], rows[r].Available[n]);
                    }

                    for (var i = 0; i < points.Length; i++)
                    {
                        for (var p = 0; p < 3; p++)
                        {
                            mean[i, p, b] += (rows[r].Phases[i] & (1 << p)) != 0 ? rows[r].Points[i] * ((bucketEnd - from) / (double)length) : 0;
                        }
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

                for (var n = 0; n < networks; n++)
                {
                    if (drawMax[n, b] != collector.NetworkDrawMax[n][0][b] || availableMin[n, b] != collector.AvailableMin[n][0][b])
                    {
                        return false.Label($"seed {seed}: network {n} bucket {b}");
                    }
                }

                for (var i = 0; i < points.Length; i++)
                {
                    for (var p = 0; p < 3; p++)
                    {
                        if (Math.Abs(mean[i, p, b] - collector.ChargePointMean[i][p][b]) > 1e-9)
                        {
                            return false.Label($"seed {seed}: point {i} phase {p} bucket {b} mean {collector.ChargePointMean[i][p][b]} vs {mean[i, p, b]}");
                        }
                    }
                }
            }

            return true.ToProperty();
        });
}
