namespace Amtron.Dlm.Allocation;

/// <summary>Why a charge point got the current it got.</summary>
public enum AllocationOutcome : byte
{
    /// <summary>No vehicle wants to charge: 0 A.</summary>
    NotRequesting,

    /// <summary>Its ceiling (installation limit or vehicle) is below the 6 A minimum: 0 A.</summary>
    CeilingBelowMinimum,

    /// <summary>Not enough current for one more charging point at 6 A; it waits (0 A).</summary>
    Paused,

    /// <summary>It got its full ceiling.</summary>
    Ceiling,

    /// <summary>Phase L1 has no more current available.</summary>
    PhaseLimitL1,

    /// <summary>Phase L2 has no more current available.</summary>
    PhaseLimitL2,

    /// <summary>Phase L3 has no more current available.</summary>
    PhaseLimitL3,

    /// <summary>One more amp would exceed the Current Imbalance Limit.</summary>
    ImbalanceLimit,
}
