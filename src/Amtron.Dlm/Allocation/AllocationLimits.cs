namespace Amtron.Dlm.Allocation;

/// <summary>What the allocation must respect, in integer units: whole amps available, milliamps of external load.</summary>
internal struct AllocationLimits
{
    /// <summary>Whole amps available per phase.</summary>
    public PhaseValues Available;

    /// <summary>External load per phase in milliamps (zero without a meter).</summary>
    public PhaseValues ExternalMilliamps;

    /// <summary>True when Current Imbalance Prevention is on.</summary>
    public bool ImbalancePrevention;

    /// <summary>
    /// Per ordered pair of phases (p, q) at index 3p + q, in milliamps, how much more p may weigh than q beyond the
    /// model (vehicles whose phases are not known yet): p's load plus this may exceed q's by no more than the spread.
    /// </summary>
    public PairValues ReserveMilliamps;

    /// <summary>True when a reserve is not zero (then each pair of phases is checked on its own, as with a vehicle's shortfall).</summary>
    public bool HasMargins;

    /// <summary>Largest allowed spread of (external + charging) phase loads, in milliamps.</summary>
    public long AllowedSpreadMilliamps;
}
