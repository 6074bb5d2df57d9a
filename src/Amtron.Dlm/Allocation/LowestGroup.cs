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

/// <summary>Builds a <see cref="LowestGroup"/> during a pass, counting members per phase kind (cheaper than per phase).</summary>
internal ref struct GroupSurvey
{
    private readonly Span<int> _perKind;
    private long _lowest;
    private long _next;
    private long _headroom;

    public GroupSurvey(Span<int> perKind)
    {
        _perKind = perKind;
        // Stryker disable once Statement : the first Include clears it again; with none, the group is empty and its counts unread
        _perKind.Clear();
        _lowest = long.MaxValue;
        _next = long.MaxValue;
        _headroom = long.MaxValue;
    }

    public void Include(long current, long headroom, byte kind)
    {
        if (current < _lowest)
        {
            _next = _lowest;
            _lowest = current;
            _headroom = headroom;
            _perKind.Clear();
            _perKind[kind] = 1;
        }
        else if (current == _lowest)
        {
            _headroom = Math.Min(_headroom, headroom);
            _perKind[kind]++;
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
        group.Kinds = 0;
        for (var kind = 1; kind < _perKind.Length; kind++)
        {
            // Stryker disable once Assignment : Kinds is cleared above and each kind sets its own bit once: or and xor agree
            group.Kinds |= _perKind[kind] > 0 ? 1 << kind : 0;
            for (var p = 0; p < Amtron.Dlm.Units.PhaseSet.PhaseCount; p++)
            {
                // Stryker disable once Bitwise : kind is 1..7, never negative: >> and >>> agree
                group.Members[p] += ((kind >> p) & 1) * _perKind[kind];
            }
        }
    }
}
