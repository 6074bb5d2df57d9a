using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Sim.Tests.Results;

public sealed class CsvTimeSeriesWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_row_per_changed_instant_with_supply_available_and_point_currents()
    {
        var points = new[] { new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation) };
        var site = new SiteSpec(Start, TimeSpan.FromHours(1), 1)
        {
            ExternalLoads = [new ConstantLoad("house", PhaseCurrents.FromWholeAmps(3, 2, 1))],
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(20)), new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)])],
            Vehicles = [new VehicleSpec("V1", "CP1", Start.AddMinutes(10), Start.AddMinutes(40), 100) { MaxCurrent = Amps.From(32) }],
        };
        using var text = new StringWriter();
        new SiteSimulation(site, new CsvTimeSeriesWriter(text)).Run();
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "time,supplyL1A,supplyL2A,supplyL3A,network0AvailableL1A,network0AvailableL2A,network0AvailableL3A,CP1A",
                "2026-06-01T00:00:00Z,3,2,1,0,0,0,0",
                "2026-06-01T00:10:00Z,3,2,1,20,20,20,0",
                "2026-06-01T00:10:03Z,23,22,21,20,20,20,20",
                "2026-06-01T00:40:00Z,3,2,1,20,20,20,0",
            ],
            lines);
    }

    [ScaledProperty(2000)]
    public Property Numbers_are_written_as_decimal_0_hash_hash_hash_and_times_to_the_tick() =>
        Prop.ForAll(Gen.Choose(-2_000_000, 2_000_000).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (milliamps, ticks) =>
        {
            using var text = new StringWriter();
            var writer = new CsvTimeSeriesWriter(text);
            var time = Start.AddTicks(ticks * 997L);
            var amps = Amps.FromMilliamps(milliamps);
            writer.Row(time, new PhaseCurrents(amps, Amps.Zero, amps), [], [amps]);
            var number = (milliamps / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
            var expected = $"{time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture)},{number},0,{number},{number}\n";
            return (text.ToString() == expected).Label($"{text} vs {expected}");
        });

    [ScaledProperty(300)]
    public Property Rows_that_repeat_most_values_read_as_if_each_were_formatted_anew() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            // Rows change a few columns at a time (as in a real run) and the time column changes length; the text
            // must equal formatting every value of every row from scratch.
            var random = new Random(seed);
            var networks = random.Next(0, 3);
            var points = new Amps[random.Next(0, 12)];
            var available = new PhaseCurrents[networks];
            var supply = PhaseCurrents.Zero;
            using var text = new StringWriter();
            var writer = new CsvTimeSeriesWriter(text);
            var expected = new System.Text.StringBuilder();
            var time = Start;
            for (var row = 0; row < 40; row++)
            {
                Amps Next() => Amps.FromMilliamps(random.Next(4) == 0 ? 0 : random.Next(-40_000, 40_000));
                for (var change = random.Next(0, 4); change > 0; change--)
                {
                    var column = random.Next(3 + (3 * networks) + points.Length);
                    if (column < 3)
                    {
                        supply = new PhaseCurrents(column == 0 ? Next() : supply.L1, column == 1 ? Next() : supply.L2, column == 2 ? Next() : supply.L3);
                    }
                    else if (column < 3 + (3 * networks))
                    {
                        var value = Next();
                        available[(column - 3) / 3] = new PhaseCurrents(value, value, value);
                    }
                    else
                    {
                        points[column - 3 - (3 * networks)] = Next();
                    }
                }

                time = time.AddTicks(random.Next(2) == 0 ? TimeSpan.TicksPerSecond * random.Next(1, 100) : random.Next(1, 10_000_000));
                writer.Row(time, supply, available, points);
                expected.Append(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
                foreach (var value in new[] { supply.L1, supply.L2, supply.L3 }.Concat(available.SelectMany(a => new[] { a.L1, a.L2, a.L3 })).Concat(points))
                {
                    expected.Append(',').Append((value.Milliamps / 1000m).ToString("0.###", CultureInfo.InvariantCulture));
                }

                expected.Append('\n');
            }

            return (text.ToString() == expected.ToString()).Label($"seed {seed}");
        });
}
