using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>Each stretch above a limit is one excursion: when, how long, the worst phase's peak excess and its integral.</summary>
public sealed class LimitExcursionTests
{
    private const string MainFuse = LimitIds.MainFuse;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An hour on a 63 A main fuse with a house load that steps at the given seconds (no vehicles).</summary>
    private static SimulationResult House(params (int Second, PhaseCurrents Load)[] steps) => House(null, steps);

    /// <summary>The same, with a site meter polled every <paramref name="poll"/> (no network reads it).</summary>
    private static SimulationResult House(TimeSpan? poll, params (int Second, PhaseCurrents Load)[] steps)
    {
        var points = new[] { new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation) };
        var site = new SiteSpec(Start, TimeSpan.FromHours(1), 1)
        {
            MainFuse = PhaseCurrents.Uniform(63),
            Meter = poll is { } interval ? new MeterSpec(interval) : null,
            ExternalLoads = [new TimeSeriesLoad("house", steps.Select(s => (Start.AddSeconds(s.Second), s.Load)))],
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)), new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)])],
        };
        return new SiteSimulation(site).Run();
    }

    private static void AssertExcursion(LimitExcursion excursion, int startSecond, double seconds, double peakA, double ampereSeconds)
    {
        Assert.Equal(MainFuse, excursion.Limit);
        Assert.False(excursion.Imbalance);
        Assert.Equal(Start.AddSeconds(startSecond), excursion.Start);
        Assert.Equal(TimeSpan.FromSeconds(seconds), excursion.Duration);
        Assert.Equal(Amps.FromDouble(peakA), excursion.PeakExcess);
        Assert.Equal(ampereSeconds, excursion.ExcessAmpereSeconds, 9);
    }

    [Fact]
    public void A_load_5_A_above_the_main_fuse_for_10_s_is_one_excursion_of_50_ampere_seconds()
    {
        // 68 A on a 63 A fuse from 100 s to 110 s: 10 s, peak 68 - 63 = 5 A, 5 A x 10 s = 50 A·s.
        var result = House((0, PhaseCurrents.Uniform(60)), (100, PhaseCurrents.Uniform(68)), (110, PhaseCurrents.Uniform(60)));
        AssertExcursion(Assert.Single(result.LimitExcursions), 100, 10, 5, 50);
        Assert.Equal(10, result.LimitViolationSeconds, 9);
    }

    [Fact]
    public void Time_above_a_limit_within_the_reaction_window_of_a_change_is_transient_the_rest_steady()
    {
        // 68 A on the 63 A fuse from 100 s to 200 s. The site's reaction window after the load step: one 30 s sample
        // + the 5 s reaction allowance + no vehicle's reaction (none here) + no meter poll = 35 s. So 35 s of the
        // 100 s are transient and 65 s steady (no master could have prevented this: there is no meter).
        var result = House((0, PhaseCurrents.Uniform(60)), (100, PhaseCurrents.Uniform(68)), (200, PhaseCurrents.Uniform(60)));
        Assert.Equal(100, result.LimitViolationSeconds, 9);
        Assert.Equal(65, result.LimitViolationSteadySeconds, 9);
        Assert.Equal(0, result.ImbalanceViolationSteadySeconds, 9);
    }

    [Fact]
    public void The_sites_reaction_window_includes_a_meter_poll()
    {
        // As above with a meter polled every 10 s: the site's window is the network's 35 s + one poll = 45 s, so 55 s
        // of the 100 s are steady. (The network has no external meter, so its own window has no poll.)
        var result = House(TimeSpan.FromSeconds(10), (0, PhaseCurrents.Uniform(60)), (100, PhaseCurrents.Uniform(68)), (200, PhaseCurrents.Uniform(60)));
        Assert.Equal(100, result.LimitViolationSeconds, 9);
        Assert.Equal(55, result.LimitViolationSteadySeconds, 9);
    }

    [Fact]
    public void A_metered_networks_reaction_window_includes_a_meter_poll()
    {
        // No main fuse: a network whose excluding meter (polled every 10 s) has a 63 A Main Distribution Limit, and the
        // house at 68 A from 100 s to 200 s. The network's window after the load step: one 30 s sample + the 5 s
        // reaction allowance + no vehicle's reaction + one 10 s poll (its master sees the step only at a poll) = 45 s.
        // So 45 s of the 100 s above the limit are transient and 55 s steady.
        var points = new[] { new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation) };
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63));
        var site = new SiteSpec(Start, TimeSpan.FromHours(1), 1)
        {
            Meter = new MeterSpec(TimeSpan.FromSeconds(10)),
            ExternalLoads = [new TimeSeriesLoad("house", [(Start, PhaseCurrents.Uniform(60)), (Start.AddSeconds(100), PhaseCurrents.Uniform(68)), (Start.AddSeconds(200), PhaseCurrents.Uniform(60))])],
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)) { ExternalMeter = meter }, new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)])],
        };
        var result = new SiteSimulation(site).Run();
        Assert.Equal(new Dictionary<string, double>(StringComparer.Ordinal) { ["network0.mainDistributionLimit"] = 100 }, result.LimitViolationSecondsByLimit);
        Assert.Equal(55, result.LimitViolationSteadySeconds, 9);
    }

    [Fact]
    public void An_excursion_shorter_than_the_reaction_window_is_all_transient()
    {
        // 68 A for 10 s, well within the 35 s window after the step.
        var result = House((0, PhaseCurrents.Uniform(60)), (100, PhaseCurrents.Uniform(68)), (110, PhaseCurrents.Uniform(60)));
        Assert.Equal(10, result.LimitViolationSeconds, 9);
        Assert.Equal(0, result.LimitViolationSteadySeconds, 9);
    }

    [Fact]
    public void Touching_stretches_above_one_limit_merge_even_when_the_excess_or_the_worst_phase_changes()
    {
        // 68 A for 10 s (5 A over), 70 A for 5 s (7 A over), then L2 alone at 66 A for 10 s (3 A over):
        // one excursion of 25 s, peak 7 A, 5 x 10 + 7 x 5 + 3 x 10 = 115 A·s.
        var result = House(
            (0, PhaseCurrents.Uniform(60)),
            (100, PhaseCurrents.Uniform(68)),
            (110, PhaseCurrents.Uniform(70)),
            (115, PhaseCurrents.FromWholeAmps(60, 66, 60)),
            (125, PhaseCurrents.Uniform(60)));
        AssertExcursion(Assert.Single(result.LimitExcursions), 100, 25, 7, 115);
    }

    [Fact]
    public void A_stretch_below_the_limit_separates_two_excursions()
    {
        // 68 A for 10 s (5 A over: 50 A·s), 60 A for 5 s, 66 A on L3 for 4 s (3 A over: 12 A·s).
        var result = House(
            (0, PhaseCurrents.Uniform(60)),
            (100, PhaseCurrents.Uniform(68)),
            (110, PhaseCurrents.Uniform(60)),
            (115, PhaseCurrents.FromWholeAmps(60, 60, 66)),
            (119, PhaseCurrents.Uniform(60)));
        Assert.Equal(2, result.LimitExcursions.Count);
        AssertExcursion(result.LimitExcursions[0], 100, 10, 5, 50);
        AssertExcursion(result.LimitExcursions[1], 115, 4, 3, 12);
    }

    [Fact]
    public void An_excursion_from_the_first_instant_keeps_its_first_stretch_and_ends_where_the_load_drops()
    {
        // 70 A from 0 s (7 A over), 68 A from 10 s (5 A over), 60 A from 20 s, 66 A from 30 s (3 A over), 60 A from 40 s:
        // [0, 20 s) peak 7 A, 7 x 10 + 5 x 10 = 120 A·s; [30, 40 s) 3 A, 30 A·s.
        var result = House(
            (0, PhaseCurrents.Uniform(70)),
            (10, PhaseCurrents.Uniform(68)),
            (20, PhaseCurrents.Uniform(60)),
            (30, PhaseCurrents.Uniform(66)),
            (40, PhaseCurrents.Uniform(60)));
        Assert.Equal(2, result.LimitExcursions.Count);
        AssertExcursion(result.LimitExcursions[0], 0, 20, 7, 120);
        AssertExcursion(result.LimitExcursions[1], 30, 10, 3, 30);
    }

    [Fact]
    public void An_excursion_from_the_first_instant_to_the_end_is_the_whole_run()
    {
        // 64 A all hour: 3 600 s, 1 A over, 3 600 A·s.
        var result = House((0, PhaseCurrents.Uniform(64)));
        AssertExcursion(Assert.Single(result.LimitExcursions), 0, 3600, 1, 3600);
    }

    [Fact]
    public void An_excursion_still_going_on_ends_with_the_run()
    {
        // 64 A from 3590 s to the end of the hour: 10 s, 1 A over, 10 A·s.
        var result = House((0, PhaseCurrents.Uniform(60)), (3590, PhaseCurrents.Uniform(64)));
        AssertExcursion(Assert.Single(result.LimitExcursions), 3590, 10, 1, 10);
    }

    [Fact]
    public void A_site_within_its_limits_has_no_excursion()
    {
        var result = House((0, PhaseCurrents.Uniform(63)));
        Assert.Empty(result.LimitExcursions);
    }

    [Theory]
    [MemberData(nameof(DecisionSkippingTests.Scenarios), MemberType = typeof(DecisionSkippingTests))]
    public void Every_bundled_scenario_has_excursions_that_add_up_to_its_totals(string file)
    {
        var site = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", file)).Site;
        AssertAddUp(new SiteSimulation(site).Run());
    }

    [Fact]
    public void Two_days_of_the_year_car_park_have_imbalance_excursions_that_add_up()
    {
        var result = new SiteSimulation(YearCarPark.Days(9, 2)).Run();
        Assert.Contains(result.LimitExcursions, e => e.Imbalance);
        AssertAddUp(result);
    }

    /// <summary>
    /// Random hours of a metered site whose house load steps freely while two vehicles charge: main fuse, Main
    /// Distribution Limit, sub-distribution, DLM and imbalance limits are all crossed now and then.
    /// </summary>
    [ScaledProperty(150)]
    public Property Excursions_add_up_to_the_violation_totals_and_the_peak_overshoot() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var result = new SiteSimulation(RandomSite(seed)).Run();
            AssertAddUp(result);
            return result.LimitExcursions.Count > 0 || result.LimitViolationSecondsByLimit.Count == 0;
        });

    /// <summary>
    /// Per limit: durations sum to the seconds above it, excursions neither overlap nor touch (touching ones merge), each
    /// lasts and exceeds; over all current limits the largest peak is the peak overshoot.
    /// </summary>
    private static void AssertAddUp(SimulationResult result)
    {
        var byLimit = result.LimitExcursions.GroupBy(e => e.Limit).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(result.LimitViolationSecondsByLimit.Keys.Order(StringComparer.Ordinal), byLimit.Keys.Order(StringComparer.Ordinal));
        foreach (var (limit, excursions) in byLimit)
        {
            var ticks = excursions.Sum(e => e.Duration.Ticks);
            Assert.Equal(result.LimitViolationSecondsByLimit[limit], ticks / (double)TimeSpan.TicksPerSecond);
            Assert.All(excursions, e => Assert.True(e.Duration > TimeSpan.Zero && e.PeakExcess > Amps.Zero && e.ExcessAmpereSeconds > 0));
            Assert.All(excursions.Zip(excursions.Skip(1)), pair => Assert.True(pair.First.Start + pair.First.Duration < pair.Second.Start));
            Assert.All(excursions, e => Assert.True(e.ExcessAmpereSeconds <= (e.PeakExcess.Value * e.Duration.TotalSeconds) + 1e-6));
        }

        var currentLimits = result.LimitExcursions.Where(e => !e.Imbalance).ToList();
        Assert.Equal(result.PeakOvershoot, currentLimits.Count == 0 ? Amps.Zero : currentLimits.Max(e => e.PeakExcess));
        Assert.Equal(result.LimitExcursions.OrderBy(e => e.Start).ThenBy(e => e.Limit, StringComparer.Ordinal), result.LimitExcursions);
    }

    private static SiteSpec RandomSite(int seed)
    {
        var random = new Random(seed);
        var steps = Enumerable.Range(0, random.Next(1, 12))
            .Select(_ => random.Next(0, 3600))
            .Distinct()
            .Select(s => (Start.AddSeconds(s), PhaseCurrents.FromWholeAmps(random.Next(0, 60), random.Next(0, 60), random.Next(0, 60))));
        var points = new[]
        {
            new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation),
            new ChargePointSpec("CP2", "CS1", Amps.From(32), [Phase.L2]),
        };
        var settings = new DlmSettings(PhaseCurrents.Uniform(random.Next(20, 64)))
        {
            OperatorEvseSubDistributionLimit = PhaseCurrents.Uniform(random.Next(10, 64)),
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(random.Next(4, 20)),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(random.Next(40, 80))),
        };
        return new SiteSpec(Start, TimeSpan.FromHours(1), (ulong)seed)
        {
            MainFuse = PhaseCurrents.Uniform(random.Next(40, 90)),
            Meter = new MeterSpec(TimeSpan.FromSeconds(random.Next(1, 10))),
            ExternalLoads = [new TimeSeriesLoad("house", steps)],
            Networks = [new NetworkSpec(0, settings, new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)])],
            Vehicles =
            [
                new VehicleSpec("V1", "CP1", Start.AddSeconds(random.Next(0, 1800)), Start.AddHours(2), 100) { MaxCurrent = Amps.From(32) },
                new VehicleSpec("V2", "CP2", Start.AddSeconds(random.Next(0, 1800)), Start.AddHours(2), 100) { MaxCurrent = Amps.From(32), Phases = 1 },
            ],
        };
    }
}
