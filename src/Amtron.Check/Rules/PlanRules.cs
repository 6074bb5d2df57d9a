using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>What the plan leaves out: a station without its network part is not checked by chapters 3–5.</summary>
internal static class PlanRules
{
    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var undescribed = plan.Stations.Where(s => !s.Described).ToList();
        if (undescribed.Count == plan.Stations.Count && undescribed.Count > 0)
        {
            yield return PlanNetworkPart.At(plan.FirstStation, "no station describes its network part: the addressing, gateway, backend, firmware and cabling rules could not run", "add each station's network part (docs/check.md)");
            yield break;
        }

        foreach (var station in undescribed)
        {
            yield return PlanNetworkPart.At(station.Id, $"{station.Id} has no network part: the addressing, gateway, backend, firmware and cabling rules did not look at it", $"add {station.Id}'s network part (docs/check.md)");
        }
    }
}
