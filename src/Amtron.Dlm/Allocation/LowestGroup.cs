namespace Amtron.Dlm.Allocation;

/// <summary>
/// The lowest unparked active points after a fill pass: their common current, the next higher current among the
/// others, their least headroom to a ceiling, how many of them draw from each phase, and which phase kinds they are.
/// </summary>
internal struct LowestGroup
{
    public long Level;
    public long Next;
    public long Headroom;
    public PhaseValues Members;

    /// <summary>Bit k set when a member is of phase kind (mask) k.</summary>
    public int Kinds;
}

/// <summary>
/// Builds a <see cref="LowestGroup"/> during a pass, counting members per phase kind (cheaper than per phase). Only the
/// counts of kinds in <see cref="_kinds"/> are read: a new lowest level starts them afresh without clearing the rest.
/// </summary>
internal ref struct GroupSurvey
{
    private readonly Span<int> _perKind;
    private long _lowest;
    private long _next;
    private long _headroom;
    private int _kinds;

    public GroupSurvey(Span<int> perKind)
    {
        _perKind = perKind;
        _lowest = long.MaxValue;
        _next = long.MaxValue;
        _headroom = long.MaxValue;
        _kinds = 0;
    }

    // Inlined: called for every active point on every fill round (the JIT does not inline it by itself).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Include(long current, long headroom, byte kind)
    {
        if (current < _lowest)
        {
            _next = _lowest;
            _lowest = current;
            _headroom = headroom;
            _kinds = 1 << kind;
            _perKind[kind] = 1;
        }
        else if (current == _lowest)
        {
            _headroom = Math.Min(_headroom, headroom);
            var bit = 1 << kind;
            _perKind[kind] = (_kinds & bit) != 0 ? _perKind[kind] + 1 : 1;
            _kinds |= bit;
        }
        else if (current < _next)
        {
            _next = current;
        }
    }

    public readonly void WriteTo(ref LowestGroup group)
    {
        group.Level = _lowest;
        group.Next = _next;
        group.Headroom = _headroom;
        group.Members = default;
        group.Kinds = _kinds;
        for (var kinds = _kinds; kinds != 0; kinds &= kinds - 1)
        {
            var kind = System.Numerics.BitOperations.TrailingZeroCount(kinds);
            for (var p = 0; p < Amtron.Dlm.Units.PhaseSet.PhaseCount; p++)
            {
                // Stryker disable once Bitwise : kind is 1..7, never negative: >> and >>> agree
                group.Members[p] += ((kind >> p) & 1) * _perKind[kind];
            }
        }
    }
}
