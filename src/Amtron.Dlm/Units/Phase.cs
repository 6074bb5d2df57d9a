namespace Amtron.Dlm.Units;

/// <summary>A grid phase (outer conductor) as the DLM master sees it, after phase rotation.</summary>
public enum Phase
{
    /// <summary>Outer conductor L1.</summary>
    L1 = 0,

    /// <summary>Outer conductor L2.</summary>
    L2 = 1,

    /// <summary>Outer conductor L3.</summary>
    L3 = 2,
}
