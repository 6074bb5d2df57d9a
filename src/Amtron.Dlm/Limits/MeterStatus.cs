namespace Amtron.Dlm.Limits;

/// <summary>How the external load was known at a decision.</summary>
public enum MeterStatus
{
    /// <summary>No external meter configured.</summary>
    NotConfigured,

    /// <summary>The meter answered; the external load is derived from its reading.</summary>
    Ok,

    /// <summary>The meter did not answer; the External Load Fallback was used.</summary>
    Failed,
}
