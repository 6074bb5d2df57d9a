using Amtron.Site.Model;

namespace Amtron.Site.Scenarios;

/// <summary>
/// The stays on each charge point of a session file, so that a session without a charge point takes the first one
/// (in the site's order, wired for its phases) that is free at its arrival and not taken later in its stay by a session
/// that names its point. Sessions that name their point are entered first; the others in arrival order.
/// </summary>
internal sealed class PointOccupancy(IReadOnlyList<ChargePointSpec> points)
{
    /// <summary>Each point's stays, ordered by arrival.</summary>
    private readonly Dictionary<string, List<(DateTimeOffset From, DateTimeOffset To)>> _stays =
        points.ToDictionary(p => p.Id, _ => new List<(DateTimeOffset, DateTimeOffset)>(), StringComparer.Ordinal);

    /// <summary>A stay on <paramref name="pointId"/> (an unknown point is left to the session checks).</summary>
    public void Occupy(string pointId, DateTimeOffset from, DateTimeOffset to)
    {
        if (_stays.TryGetValue(pointId, out var stays))
        {
            var at = stays.FindLastIndex(s => s.From <= from) + 1;
            stays.Insert(at, (from, to));
        }
    }

    /// <summary>The first point free over [<paramref name="from"/>, <paramref name="to"/>) that has <paramref name="phases"/>, occupied from now on; null when none is.</summary>
    public ChargePointSpec? TakeFirstFree(DateTimeOffset from, DateTimeOffset to, int phases)
    {
        foreach (var point in points)
        {
            if (point.PhaseRotation.Count >= phases && !_stays[point.Id].Any(s => s.From < to && from < s.To))
            {
                Occupy(point.Id, from, to);
                return point;
            }
        }

        return null;
    }
}
