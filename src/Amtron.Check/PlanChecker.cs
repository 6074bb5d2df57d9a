using Amtron.Check.Rules;
using Amtron.Site.Model;

namespace Amtron.Check;

/// <summary>Checks an installation plan (a site file) against the rules of the manual's chapters 3–7.</summary>
public static class PlanChecker
{
    /// <summary>Every finding for <paramref name="site"/>, in rule order (<see cref="RuleCatalog.All"/>), then file order.</summary>
    public static IReadOnlyList<Finding> Check(SiteSpec site)
    {
        var plan = new SitePlan(site);
        var findings = StaticAddressRules.Check(plan)
            .Concat(DhcpRules.Check(plan))
            .Concat(GatewayRules.Check(plan))
            .Concat(BackendRules.Check(plan))
            .Concat(FirmwareRules.Check(plan))
            .Concat(DlmRules.Check(plan))
            .Concat(GridRules.Check(plan))
            .Concat(EthernetRules.Check(plan))
            .Concat(PlanRules.Check(plan))
            .ToList();
        var order = RuleCatalog.All.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);
        return [.. findings.Select((f, i) => (f, i)).OrderBy(x => order[x.f.Rule]).ThenBy(x => x.i).Select(x => x.f)];
    }
}
