using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Site.Tests.Model;

public sealed class HouseholdLoadTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HouseholdLoad.Settings Flats = new(20, 20, Amps.From(4), Amps.From(16), TimeSpan.FromMinutes(20), Amps.FromDouble(0.5));

    private static TimeSeriesLoad Generate(ulong seed, int days = 30) =>
        HouseholdLoad.Generate("flats", Flats, Start, Start.AddDays(days), new RandomStreams(seed).Stream("household:flats"));

    [Fact]
    public void The_same_seed_gives_the_same_load()
    {
        var a = Generate(1);
        var b = Generate(1);
        for (var t = Start; t < Start.AddDays(2); t = t.AddMinutes(7))
        {
            Assert.Equal(a.At(t), b.At(t));
        }

        Assert.NotEqual(Enumerable.Range(0, 200).Select(i => a.At(Start.AddMinutes(i * 7))), Enumerable.Range(0, 200).Select(i => Generate(2).At(Start.AddMinutes(i * 7))));
    }

    [Fact]
    public void The_load_is_never_negative_and_its_mean_matches_the_settings()
    {
        var load = Generate(3);
        double sum = 0;
        var samples = 0;
        for (var t = Start; t < Start.AddDays(30); t = t.AddMinutes(1))
        {
            var now = load.At(t);
            Assert.False(now.AnyNegative);
            sum += now.L1.Value + now.L2.Value + now.L3.Value;
            samples++;
        }

        // Expected total: base 20 x 0.5 A + 20 households x 20 appliances/day x ~4 A x 20 min / 24 h (the clamp to
        // 0.5..16 A shifts the mean a little), about 10 + 22 = 32 A.
        var mean = sum / samples;
        Assert.InRange(mean, 26, 38);
    }

    [Fact]
    public void Evenings_are_busier_than_nights()
    {
        var load = Generate(4);
        double night = 0, evening = 0;
        for (var day = 0; day < 30; day++)
        {
            for (var minute = 0; minute < 60; minute++)
            {
                var n = load.At(Start.AddDays(day).AddHours(3).AddMinutes(minute));
                var e = load.At(Start.AddDays(day).AddHours(18).AddMinutes(minute));
                night += n.L1.Value + n.L2.Value + n.L3.Value;
                evening += e.L1.Value + e.L2.Value + e.L3.Value;
            }
        }

        Assert.True(evening > night * 2, $"evening {evening} vs night {night}");
    }
}
