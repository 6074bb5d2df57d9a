using System.Runtime.CompilerServices;

namespace Amtron.Dlm.Allocation;

/// <summary>Three longs on the stack, one per phase, for the allocation hot path.</summary>
[InlineArray(3)]
internal struct PhaseValues
{
    private long _element;
}
