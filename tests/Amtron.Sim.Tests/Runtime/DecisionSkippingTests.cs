using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// The simulator skips DLM decisions while nothing changes. The device decides every sample period; these tests run
/// every bundled scenario both ways and require the same outcome, so the shortcut is proven, not assumed.
/// </summary>
public sealed class DecisionSkippingTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            if (!file.Contains("year", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Skipping_unchanged_decisions_changes_no_outcome(string file)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", file));
        var skipping = new SiteSimulation(scenario.Site, null, new SiteSimulationOptions { MaxPartitions = 1 }).Run();
        var everyPeriod = new SiteSimulation(scenario.Site, null, new SiteSimulationOptions { MaxPartitions = 1, DecideEveryPeriod = true }).Run();

        Assert.True(everyPeriod.Decisions >= skipping.Decisions);
        Assert.Equal(everyPeriod.Sessions, skipping.Sessions);
        Assert.Equal(everyPeriod.MaxPhaseCurrent, skipping.MaxPhaseCurrent);
        Assert.Equal(everyPeriod.LimitViolationSeconds, skipping.LimitViolationSeconds);
        Assert.Equal(everyPeriod.PeakOvershoot, skipping.PeakOvershoot);
        Assert.Equal(everyPeriod.MaxImbalance, skipping.MaxImbalance);
        Assert.Equal(everyPeriod.ContactorCycles, skipping.ContactorCycles);
    }

    /// <summary>
    /// The year's car park (5 networks × 50 points, imbalance prevention, probes of small on-board chargers, mixed
    /// phases) exercises far more of the controller than the manual's examples: two of its days, both ways.
    /// </summary>
    [Fact]
    public void Skipping_changes_no_outcome_in_two_busy_days_of_the_year_car_park()
    {
        var site = YearCarPark.Days(9, 2);
        var skipping = new SiteSimulation(site, null, new SiteSimulationOptions { MaxPartitions = 1 }).Run();
        var everyPeriod = new SiteSimulation(site, null, new SiteSimulationOptions { MaxPartitions = 1, DecideEveryPeriod = true }).Run();

        // Every vehicle of the two days is one session. The guard is on the input, that these are busy days: the
        // generator's arrivals per hour add up to 221.5 a day, Poisson, so 443 +- 21 in two days; 300 is 6.8 sd below.
        Assert.Equal(site.Vehicles.Count, skipping.Sessions.Count);
        Assert.True(site.Vehicles.Count > 300, $"{site.Vehicles.Count} sessions in two days");
        Assert.True(everyPeriod.Decisions > skipping.Decisions);
        Assert.Equal(everyPeriod.Sessions, skipping.Sessions);
        Assert.Equal(everyPeriod.MaxPhaseCurrent, skipping.MaxPhaseCurrent);
        Assert.Equal(everyPeriod.ImbalanceViolationSeconds, skipping.ImbalanceViolationSeconds);
        Assert.Equal(everyPeriod.MaxImbalance, skipping.MaxImbalance);
        Assert.Equal(everyPeriod.ContactorCycles, skipping.ContactorCycles);
    }
}
