using System.Globalization;
using System.Text;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results.Report;

/// <summary>
/// The sessions: each one while a table stays readable, else the distribution of what matters to drivers, the energy
/// they did not get and how long they waited for the first amp.
/// </summary>
internal static class SessionsSection
{
    /// <summary>Up to this many sessions are listed one by one.</summary>
    public const int MaxRows = 60;

    /// <summary>The quantiles of a large run's distributions (nearest rank: the smallest value with at least that share at or below it).</summary>
    public static readonly double[] Quantiles = [0.5, 0.9, 0.95, 0.99, 1];

    public static void Write(StringBuilder html, SimulationResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var sessions = result.Sessions;
        html.Append("<h2>Sessions</h2>\n");
        var charged = sessions.Where(s => s.Waited is not null).ToList();
        html.Append(c, $"<p>{HumanCount.Of(sessions.Count, "session", "sessions")}: {result.SessionsFullySatisfied} fully satisfied, ")
            .Append(c, $"{sessions.Count(s => !s.FullySatisfied && !s.Rejected)} not fully satisfied, ")
            .Append(c, $"{sessions.Count(s => !s.Rejected && s.Waited is null)} never charged, {sessions.Count(s => s.Rejected)} rejected.</p>\n");
        if (sessions.Count == 0)
        {
            return;
        }

        if (sessions.Count <= MaxRows)
        {
            var table = new HtmlTable(html).Head("session", "charge point", "arrival (UTC)", "departure (UTC)", "wanted", "delivered", "short by", "waited", "");
            foreach (var s in sessions)
            {
                table.Row(
                    s.Id,
                    s.ChargePointId,
                    Time(s.Arrival),
                    Time(s.Departure),
                    KpiUnit.KilowattHours.Shown(s.EnergyWantedKWh),
                    KpiUnit.KilowattHours.Shown(s.EnergyDeliveredKWh),
                    KpiUnit.KilowattHours.Shown(s.ShortfallKWh),
                    s.Waited is { } waited ? HumanDuration.Of(waited) : "never charged",
                    s.Rejected ? "rejected" : s.FullySatisfied ? "fully satisfied" : "not satisfied");
            }

            table.Close();
            return;
        }

        var shortfall = sessions.Select(s => s.ShortfallKWh).Order().ToArray();
        var waits = charged.Select(s => s.Waited!.Value).Order().ToArray();
        var distribution = new HtmlTable(html).Head("share of sessions at or below", "energy short of what was wanted", "waited for the first amp (sessions that charged)");
        foreach (var q in Quantiles)
        {
            distribution.Row(
                q == 1 ? "all (the largest)" : string.Create(c, $"{q * 100:0} %"),
                KpiUnit.KilowattHours.Shown(Quantile(shortfall, q)),
                waits.Length == 0 ? "–" : HumanDuration.Of(Quantile(waits, q)));
        }

        distribution.Close();
    }

    /// <summary>Nearest rank: the value at rank ceil(q·n) of the sorted values.</summary>
    internal static T Quantile<T>(T[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>A UTC instant in the report's tables, to the second.</summary>
    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
