namespace Amtron.Dlm.Limits;

/// <summary>The setting that bound a phase's available current.</summary>
public enum LimitSource
{
    /// <summary>"EVSE Sub-Distribution Limit".</summary>
    EvseSubDistributionLimit,

    /// <summary>"Operator EVSE Sub-Distribution Limit" (possibly lowered by the digital input offset).</summary>
    OperatorEvseSubDistributionLimit,

    /// <summary>The "Maximum Current Scheduler" entry in force.</summary>
    MaximumCurrentScheduler,

    /// <summary>"Main Distribution Limit" minus external load minus "External Load Headroom".</summary>
    MainDistributionLimit,
}
