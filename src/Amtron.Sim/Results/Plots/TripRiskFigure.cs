using Amtron.Sim.Runtime;
using Amtron.Site.Model;

using static Amtron.Sim.Results.Plots.PlotFigures;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// trip-risk.png: the damage figure of the device nearest to opening (docs/grid.md) over time, against the fastest
/// curve the standard allows and a typical one, with D = 1 (the device opens) as the line not to reach.
/// </summary>
public static class TripRiskFigure
{
    /// <summary>Its file.</summary>
    public const string File = "trip-risk.png";

    /// <summary>A run longer than this shows the day around the worst moment; a shorter one is shown whole.</summary>
    private static readonly TimeSpan WholeRunUpTo = TimeSpan.FromDays(2);

    /// <summary>The figure for a run's named devices; null when the site names none.</summary>
    public static PlotFigure? Of(SiteSpec site, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Devices.Count == 0)
        {
            return null;
        }

        var worst = result.Devices.MaxBy(d => d.Damage.MaxWorst)!;
        var damage = worst.Damage;
        var (from, to) = site.Duration <= WholeRunUpTo
            ? (site.Start, site.End)
            : Clamp(site, site.Start + damage.MaxWorstAt - TimeSpan.FromHours(12));
        // From the start of the window to its end, through every sample inside (zero where there is none).
        var samples = damage.Samples.Where(s => site.Start + s.At > from && site.Start + s.At < to).ToList();
        var before = damage.Samples.LastOrDefault(s => site.Start + s.At <= from);
        var x = new List<double> { Oa(from) };
        var worstY = new List<double> { before.Worst };
        var typicalY = new List<double> { before.Typical };
        foreach (var sample in samples)
        {
            x.Add(Oa(site.Start + sample.At));
            worstY.Add(sample.Worst);
            typicalY.Add(sample.Typical);
        }

        x.Add(Oa(to));
        worstY.Add(worstY[^1] == 0 ? 0 : Level(damage, to - site.Start).Worst);
        typicalY.Add(typicalY[^1] == 0 ? 0 : Level(damage, to - site.Start).Typical);
        var name = $"{LimitIds.Describe(worst.Id)} ({damage.Device})";
        var title = damage.MaxWorst > 0
            ? $"Trip risk of the {name}: max {KpiUnit.Damage.Shown(damage.MaxWorst)} against the fastest device IEC allows, {KpiUnit.Damage.Shown(damage.MaxTypical)} typical"
            : $"Trip risk of the {name}: never above its non-tripping current {KpiUnit.Amperes.Shown(damage.Device.NonTripCurrent.Value)}";
        var panel = new PlotPanel(
            site.Duration <= WholeRunUpTo ? "damage D over the run (1 = the device opens)" : "damage D over the day around its maximum (1 = the device opens)",
            "damage D",
            [
                new PlotSeries("fastest device the standard allows", SeriesRole.Measured, [.. x], [.. worstY], Step: false),
                new PlotSeries("typical device", SeriesRole.Available, [.. x], [.. typicalY], Step: false),
                new PlotSeries("D = 1: opens", SeriesRole.Limit, [Oa(from), Oa(to)], [1, 1], Step: false),
            ]);
        return new PlotFigure(File, title, "time (UTC)", AxisKind.UtcTime, Oa(from), Oa(to), [panel]);
    }

    /// <summary>The last sample at or before <paramref name="at"/> (the figure between samples is drawn straight).</summary>
    private static Grid.Protection.DamageSample Level(Grid.Protection.TripDamage damage, TimeSpan at) =>
        damage.Samples.LastOrDefault(s => s.At <= at);

    private static (DateTimeOffset From, DateTimeOffset To) Clamp(SiteSpec site, DateTimeOffset from)
    {
        var start = from < site.Start ? site.Start : from + TimeSpan.FromDays(1) > site.End ? site.End - TimeSpan.FromDays(1) : from;
        return (start, start + TimeSpan.FromDays(1));
    }
}
