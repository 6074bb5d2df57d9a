using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Sim.Tests.Results;

/// <summary>
/// The time series per fixed interval (`--timeseries 1m`): against a statement of it from all rows — per interval the
/// highest currents and the lowest available current in force at any moment of it, repeated rows left out.
/// </summary>
public sealed class PeakPerIntervalSinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [ScaledProperty(300)]
    public Property Each_interval_keeps_every_peak_and_every_dip() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var interval = TimeSpan.FromSeconds(random.Next(1, 20));
            var rows = new List<Row>();
            var ticks = TimeSpan.FromSeconds(random.Next(0, 5)).Ticks;
            for (var i = random.Next(1, 60); i > 0; i--)
            {
                rows.Add(new Row(Start.AddTicks(ticks), Amps.From(random.Next(0, 4)), Amps.From(random.Next(0, 4)), Amps.From(random.Next(0, 4))));
                ticks += random.Next(0, 3) == 0 ? interval.Ticks * random.Next(1, 4) : TimeSpan.FromSeconds(random.Next(1, 8)).Ticks;
            }

            var recorder = new Recorder();
            var sink = new PeakPerIntervalSink(recorder, Start, interval);
            sink.Begin([1], ["CP1"]);
            foreach (var row in rows)
            {
                sink.Row(row.Time, new PhaseCurrents(row.Supply, row.Supply, row.Supply), [new PhaseCurrents(row.Available, row.Available, row.Available)], [row.Point]);
            }

            sink.Finish(Start.AddTicks(ticks));
            var expected = Expected(rows, interval);
            return recorder.Rows.SequenceEqual(expected).Label($"got {string.Join(" ", recorder.Rows)}; expected {string.Join(" ", expected)}");
        });

    [Fact]
    public void A_one_second_peak_inside_a_minute_is_the_minutes_value()
    {
        var recorder = new Recorder();
        var sink = new PeakPerIntervalSink(recorder, Start, TimeSpan.FromMinutes(1));
        sink.Begin([1], ["CP1"]);
        sink.Row(Start, PhaseCurrents.Uniform(10), [PhaseCurrents.Uniform(32)], [Amps.From(10)]);
        sink.Row(Start.AddSeconds(30), PhaseCurrents.Uniform(40), [PhaseCurrents.Uniform(6)], [Amps.From(40)]);
        sink.Row(Start.AddSeconds(31), PhaseCurrents.Uniform(10), [PhaseCurrents.Uniform(32)], [Amps.From(10)]);
        sink.Row(Start.AddMinutes(5), PhaseCurrents.Uniform(10), [PhaseCurrents.Uniform(32)], [Amps.From(10)]);
        sink.Finish(Start.AddMinutes(6));

        // 00:00: peak 40 A, dip to 6 A; 00:01–00:05: 10 A and 32 A (one row: the rest repeat it).
        Assert.Equal([new Row(Start, Amps.From(40), Amps.From(6), Amps.From(40)), new Row(Start.AddMinutes(1), Amps.From(10), Amps.From(32), Amps.From(10))], recorder.Rows);
    }

    private static List<Row> Expected(List<Row> rows, TimeSpan interval)
    {
        var result = new List<Row>();
        var first = (rows[0].Time - Start).Ticks / interval.Ticks;
        var last = (rows[^1].Time - Start).Ticks / interval.Ticks;
        for (var k = first; k <= last; k++)
        {
            var from = Start.AddTicks(k * interval.Ticks);
            var to = from + interval;
            var inForce = rows.Where(r => r.Time <= from).TakeLast(1).Concat(rows.Where(r => r.Time > from && r.Time < to)).ToList();
            var row = new Row(from, inForce.Max(r => r.Supply), inForce.Min(r => r.Available), inForce.Max(r => r.Point));
            if (result.Count == 0 || result[^1] with { Time = from } != row)
            {
                result.Add(row);
            }
        }

        return result;
    }

    private sealed record Row(DateTimeOffset Time, Amps Supply, Amps Available, Amps Point);

    private sealed class Recorder : ITimeSeriesSink
    {
        public List<Row> Rows { get; } = [];

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
            Rows.Add(new Row(time, supply.L1, available[0].L1, chargePoints[0]));

        public void Finish(DateTimeOffset time)
        {
        }
    }
}
