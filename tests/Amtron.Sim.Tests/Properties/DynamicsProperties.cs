using Amtron.Sim.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Sim.Tests.Properties;

/// <summary>
/// The dynamics over random sites (issue 11, item 8): arrivals, departures, reaction delays, under-draw, sleep, meter
/// failures and satellite outages. A limit may be above its value only for the reaction window after a change (one
/// sample, the reaction allowance, the slowest vehicle's reaction, a meter poll): never steady. Same inputs, same
/// outputs, on one thread or two.
/// </summary>
public sealed class DynamicsProperties
{
    internal static readonly TimeSpan Hours = TimeSpan.FromHours(3);

    internal static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    /// <summary>
    /// On a site whose every limit its masters can keep (see <see cref="RandomDynamicSite"/>), no current limit and no
    /// imbalance limit is exceeded outside the reaction window after a change.
    /// </summary>
    [ScaledProperty(300)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_after_a_change() =>
        Prop.ForAll(Seeds, seed => NothingSteady(RandomDynamicSite.FromSeed(seed, Hours)));

    /// <summary>The same with house loads that differ per phase: the masters with a meter balance them too.</summary>
    [ScaledProperty(150)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_with_unbalanced_house_loads() =>
        Prop.ForAll(Seeds, seed => NothingSteady(RandomDynamicSite.FromSeed(seed, Hours, new SiteVariant(UnbalancedHouse: true))));

    /// <summary>The same with vehicles that taper to a trickle below the 6 A minimum signal, so their phases are lighter than allocated.</summary>
    [ScaledProperty(100)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_with_tapering_vehicles() =>
        Prop.ForAll(Seeds, seed => NothingSteady(RandomDynamicSite.FromSeed(seed, Hours, new SiteVariant(Tapering: true))));

    /// <summary>
    /// Found 2026-12-01 (already so at 91b7fa3). Network 0 (imbalance limit 6 A, 5 s samples, FIFO). The master's view at
    /// the 08:32:20 decision: CP0 and CP4 (1-phase, L3) trickle 1 A and 2 A under their 6 A slots (shortfalls 5 A and
    /// 4 A, known), CP3 (V11, 1-phase, L3, here since 07:48) draws 8 A, CP2 (V9, 1-phase, L1, here since 08:32:02)
    /// 22 A, CP1 (L2) 7 A, CP5 (3-phase) 24 A. It pauses CP3 and gives CP2 12 A: with the known shortfalls L1 36 A against L3
    /// 1 + 2 + 24 = 27 A, a spread of 9 A against 6 A, held for 145 s until CP3 gets current again at 08:34:45 — though
    /// CP2 at 9 A with CP3 charging was possible, and FIFO puts V11 before V9. Why: the L3 shortfall is 9 A, but
    /// <c>DlmEngine</c> clamps a phase's shortfall to the allowed spread (6 A), because the allocator subtracts it from the
    /// phase as a constant, whether or not the trickling vehicles are given current (all-zero must stay feasible). So
    /// the allocator believed L3 3 A heavier than it was. Fixed: each vehicle's shortfall is its own
    /// (<c>ChargePointDemand.ImbalanceShortfall</c>), counted while it is given current, nothing while paused.
    /// </summary>
    [Fact]
    public void Trickling_vehicles_on_the_light_phase_do_not_leave_the_imbalance_exceeded() =>
        NothingSteady(RandomDynamicSite.FromSeed(572506883, Hours, new SiteVariant(Tapering: true))).QuickCheckThrowOnFailure();

    /// <summary>
    /// The same with a meter poll interval that does not divide the sample period: a change the meter shows only at a
    /// poll between two decisions is decided on at the first decision after that poll.
    /// </summary>
    [ScaledProperty(100)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_with_polls_between_decisions() =>
        Prop.ForAll(Seeds, seed => NothingSteady(RandomDynamicSite.FromSeed(seed, Hours, new SiteVariant(UnalignedPolls: true))));

    /// <summary>
    /// The same with satellites out of reach that draw their Disconnected Limit under imbalance prevention: the master
    /// keeps that much of the allowance free on their connector's phases (found: seed 44667222, where a vehicle of
    /// other phases replaced one while its satellite was out of reach).
    /// </summary>
    [ScaledProperty(100)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_with_satellites_out_of_reach() =>
        Prop.ForAll(Seeds, seed => NothingSteady(RandomDynamicSite.FromSeed(seed, Hours, new SiteVariant(DrawingOutagesUnderImbalance: true))));

    /// <summary>The case that found it: V11 (1-phase on L2) leaves CP3 while out of reach, V12 (2-phase, L2+L3) comes.</summary>
    [Fact]
    public void A_vehicle_replaced_at_a_satellite_out_of_reach_is_covered_by_the_reserve() =>
        NothingSteady(RandomDynamicSite.FromSeed(44667222, Hours, new SiteVariant(DrawingOutagesUnderImbalance: true))).QuickCheckThrowOnFailure();

    /// <summary>
    /// The same with chargers that draw fractional amps, a little less than their whole-amp signal: the master keeps the
    /// imbalance on what they draw (a vehicle of 1 or 2 phases drawing less than it is given leaves its phases lighter).
    /// </summary>
    [ScaledProperty(100)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_with_fractional_chargers() =>
        Prop.ForAll(Seeds, seed => NothingSteady(RandomDynamicSite.FromSeed(seed, Hours, new SiteVariant(FractionalChargers: true))));

    /// <summary>The cases that found it: a vehicle drawing 6.95 A of 7 A (less than the 1 A that caps it) on a light phase.</summary>
    [Theory]
    [InlineData(69465881)]
    [InlineData(1727786796)]
    public void Vehicles_drawing_a_little_less_than_their_signal_are_counted_at_their_draw(int seed) =>
        NothingSteady(RandomDynamicSite.FromSeed(seed, Hours, new SiteVariant(FractionalChargers: true))).QuickCheckThrowOnFailure();

    /// <summary>True when the site's run spends no time above a limit outside the reaction window after a change.</summary>
    internal static Property NothingSteady(RandomDynamicSite site)
    {
        var result = new SiteSimulation(site.Site).Run();
        var excursions = result.LimitExcursions.Select(e => $"{e.Limit} at {e.Start:HH:mm:ss.fff} for {e.Duration.TotalSeconds}s peak {e.PeakExcess}");
        return (result.LimitViolationSteadySeconds == 0 && result.ImbalanceViolationSteadySeconds == 0)
            .Label($"{site}: steady {result.LimitViolationSteadySeconds}s above a limit, {result.ImbalanceViolationSteadySeconds}s above an imbalance limit; excursions {string.Join("; ", excursions)}");
    }

    /// <summary>The same site run twice, and on one thread or two partitions, gives the same sessions and KPIs.</summary>
    [ScaledProperty(40)]
    public Property The_same_site_gives_the_same_results() =>
        Prop.ForAll(Seeds, seed =>
        {
            var site = RandomDynamicSite.FromSeed(seed, Hours).Site;
            var first = new SiteSimulation(site, options: new SiteSimulationOptions { MaxPartitions = 1 }).Run();
            var again = new SiteSimulation(site, options: new SiteSimulationOptions { MaxPartitions = 1 }).Run();
            var split = new SiteSimulation(site, options: new SiteSimulationOptions { MaxPartitions = 2 }).Run();
            return (Same(first, again) && Same(first, split)).Label($"seed {seed}: results differ");
        });

    private static bool Same(SimulationResult a, SimulationResult b) =>
        a.Sessions.SequenceEqual(b.Sessions)
        && a.MaxPhaseCurrent.SequenceEqual(b.MaxPhaseCurrent)
        && a.LimitViolationSeconds == b.LimitViolationSeconds
        && a.LimitViolationSteadySeconds == b.LimitViolationSteadySeconds
        && a.ImbalanceViolationSeconds == b.ImbalanceViolationSeconds
        && a.ImbalanceViolationSteadySeconds == b.ImbalanceViolationSteadySeconds
        && a.LimitViolationSecondsByLimit.SequenceEqual(b.LimitViolationSecondsByLimit)
        && a.LimitExcursions.SequenceEqual(b.LimitExcursions)
        && a.PeakOvershoot == b.PeakOvershoot
        && a.MaxImbalance == b.MaxImbalance
        && a.ContactorCycles == b.ContactorCycles
        && a.EnergyWithheldKWh == b.EnergyWithheldKWh
        && a.Decisions == b.Decisions
        && a.Events == b.Events;
}
