using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>
/// The limit excursions summary.json and the report list. A run can have very many (the bundled year spends about
/// 15 % of its time above its imbalance limits, in tens of thousands of excursions), so each limit lists at most
/// <see cref="PerLimit"/>: its largest by excess integral (the earlier first among equals), in time order with the
/// others; the rest are only counted. A limit exceeded rarely, such as a main fuse, keeps every excursion however
/// many another limit has. The result itself keeps them all.
/// </summary>
public static class ExcursionReport
{
    /// <summary>Most excursions listed per limit.</summary>
    public const int PerLimit = 20;

    /// <summary>The excursions to list, by start then limit, and how many were left out.</summary>
    public static (IReadOnlyList<LimitExcursion> Listed, int NotListed) Of(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var listed = result.LimitExcursions
            .GroupBy(e => e.Limit, StringComparer.Ordinal)
            .SelectMany(limit => limit.OrderByDescending(e => e.ExcessAmpereSeconds).ThenBy(e => e.Start).Take(PerLimit))
            .OrderBy(e => e.Start).ThenBy(e => e.Limit, StringComparer.Ordinal)
            .ToList();
        return (listed, result.LimitExcursions.Count - listed.Count);
    }
}
