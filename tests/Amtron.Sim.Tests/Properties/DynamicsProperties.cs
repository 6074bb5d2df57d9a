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
    private static readonly TimeSpan Hours = TimeSpan.FromHours(3);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    /// <summary>
    /// On a site whose every limit its masters can keep (see <see cref="RandomDynamicSite"/>), no current limit and no
    /// imbalance limit is exceeded outside the reaction window after a change.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property No_limit_is_exceeded_longer_than_the_reaction_window_after_a_change() =>
        Prop.ForAll(Seeds, seed =>
        {
            var site = RandomDynamicSite.FromSeed(seed, Hours);
            var result = new SiteSimulation(site.Site).Run();
            var steady = result.LimitExcursions.Select(e => $"{e.Limit} at {e.Start:HH:mm:ss} for {e.Duration.TotalSeconds}s peak {e.PeakExcess}");
            return (result.LimitViolationSteadySeconds == 0 && result.ImbalanceViolationSteadySeconds == 0)
                .Label($"{site}: steady {result.LimitViolationSteadySeconds}s above a limit, {result.ImbalanceViolationSteadySeconds}s above an imbalance limit; excursions {string.Join("; ", steady)}");
        });

    /// <summary>The same site run twice, and on one thread or two partitions, gives the same sessions and KPIs.</summary>
    [Property(MaxTest = 40)]
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
