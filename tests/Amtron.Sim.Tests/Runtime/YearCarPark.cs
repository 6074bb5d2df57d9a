using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>Slices of the bundled year car park (5 networks x 50 points), for tests that need a busy, realistic site.</summary>
internal static class YearCarPark
{
    /// <summary><paramref name="days"/> days from day <paramref name="fromDay"/>, with the sessions that arrive in them.</summary>
    public static SiteSpec Days(int fromDay, int days)
    {
        var year = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "year-250cp.yaml")).Site;
        var start = year.Start.AddDays(fromDay);
        var end = start.AddDays(days);
        return year with { Start = start, Duration = end - start, Vehicles = [.. year.Vehicles.Where(v => v.Arrival >= start && v.Arrival < end)] };
    }
}
