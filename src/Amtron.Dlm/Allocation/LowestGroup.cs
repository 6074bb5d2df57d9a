namespace Amtron.Dlm.Allocation;

/// <summary>
/// The lowest unparked active points after a fill pass: their common current, the next higher current among the
/// others, their least headroom to a ceiling, and how many of them draw from each phase.
/// </summary>
internal struct LowestGroup
{
    public long Level;
    public long Next;
    public long Headroom;
    public PhaseValues Members;
}
