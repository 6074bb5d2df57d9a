using Amtron.Dlm.Units;

namespace Amtron.Dlm.Settings;

/// <summary>Where the external meter sits relative to the charging infrastructure ("External Meter Location").</summary>
public enum ExternalMeterLocation
{
    /// <summary>"Excluding EVSE Sub-Distribution": the meter measures the external consumers only (manual 6.3.1).</summary>
    ExcludingEvseSubDistribution,

    /// <summary>"Including EVSE Sub-Distribution": the meter measures consumers and charge points together (manual 6.3.2).</summary>
    IncludingEvseSubDistribution,
}

/// <summary>
/// "External Meter Support" = On, with the settings that go with it on the DLM master's
/// "Dynamic Load Management" page.
/// </summary>
/// <param name="Location">"External Meter Location".</param>
/// <param name="MainDistributionLimit">"Main Distribution Limit (L1/L2/L3) [A]": rated current of the main fuse.</param>
public sealed record ExternalMeterSettings(ExternalMeterLocation Location, PhaseCurrents MainDistributionLimit)
{
    /// <summary>The device's default "External Load Fallback": 9999 A per phase, i.e. nothing left for charging.</summary>
    public static readonly PhaseCurrents DefaultExternalLoadFallback = PhaseCurrents.Uniform(9999);

    /// <summary>"External Load Headroom (L1/L2/L3) [A]": kept free on top of the measured external load.</summary>
    public PhaseCurrents ExternalLoadHeadroom { get; init; } = PhaseCurrents.Zero;

    /// <summary>"External Load Fallback (L1/L2/L3) [A]": external load assumed while the meter is not communicating.</summary>
    public PhaseCurrents ExternalLoadFallback { get; init; } = DefaultExternalLoadFallback;
}
