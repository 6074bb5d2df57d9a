namespace Amtron.Dlm.Settings;

/// <summary>
/// The DLM settings as a reader found them (scenario YAML, an `amtron allocate` request), before
/// <see cref="DlmSettingsRules.Validate"/> checks them. Null means "not given"; names are those of
/// <see cref="DlmSettings"/>, which are the web interface's.
/// </summary>
public sealed record DlmSettingsDraft
{
    /// <summary>"EVSE Sub-Distribution Limit (L1/L2/L3) [A]" (required: a reader must say whether it was given).</summary>
    public required PhaseValues? EvseSubDistributionLimit { get; init; }

    /// <summary>"Operator EVSE Sub-Distribution Limit (L1/L2/L3) [A]".</summary>
    public PhaseValues? OperatorEvseSubDistributionLimit { get; init; }

    /// <summary>"Current Imbalance Prevention".</summary>
    public bool? CurrentImbalancePrevention { get; init; }

    /// <summary>"Current Imbalance Limit [A]".</summary>
    public double? CurrentImbalanceLimit { get; init; }

    /// <summary>"External Meter Support" = On with its settings.</summary>
    public ExternalMeterDraft? ExternalMeter { get; init; }

    /// <summary>"Maximum Current Scheduler" = On with its entries.</summary>
    public IReadOnlyList<SchedulerEntryDraft?>? MaximumCurrentScheduler { get; init; }

    /// <summary>"Meter Digital Input Current Offset (L1/L2/L3) [A]".</summary>
    public PhaseValues? MeterDigitalInputCurrentOffset { get; init; }
}

/// <summary>The external meter's settings as written, before they are checked.</summary>
public sealed record ExternalMeterDraft
{
    /// <summary>"External Meter Location": <c>excluding</c> or <c>including</c>.</summary>
    public required string? Location { get; init; }

    /// <summary>"Main Distribution Limit (L1/L2/L3) [A]".</summary>
    public required PhaseValues? MainDistributionLimit { get; init; }

    /// <summary>"External Load Headroom (L1/L2/L3) [A]".</summary>
    public PhaseValues? ExternalLoadHeadroom { get; init; }

    /// <summary>"External Load Fallback (L1/L2/L3) [A]".</summary>
    public PhaseValues? ExternalLoadFallback { get; init; }
}

/// <summary>One row of the "Maximum Current Scheduler" as written, before it is checked.</summary>
public sealed record SchedulerEntryDraft
{
    /// <summary>Hour of the day in UTC.</summary>
    public required double? Hour { get; init; }

    /// <summary>Maximum charging current per phase from that hour on.</summary>
    public required PhaseValues? Limit { get; init; }
}
