using Amtron.Site.Model;

namespace Amtron.Site.Scenarios;

/// <summary>A loaded, validated scenario: the site to simulate and what must hold afterwards.</summary>
public sealed record Scenario(string Name, string Description, SiteSpec Site, IReadOnlyList<ScenarioAssertion> Assertions);
