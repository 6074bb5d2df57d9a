namespace Amtron.Hil;

/// <summary>How `amtron hil` runs.</summary>
public sealed record HilOptions
{
    /// <summary>Write setpoints (--write); false: a dry run that decides, prints and records, and writes nothing.</summary>
    public bool Write { get; init; }

    /// <summary>On stopping, leave every point paused (0 A) instead of at its safe current (--safe-pause).</summary>
    public bool SafePause { get; init; }

    /// <summary>Stop after this many cycles per network (tests, measurements); null: until stopped.</summary>
    public long? Cycles { get; init; }

    /// <summary>How long one Modbus request may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
