using Amtron.Dlm.Units;

namespace Amtron.Dlm.Settings;

/// <summary>
/// The DLM master's "Dynamic Load Management" page, as far as it shapes the current limit and its split.
/// Property names follow the web interface so an installer can map each setting 1:1.
/// </summary>
/// <param name="EvseSubDistributionLimit">"EVSE Sub-Distribution Limit (L1/L2/L3) [A]": the supply line's fuse.</param>
public sealed record DlmSettings(PhaseCurrents EvseSubDistributionLimit)
{
    /// <summary>The device's default "Current Imbalance Limit [A]" (the German TAB asymmetry limit).</summary>
    public static readonly Amps DefaultCurrentImbalanceLimit = Amps.From(20);

    private readonly PhaseCurrents? _operatorLimit;

    /// <summary>
    /// "Operator EVSE Sub-Distribution Limit (L1/L2/L3) [A]": the upper limit an operator or EMS may lower during
    /// operation. Unset, it equals the EVSE Sub-Distribution Limit.
    /// </summary>
    public PhaseCurrents OperatorEvseSubDistributionLimit
    {
        get => _operatorLimit ?? EvseSubDistributionLimit;
        init => _operatorLimit = value;
    }

    /// <summary>"Current Imbalance Prevention".</summary>
    public bool CurrentImbalancePrevention { get; init; }

    /// <summary>"Current Imbalance Limit [A]": largest allowed difference between two phase currents.</summary>
    public Amps CurrentImbalanceLimit { get; init; } = DefaultCurrentImbalanceLimit;

    /// <summary>"External Meter Support" = On with its settings; null = Off.</summary>
    public ExternalMeterSettings? ExternalMeter { get; init; }

    /// <summary>"Maximum Current Scheduler" = On with its entries; null = Off.</summary>
    public MaximumCurrentScheduler? MaximumCurrentScheduler { get; init; }

    /// <summary>"Meter Digital Input Current Offset (L1/L2/L3) [A]": lowers the Operator limit while the input is energised.</summary>
    public PhaseCurrents MeterDigitalInputCurrentOffset { get; init; } = PhaseCurrents.Zero;
}
