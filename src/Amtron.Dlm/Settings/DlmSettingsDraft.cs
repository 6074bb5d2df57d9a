namespace Amtron.Dlm.Settings;

/// <summary>
/// The DLM settings as a reader found them (scenario YAML, an `amtron allocate` request), before
/// <see cref="DlmSettingsRules.Validate"/> checks them. Null means "not given"; names are those of
/// <see cref="DlmSettings"/>, which are the web interface's. Settable, with no <c>required</c> members: the rules say
/// what is required, and System.Text.Json reads such types twice as fast (docs/performance.md).
/// </summary>
public sealed record DlmSettingsDraft
{
    /// <summary>"EVSE Sub-Distribution Limit (L1/L2/L3) [A]".</summary>
    public PhaseValues? EvseSubDistributionLimit { get; set; }

    /// <summary>"Operator EVSE Sub-Distribution Limit (L1/L2/L3) [A]".</summary>
    public PhaseValues? OperatorEvseSubDistributionLimit { get; set; }

    /// <summary>"Current Imbalance Prevention".</summary>
    public bool? CurrentImbalancePrevention { get; set; }

    /// <summary>"Current Imbalance Limit [A]".</summary>
    public double? CurrentImbalanceLimit { get; set; }

    /// <summary>"External Meter Support" = On with its settings.</summary>
    public ExternalMeterDraft? ExternalMeter { get; set; }

    /// <summary>"Maximum Current Scheduler" = On with its entries.</summary>
    public IReadOnlyList<SchedulerEntryDraft?>? MaximumCurrentScheduler { get; set; }

    /// <summary>"Meter Digital Input Current Offset (L1/L2/L3) [A]".</summary>
    public PhaseValues? MeterDigitalInputCurrentOffset { get; set; }
}

/// <summary>The external meter's settings as written, before they are checked.</summary>
public sealed record ExternalMeterDraft
{
    /// <summary>"External Meter Location": <c>excluding</c> or <c>including</c>.</summary>
    public string? Location { get; set; }

    /// <summary>"Main Distribution Limit (L1/L2/L3) [A]".</summary>
    public PhaseValues? MainDistributionLimit { get; set; }

    /// <summary>"External Load Headroom (L1/L2/L3) [A]".</summary>
    public PhaseValues? ExternalLoadHeadroom { get; set; }

    /// <summary>"External Load Fallback (L1/L2/L3) [A]".</summary>
    public PhaseValues? ExternalLoadFallback { get; set; }
}

/// <summary>One row of the "Maximum Current Scheduler" as written, before it is checked.</summary>
public sealed record SchedulerEntryDraft
{
    /// <summary>Hour of the day in UTC.</summary>
    public double? Hour { get; set; }

    /// <summary>Maximum charging current per phase from that hour on.</summary>
    public PhaseValues? Limit { get; set; }
}
