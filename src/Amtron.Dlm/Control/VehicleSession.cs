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

    /// <summary>The draw its cap was learned from (the cap is that rounded up, and never below 6 A while it draws).</summary>
    public Amps CapDraw { get; set; }

    public DateTimeOffset NextProbe { get; set; }

    public TimeSpan ProbeInterval { get; set; }

    public bool Probing { get; set; }

    /// <summary>The cap before the probe under way: a probe answered with more than it was taken, if only in part.</summary>
    public Amps CapBeforeProbe { get; set; }

    public int LastSignalled { get; set; }

    /// <summary>When the signal it should follow last changed (a new current, a wake-up, its satellite losing the master).</summary>
    public DateTimeOffset SignalChangedAt { get; set; } = queueSince;

    /// <summary>Whether its draw has been judged since the signal last changed.</summary>
    public bool Judged { get; set; }

    /// <summary>True while its satellite cannot reach the master (it then follows its Disconnected Limit).</summary>
    public bool Disconnected { get; set; }

    public bool Decided { get; set; }

    public DateTimeOffset? ChargingSince { get; set; }

    public DateTimeOffset? LastWakeup { get; set; }

    public bool NotDrawing { get; set; }

    public long Seen { get; set; }

    /// <summary>Records a new signal to follow at <paramref name="now"/>; its draw is judged again once it has had time to follow.</summary>
    public void SignalChanged(DateTimeOffset now)
    {
        SignalChangedAt = now;
        Judged = false;
    }
}
