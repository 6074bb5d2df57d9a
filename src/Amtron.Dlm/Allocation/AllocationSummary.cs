namespace Amtron.Dlm.Allocation;

/// <summary>Totals of one allocation.</summary>
/// <param name="ChargingCount">Number of charge points given at least the minimum current.</param>
/// <param name="PhaseLoadL1">Sum of allocated whole amps drawn from L1.</param>
/// <param name="PhaseLoadL2">Sum of allocated whole amps drawn from L2.</param>
/// <param name="PhaseLoadL3">Sum of allocated whole amps drawn from L3.</param>
public readonly record struct AllocationSummary(int ChargingCount, long PhaseLoadL1, long PhaseLoadL2, long PhaseLoadL3);
