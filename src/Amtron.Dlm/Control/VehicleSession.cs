using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>What the master remembers about a connected vehicle.</summary>
internal sealed class VehicleSession(long arrival, DateTimeOffset queueSince)
{
    public long Arrival { get; } = arrival;

    public DateTimeOffset QueueSince { get; set; } = queueSince;

    public string? Key { get; init; }

    public PhaseSet Phases { get; set; }

    public Amps? Cap { get; set; }

    public DateTimeOffset NextProbe { get; set; }

    public TimeSpan ProbeInterval { get; set; }

    public bool Probing { get; set; }

    public int LastSignalled { get; set; }

    public bool Decided { get; set; }

    public DateTimeOffset? ChargingSince { get; set; }

    public DateTimeOffset? LastWakeup { get; set; }

    public bool NotDrawing { get; set; }

    public long Seen { get; set; }
}
