using System.Globalization;
using System.Text;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results.Report;

/// <summary>Each limit that was exceeded: for how long in all, how often, when first and last, and by how much at worst.</summary>
internal static class ViolationsSection
{
    public static void Write(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2>Limits exceeded</h2>\n");
        if (result.LimitViolationSecondsByLimit.Count == 0)
        {
            html.Append("<p>No limit was exceeded at any moment.</p>\n");
            return;
        }

        var table = new HtmlTable(html).Head("limit", "id", "time above", "excursions", "first above (UTC)", "last back within (UTC)", "largest excess");
        foreach (var (id, seconds) in result.LimitViolationSecondsByLimit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var excursions = result.LimitExcursions.Where(e => e.Limit == id).ToList();
            table.Row(
                LimitIds.Describe(id),
                id,
                HumanDuration.Of(TimeSpan.FromSeconds(seconds)),
                excursions.Count.ToString(CultureInfo.InvariantCulture),
                excursions.Count == 0 ? "–" : Time(excursions.Min(e => e.Start)),
                excursions.Count == 0 ? "–" : Time(excursions.Max(e => e.Start + e.Duration)),
                excursions.Count == 0 ? "–" : KpiUnit.Amperes.Shown(excursions.Max(e => e.PeakExcess.Value)));
        }

        table.Close();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFF", CultureInfo.InvariantCulture);
}
