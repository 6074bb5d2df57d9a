using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>
/// The plot's samples (docs/grid.md): an episode's start, each stretch end that moved a figure by 0.002 (the episode's
/// end always), the cooling every τ/4 down to 0.002 and then 0, all worked by hand on a 63 A gG link.
/// </summary>
public class TripDamagePlotTests
{
    private static readonly TimeSpan Tau = TripDamage.CoolingTimeConstant;

    private static readonly TimeSpan Quarter = Tau / 4;

    // The fastest 63 A link: straight from (78.75 A, 3600 s) to (160 A, 10 s) on log-log axes.
    private static double Worst(double amps) => 3600 * Math.Pow(amps / 78.75, Math.Log(10.0 / 3600) / Math.Log(160 / 78.75));

    // NH-1-63 between (100 A, 4000 s) and (200 A, 100 s).
    private static double Typical(double amps) => 4000 * Math.Pow(amps / 100, Math.Log(100.0 / 4000) / Math.Log(2));

    // 120 A on L1 alone for 30 s: Dw = 30 / t_w(120 A) = 30 / 109.0, Dt = 30 / t_t(120 A) = 30 / 1515.9 (L2 and L3
    // none: the plot shows the largest phase). Cooling τ/4 = 150 s: both × e^(−1/4), the point at 180 s ends the
    // interval and is drawn. 120 A again from 180 s for 30 s starts an episode at the cooled figures and, still open,
    // ends at 210 s at Dw·(e^(−1/4) + 1).
    [Fact]
    public void The_plot_follows_the_largest_phase_through_an_episode_a_cooling_and_the_next()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        var l1 = PhaseCurrents.FromWholeAmps(120, 0, 0);
        var (dw, dt, cooled) = (30 / Worst(120), 30 / Typical(120), Math.Exp(-0.25));

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), l1);
        damage.Advance(TimeSpan.FromSeconds(30), Quarter, PhaseCurrents.Zero);
        damage.Advance(TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(30), l1);

        var samples = damage.Samples;
        Assert.Equal(5, samples.Count);
        Assert.Equal(new DamageSample(TimeSpan.Zero, 0, 0), samples[0]);
        AssertSample(TimeSpan.FromSeconds(30), dw, dt, samples[1]);
        AssertSample(TimeSpan.FromSeconds(180), dw * cooled, dt * cooled, samples[2]);
        AssertSample(TimeSpan.FromSeconds(180), dw * cooled, dt * cooled, samples[3]);
        AssertSample(TimeSpan.FromSeconds(210), dw * (cooled + 1), dt * (cooled + 1), samples[4]);
    }

    // 80 A for 2 s: t_w(80 A) = 3600 · (80/78.75)^−8.3032 = 3158.7 s, Dw = 0.00063 (a typical link does not melt
    // below its first point, 100 A: Dt = 0). Less than the plot's 0.002, and yet the open episode ends at 2 s on the
    // plot, and so does the closed one; its cooling's first point, 0.00063 · e^(−1/4), is below 0.002: 0.
    [Fact]
    public void An_episode_ends_on_the_plot_however_little_it_moved()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        var dw = 2 / Worst(80);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(2), PhaseCurrents.Uniform(80));
        Assert.Equal(2, damage.Samples.Count);
        AssertSample(TimeSpan.FromSeconds(2), dw, 0, damage.Samples[1]);

        damage.Advance(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), PhaseCurrents.Uniform(40));
        var samples = damage.Samples;
        Assert.Equal(3, samples.Count);
        AssertSample(TimeSpan.FromSeconds(2), dw, 0, samples[1]);
        Assert.Equal(new DamageSample(TimeSpan.FromSeconds(2) + Quarter, 0, 0), samples[2]);
    }

    // 120 A for 30 s (Dw = 0.275: kept, it moved from the start's 0), then 121 A for 0.1 s: 0.1 / t_w(121 A) =
    // 0.1 / 101.7 = 0.00098 more, and less on the typical curve: under 0.002 from the last point kept, so that stretch's
    // end is not drawn; the open episode ends at 60.1 s.
    [Fact]
    public void A_stretch_end_that_moved_less_than_the_resolution_is_not_drawn()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));
        damage.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(0.1), PhaseCurrents.Uniform(121));
        damage.Advance(TimeSpan.FromSeconds(30.1), TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60.1)],
            damage.Samples.Select(s => s.At));
        Assert.Equal((60 / Worst(120)) + (0.1 / Worst(121)), damage.Samples[^1].Worst, 12);
    }

    // A 16 A C breaker at 40.8 A = 2.55·In, its fastest curve's calibration point: 1 s, so 2 ms adds exactly 0.002, the
    // plot's resolution: that stretch's end is drawn (a move of 0.002 is enough).
    [Fact]
    public void A_stretch_end_that_moved_exactly_the_resolution_is_drawn()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.McbC, 16));
        var calibration = PhaseCurrents.FromDoubles(40.8, 0, 0);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromMilliseconds(2), calibration);
        damage.Advance(TimeSpan.FromMilliseconds(2), TimeSpan.FromSeconds(1), PhaseCurrents.FromWholeAmps(48, 0, 0));

        var samples = damage.Samples;
        Assert.Equal(3, samples.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(2), samples[1].At);
        Assert.Equal(0.002, samples[1].Worst);
    }

    // A cooling cut into intervals and stretches of different currents below the non-tripping one is drawn as one: 120 A
    // for 30 s (Dw = 0.27525), then 40 A for 5 min, 30 A for 5 min (each a whole number of τ/4) and 40 A for a day:
    // points every τ/4 from 30 s, Dw · e^(−k/4), until 0.27525 · e^(−k/4) < 0.002 from k = 20, drawn as 0.
    [Fact]
    public void A_cooling_cut_into_intervals_is_drawn_as_one()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        var dw = 30 / Worst(120);
        var start = TimeSpan.FromSeconds(30);

        damage.Advance(TimeSpan.Zero, start, PhaseCurrents.Uniform(120));
        damage.Advance(start, TimeSpan.FromMinutes(5), PhaseCurrents.Uniform(40));
        damage.Advance(start + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), PhaseCurrents.Uniform(30));
        damage.Advance(start + TimeSpan.FromMinutes(10), TimeSpan.FromDays(1), PhaseCurrents.Uniform(40));

        var cooling = damage.Samples.Skip(2).ToList();
        Assert.Equal(20, cooling.Count);
        for (var k = 1; k < 20; k++)
        {
            Assert.Equal(start + (k * Quarter), cooling[k - 1].At);
            Assert.Equal(dw * Math.Exp(-k / 4.0), cooling[k - 1].Worst, 12);
        }

        Assert.Equal(new DamageSample(start + (20 * Quarter), 0, 0), cooling[^1]);
    }

    // A day after an episode its damage, 0.275 · e^(−144), is none: the next episode starts from 0 on the plot.
    [Fact]
    public void After_a_long_cooling_the_next_episode_starts_from_nothing()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        var next = TimeSpan.FromSeconds(30) + TimeSpan.FromDays(1);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));
        damage.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromDays(1), PhaseCurrents.Uniform(40));
        var drawn = damage.Samples.Count;
        damage.Advance(next, TimeSpan.FromSeconds(1), PhaseCurrents.Uniform(120));

        Assert.Equal(new DamageSample(next, 0, 0), damage.Samples[drawn]);
    }

    // A 20 A B breaker's non-tripping current is 1.13 · 20 = 22.6 A. L1 at exactly 22.6 A after an overload is no
    // overload: the damage cools (to none in a day), it does not grow.
    [Fact]
    public void A_phase_at_exactly_the_non_tripping_current_cools()
    {
        var breaker = Devices.Of(DeviceKind.McbB, 20);
        var damage = new TripDamage(breaker);
        var next = TimeSpan.FromSeconds(10) + TimeSpan.FromDays(1);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(10), PhaseCurrents.FromWholeAmps(30, 0, 0));
        damage.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromDays(1), new PhaseCurrents(breaker.NonTripCurrent, Amps.Zero, Amps.Zero));
        var drawn = damage.Samples.Count;
        damage.Advance(next, TimeSpan.FromSeconds(1), PhaseCurrents.FromWholeAmps(30, 0, 0));

        Assert.Equal(Amps.FromDouble(22.6), breaker.NonTripCurrent);
        Assert.Equal(new DamageSample(next, 0, 0), damage.Samples[drawn]);
    }

    private static void AssertSample(TimeSpan at, double worst, double typical, DamageSample sample)
    {
        Assert.Equal(at, sample.At);
        Assert.Equal(worst, sample.Worst, 12);
        Assert.Equal(typical, sample.Typical, 12);
    }
}
