using Amtron.Site.Model;

namespace Amtron.Site.Scenarios;

/// <summary>
/// The metrics an assertion may name, when some exist only on some sites (a named device's trip risk): the loader
/// also asks whether the scenario's own site has each metric it asserts.
/// </summary>
public interface IMetricCollection : IReadOnlyCollection<string>
{
    /// <summary>Why <paramref name="site"/> has no value of <paramref name="metric"/>, or null when it has one.</summary>
    string? Unavailable(string metric, SiteSpec site);
}
