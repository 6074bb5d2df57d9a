using Amtron.Site.Scenarios;

namespace Amtron.Check.Tests;

/// <summary>Small site files for the rule tests: one DLM network, stations written inline.</summary>
internal static class Sites
{
    /// <summary>The findings of the rules under test: the plan.network-part reminder for stations given without a network part (most of these sites) is left out; <see cref="AllFindingsOf"/> keeps it.</summary>
    public static IReadOnlyList<Finding> FindingsOf(string yaml) => [.. AllFindingsOf(yaml).Where(f => f.Rule != RuleCatalog.PlanNetworkPart.Id)];

    /// <summary>Every finding.</summary>
    public static IReadOnlyList<Finding> AllFindingsOf(string yaml) => PlanChecker.Check(ScenarioLoader.ParsePlan(yaml, "site.yaml").Site);

    /// <summary>A site whose network 0 holds <paramref name="stations"/> (from <see cref="Station"/>).</summary>
    public static string SiteFile(string stations, string settings = "{evseSubDistributionLimit: 63}", string top = "", string network = "") =>
        "name: test\nstart: 2026-06-01T00:00:00Z\nduration: 1d\n" + top +
        "networks:\n  - id: 0\n" + network + $"    settings: {settings}\n    stations:\n" + stations;

    /// <summary>One station line; <paramref name="net"/> is the inside of its network mapping.</summary>
    public static string Station(string id, string? net = null, string role = "slaveAutoDiscovery", string more = "", int points = 1, int limit = 16)
    {
        var chargePoints = string.Join(", ", Enumerable.Range(1, points).Select(i => $"{{id: {id}P{i}, installationCurrentLimit: {limit}}}"));
        var network = net is null ? string.Empty : $"network: {{{net}}}, ";
        return $"      - {{id: {id}, role: {role}, {network}{more}chargePoints: [{chargePoints}]}}\n";
    }

    public static string Master(string id, string? net = null, string more = "", int points = 1, int limit = 16) =>
        Station(id, net, "masterWithInternalSlave", more, points, limit);

    public static string Static(string ip, string mask = "255.255.255.0", string extra = "") =>
        $"modeForEthernetConfiguration: Static, staticIp: {ip}, staticNetmask: {mask}{(extra.Length > 0 ? ", " + extra : string.Empty)}";

    public static void Has(IReadOnlyList<Finding> findings, string rule, string station, Severity severity = Severity.Error) =>
        Assert.True(
            findings.Any(f => f.Rule == rule && f.Station == station && f.Severity == severity),
            $"expected {severity} {rule} at {station}; got: {Describe(findings)}");

    public static void HasNot(IReadOnlyList<Finding> findings, string rule) =>
        Assert.False(findings.Any(f => f.Rule == rule), $"expected no {rule}; got: {Describe(findings)}");

    public static string Describe(IEnumerable<Finding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.Severity} {f.Rule} {f.Station}: {f.Message}")) is { Length: > 0 } text ? text : "none";
}
