using Amtron.Dlm.Units;

namespace Amtron.Dlm.Decision;

/// <summary>What the external meter said at the last poll: phase currents, or that it did not answer.</summary>
public readonly record struct MeterReading
{
    private MeterReading(bool failed, PhaseCurrents currents)
    {
        IsFailed = failed;
        Currents = currents;
    }

    /// <summary>True when the meter is not communicating; the External Load Fallback applies.</summary>
    public bool IsFailed { get; }

    /// <summary>Measured phase currents (negative = export); zero when failed.</summary>
    public PhaseCurrents Currents { get; }

    /// <summary>A meter that did not answer.</summary>
    public static MeterReading Failed => new(true, PhaseCurrents.Zero);

    /// <summary>A successful reading.</summary>
    public static MeterReading Of(PhaseCurrents currents) => new(false, currents);
}
