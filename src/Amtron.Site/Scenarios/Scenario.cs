using Amtron.Site.Model;

namespace Amtron.Site.Scenarios;

/// <summary>A loaded, validated scenario: the site to simulate and what must hold afterwards.</summary>
public sealed record Scenario(string Name, string Description, SiteSpec Site, IReadOnlyList<ScenarioAssertion> Assertions)
{
    /// <summary>SHA-256 of the scenario text (UTF-8, lower-case hex): which file a result came from.</summary>
    public string Sha256 { get; init; } = string.Empty;

    /// <summary>What reading changed or left out of the data without it being an error, e.g. sessions outside the period.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The overrides applied to the file before it was read, as the user wrote them (<c>--set PATH=VALUE</c>, <c>--seed N</c>).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
}
