using System.Runtime.CompilerServices;

namespace Amtron.Dlm.Allocation;

/// <summary>Three longs on the stack, one per phase, for the allocation hot path.</summary>
[InlineArray(3)]
internal struct PhaseValues
{
    private long _element;
}

/// <summary>Nine longs on the stack, one per ordered pair of phases (p, q) at index 3p + q, for the allocation hot path.</summary>
[InlineArray(PairCount)]
internal struct PairValues
{
    public const int PairCount = 9;

    private long _element;
}
