namespace Amtron.Dlm.Units;

/// <summary>The grid phases a vehicle draws from: any non-empty subset of L1, L2, L3, as a 3-bit mask.</summary>
public readonly record struct PhaseSet
{
    /// <summary>Number of grid phases.</summary>
    public const int PhaseCount = 3;

    /// <summary>Number of distinct non-empty phase sets (masks 1..7).</summary>
    public const int KindCount = 7;

    private PhaseSet(byte mask) => Mask = mask;

    /// <summary>Bit 0 = L1, bit 1 = L2, bit 2 = L3.</summary>
    public byte Mask { get; }

    /// <summary>All three phases.</summary>
    public static PhaseSet ThreePhase => new(0b111);

    /// <summary>No phase (not a valid vehicle connection; used as "unknown").</summary>
    public static PhaseSet None => default;

    /// <summary>A set from its bit mask (0..7).</summary>
    public static PhaseSet FromMask(int mask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mask);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mask, 0b111);
        return new((byte)mask);
    }

    /// <summary>A set of the given phases.</summary>
    public static PhaseSet Of(params ReadOnlySpan<Phase> phases)
    {
        var mask = 0;
        foreach (var phase in phases)
        {
            mask |= 1 << (int)phase;
        }

        return FromMask(mask);
    }

    /// <summary>True when the set holds the phase.</summary>
    public bool Contains(Phase phase) => (Mask & (1 << (int)phase)) != 0;

    /// <summary>True when the set holds the phase with index 0..2.</summary>
    public bool Contains(int phaseIndex) => (Mask & (1 << phaseIndex)) != 0;

    /// <summary>Number of phases in the set.</summary>
    // Stryker disable once Bitwise : Mask is 0..7, never negative: >> and >>> agree
    public int Count => (Mask & 1) + ((Mask >> 1) & 1) + ((Mask >> 2) & 1);

    /// <summary>True for the empty set.</summary>
    public bool IsEmpty => Mask == 0;

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "none";
        }

        var parts = new List<string>(PhaseCount);

        // Stryker disable once Equality : bit 3 of a 3-bit mask is never set, so looking at p = 3 adds nothing
        for (var p = 0; p < PhaseCount; p++)
        {
            if (Contains(p))
            {
                parts.Add(((Phase)p).ToString());
            }
        }

        return string.Join('+', parts);
    }
}
