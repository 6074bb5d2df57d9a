using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>Miner's rule with a thermal memory, worked by hand (docs/grid.md).</summary>
public class TripDamageTests
{
    private static readonly TimeSpan Tau = TripDamage.CoolingTimeConstant;

    // A constant overload for Δt: D = Δt / t_curve(I). The research file's worked example: a 63 A gG link carrying
    // 120 A for 30 s; the fastest link opens after 3600 · (120/78.75)^-8.3032 = 109.0 s there, so D = 0.275 ("0.28").
    [Fact]
    public void A_constant_overload_adds_its_time_over_the_time_to_trip()
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, 63);
        var damage = new TripDamage(fuse);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), new PhaseCurrents(Amps.From(120), Amps.From(50), Amps.From(50)));

        Assert.Equal(30 / fuse.Seconds(120, CurveEdge.Worst), damage.MaxWorst, 8);
        Assert.InRange(damage.MaxWorst, 0.27, 0.28);
        // NH-1-63 typical: 120 A lies between (100 A, 4000 s) and (200 A, 100 s): t = 4000 · 1.2^(ln(1/40)/ln 2) = 1,515.9 s.
        Assert.Equal(30 / 1515.9, damage.MaxTypical, 5);
        Assert.False(damage.TripPossible);
        Assert.Equal(TimeSpan.FromSeconds(30), damage.AboveNonTrip);
    }

    // The research file's 35 A rows: 60 A for 30 s gives D 0.16 against the fastest link, 70 A for 30 s 0.68, with
    // Imin(10 s) rounded to 82 A. With the interpolated 82.469 A the line from (43.75 A, 3600 s) has slope
    // ln(1/360)/ln(82.469/43.75) = -9.2851: 60 A → 3600 · 1.3714^-9.2851 = 191.7 s (D 0.1565), 70 A → 45.82 s (D 0.6548).
    [Theory]
    [InlineData(60, 0.1565)]
    [InlineData(70, 0.6548)]
    public void The_research_files_worked_examples_hold(long amps, double expected)
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 35));

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(amps));

        Assert.Equal(expected, damage.MaxWorst, 4);
    }

    // Split into pieces, the same overload gives the same damage: the figure is exact between events.
    [Fact]
    public void Damage_does_not_depend_on_how_an_interval_is_cut()
    {
        var fuse = Devices.Of(DeviceKind.McbC, 32);
        var whole = new TripDamage(fuse);
        var pieces = new TripDamage(fuse);
        var current = PhaseCurrents.FromWholeAmps(45, 0, 0);

        whole.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(40), current);
        for (var s = 0; s < 40; s += 4)
        {
            pieces.Advance(TimeSpan.FromSeconds(s), TimeSpan.FromSeconds(4), current);
        }

        Assert.Equal(whole.MaxWorst, pieces.MaxWorst);
        Assert.Equal(whole.MaxTypical, pieces.MaxTypical);
        Assert.Equal(whole.Samples, pieces.Samples);
    }

    // Below the non-tripping current the damage halves in τ·ln 2; at it, it does not grow.
    [Fact]
    public void Damage_cools_exponentially_below_the_non_tripping_current()
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, 63);
        var damage = new TripDamage(fuse);
        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));
        var peak = damage.MaxWorst;

        damage.Advance(TimeSpan.FromSeconds(30), Tau * Math.Log(2), new PhaseCurrents(fuse.NonTripCurrent, Amps.Zero, Amps.Zero));
        damage.Advance(TimeSpan.FromSeconds(30) + (Tau * Math.Log(2)), TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));

        Assert.Equal(1.5 * peak, damage.MaxWorst, 9);
        Assert.Equal(TimeSpan.FromSeconds(60), damage.AboveNonTrip);
    }

    // D ≥ 1: a link as fast as the standard allows would have opened: 130 A on a 63 A link for t_worst(130 A) seconds.
    [Fact]
    public void Damage_of_one_is_a_possible_trip_and_typical_damage_of_one_an_expected_one()
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, 63);
        var damage = new TripDamage(fuse);
        var worstTime = fuse.TimeToTrip(Amps.From(130), CurveEdge.Worst)!.Value;

        damage.Advance(TimeSpan.Zero, worstTime + TimeSpan.FromMilliseconds(1), PhaseCurrents.Uniform(130));
        Assert.True(damage.TripPossible);
        Assert.False(damage.TripExpected);
        Assert.InRange(damage.MaxWorst, 1, 1.0001);

        damage.Advance(worstTime, fuse.TimeToTrip(Amps.From(130), CurveEdge.Typical)!.Value + TimeSpan.FromMilliseconds(1), PhaseCurrents.Uniform(130));
        Assert.True(damage.TripExpected);
    }

    // The worst episode is the one that brought the maximum, not the longest: a long mild one first, then a short hard
    // one that goes higher; its start, length, peak and phase.
    [Fact]
    public void The_worst_episode_is_the_one_that_reached_the_maximum()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(120), PhaseCurrents.Uniform(85));
        damage.Advance(TimeSpan.FromSeconds(120), TimeSpan.FromHours(3), PhaseCurrents.Uniform(40));
        var hardStart = TimeSpan.FromSeconds(120) + TimeSpan.FromHours(3);
        damage.Advance(hardStart, TimeSpan.FromSeconds(10), PhaseCurrents.FromWholeAmps(100, 120, 90));
        damage.Advance(hardStart + TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), PhaseCurrents.FromWholeAmps(140, 90, 90));
        damage.Advance(hardStart + TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(5), PhaseCurrents.Uniform(40));

        Assert.Equal(new OverloadEpisode(hardStart, TimeSpan.FromSeconds(15), Amps.From(140), 0), damage.WorstEpisode);
        Assert.Equal(hardStart + TimeSpan.FromSeconds(15), damage.MaxWorstAt);
        Assert.Equal(TimeSpan.FromSeconds(135), damage.AboveNonTrip);
    }

    [Fact]
    public void A_run_within_the_non_tripping_current_has_no_damage_and_no_episode()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.SlsE, 35));

        damage.Advance(TimeSpan.Zero, TimeSpan.FromHours(5), PhaseCurrents.FromDoubles(36.75, 36.75, 0));

        Assert.Equal(0, damage.MaxWorst);
        Assert.Null(damage.WorstEpisode);
        Assert.Empty(damage.Samples);
    }

    // The plot's samples start before an episode, follow it, and cool down to zero.
    [Fact]
    public void The_samples_follow_the_damage_for_a_plot()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        damage.Advance(TimeSpan.Zero, TimeSpan.FromMinutes(1), PhaseCurrents.Uniform(50));
        damage.Advance(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));
        damage.Advance(TimeSpan.FromSeconds(90), TimeSpan.FromDays(1), PhaseCurrents.Uniform(50));

        var samples = damage.Samples;
        Assert.Equal(new DamageSample(TimeSpan.FromMinutes(1), 0, 0), samples[0]);
        Assert.Equal(damage.MaxWorst, samples[1].Worst, 12);
        Assert.Equal(TimeSpan.FromSeconds(90), samples[1].At);
        Assert.Equal(damage.MaxWorst * Math.Exp(-0.25), samples[2].Worst, 12);
        // Cooling is drawn every τ/4 until below the plot's resolution, 0.002: 0.27525 · exp(-k/4) < 0.002 from k = 20.
        Assert.Equal(new DamageSample(TimeSpan.FromSeconds(90) + (20 * Tau / 4), 0, 0), samples[^1]);
        Assert.Equal(1 + 1 + 19 + 1, samples.Count); // the start, the end, 19 cooling points, the zero
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First.At < p.Second.At && p.Second.Worst <= p.First.Worst || p.First.At == TimeSpan.FromMinutes(1)));
    }

    // An episode still going holds the maximum: 120 A on L1 (50 A on the others) for 30 s from the start.
    [Fact]
    public void An_open_episode_is_the_worst_one_while_it_lasts()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), new PhaseCurrents(Amps.From(120), Amps.From(50), Amps.From(50)));

        Assert.Equal(new OverloadEpisode(TimeSpan.Zero, TimeSpan.FromSeconds(30), Amps.From(120), 0), damage.WorstEpisode);
    }

    // A 16 A C breaker at 40.8 A = 2.55·In: the fastest curve takes 1 s there (its calibration), a typical one 30 s. After
    // 1 s the worst damage is 1 / 1 = 1 exactly: a possible trip; after 30 s the typical one is 30 / 30 = 1: an expected one.
    [Fact]
    public void A_damage_of_exactly_one_is_a_trip()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.McbC, 16));
        var calibration = PhaseCurrents.FromDoubles(40.8, 0, 0);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(1), calibration);
        Assert.Equal(1, damage.MaxWorst);
        Assert.True(damage.TripPossible);
        Assert.False(damage.TripExpected);

        damage.Advance(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(29), calibration);
        Assert.Equal(1, damage.MaxTypical);
        Assert.True(damage.TripExpected);
    }

    // L3 alone at exactly the non-tripping current, 1.25 · 63 = 78.75 A, is not above it: no time above, no plot.
    [Fact]
    public void The_third_phase_at_exactly_the_non_tripping_current_is_no_overload()
    {
        var fuse = Devices.Of(DeviceKind.FuseGG, 63);
        var damage = new TripDamage(fuse);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromHours(1), new PhaseCurrents(Amps.Zero, Amps.Zero, fuse.NonTripCurrent));

        Assert.Equal(TimeSpan.Zero, damage.AboveNonTrip);
        Assert.Empty(damage.Samples);
        Assert.Null(damage.WorstEpisode);
    }

    // Two equal episodes a day apart (the first cooled to none: 0.275 · e^(−144)): the second only equals the maximum,
    // so the first keeps it, when and which. Equal currents on all phases: the peak's phase is the first, L1.
    [Fact]
    public void A_later_episode_that_only_equals_the_maximum_does_not_take_it_over()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        var second = TimeSpan.FromSeconds(30) + TimeSpan.FromDays(1);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));
        damage.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromDays(1), PhaseCurrents.Uniform(40));
        var first = damage.MaxWorst;
        damage.Advance(second, TimeSpan.FromSeconds(30), PhaseCurrents.Uniform(120));

        Assert.Equal(first, damage.MaxWorst);
        Assert.Equal(TimeSpan.FromSeconds(30), damage.MaxWorstAt);
        Assert.Equal(new OverloadEpisode(TimeSpan.Zero, TimeSpan.FromSeconds(30), Amps.From(120), 0), damage.WorstEpisode);
    }

    // A hard episode (120 A on L2 for 30 s: D = 0.275), ten minutes' cooling, then a mild one (90 A on L1 for 10 s:
    // t = 3600 · (90/78.75)^−8.3032 = 1,187.9 s, D = 0.0084): the hard one stays the worst, during the mild one and after.
    [Fact]
    public void A_weaker_later_episode_leaves_the_worst_one_in_place()
    {
        var damage = new TripDamage(Devices.Of(DeviceKind.FuseGG, 63));
        var hard = new OverloadEpisode(TimeSpan.Zero, TimeSpan.FromSeconds(30), Amps.From(120), 1);
        var mild = TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(10);

        damage.Advance(TimeSpan.Zero, TimeSpan.FromSeconds(30), PhaseCurrents.FromWholeAmps(0, 120, 0));
        damage.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), PhaseCurrents.Zero);
        damage.Advance(mild, TimeSpan.FromSeconds(10), PhaseCurrents.FromWholeAmps(90, 0, 0));
        Assert.Equal(hard, damage.WorstEpisode);

        damage.Advance(mild + TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), PhaseCurrents.Zero);
        Assert.Equal(hard, damage.WorstEpisode);
        Assert.Equal(TimeSpan.FromSeconds(30), damage.MaxWorstAt);
    }
}
