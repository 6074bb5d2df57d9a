using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>How the DLM master's controller behaves between and across decisions.</summary>
public sealed record DlmControllerOptions
{
    /// <summary>The device default "DLM Algorithm Sample Rate".</summary>
    public static readonly TimeSpan DefaultSampleRate = TimeSpan.FromSeconds(30);

    /// <summary>IEC 61851-1's time for a vehicle to follow a change of the signalled current.</summary>
    public static readonly TimeSpan DefaultReactionAllowance = TimeSpan.FromSeconds(5);

    /// <summary>"DLM Algorithm Sample Rate": time between decisions.</summary>
    public TimeSpan SampleRate { get; init; } = DefaultSampleRate;

    /// <summary>Queueing when current is short.</summary>
    public QueueingPolicy Queueing { get; init; } = QueueingPolicy.FairTradeFifo;

    /// <summary>With round-robin: how long a vehicle charges before waiting vehicles take its place.</summary>
    public TimeSpan RotationInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>"Allow EV Wakeup": wake a vehicle that does not draw the current it is offered (it fell asleep).</summary>
    public bool AllowEvWakeup { get; init; } = true;

    /// <summary>Least time between two wake-ups of the same vehicle.</summary>
    public TimeSpan WakeupRetryInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a vehicle is given to follow a new signal before its draw is judged (IEC 61851-1 gives it 5 s): until
    /// more than this has passed since its signal changed, a draw below the signal is a vehicle that has not reacted
    /// yet, not one that under-draws. Must be at least the slowest vehicle's reaction delay.
    /// </summary>
    public TimeSpan ReactionAllowance { get; init; } = DefaultReactionAllowance;

    /// <summary>How a vehicle's demand ceiling is estimated from its draw.</summary>
    public DemandEstimationOptions DemandEstimation { get; init; } = new();
}

/// <summary>
/// A vehicle that draws clearly less than it is signalled (end of charge, cold battery, an on-board charger smaller
/// than the point) is capped near its draw so the rest goes to others, and probed upward again later.
/// </summary>
public sealed record DemandEstimationOptions
{
    /// <summary>
    /// Drawing at least this much below the signalled current counts as "clearly less". One amp: a smaller gap is
    /// the ordinary difference between a vehicle's draw and its signal, a larger one is current the others could use.
    /// </summary>
    public Amps UnderDrawThreshold { get; init; } = Amps.From(1);

    /// <summary>
    /// The cap is the draw plus this margin, rounded up to whole amps. None by default: what a vehicle does not take
    /// goes to the others completely (manual, chapter 6); probes find out when it can take more.
    /// </summary>
    public Amps CapMargin { get; init; } = Amps.Zero;

    /// <summary>How often a capped vehicle is offered more.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After a probe the vehicle did not take, the probe interval grows by this factor.</summary>
    public double ProbeBackoff { get; init; } = 2;

    /// <summary>The probe interval never grows beyond this.</summary>
    public TimeSpan MaximumProbeInterval { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>How much more a probe offers above the cap.</summary>
    public Amps ProbeStep { get; init; } = Amps.From(4);

    /// <summary>A phase drawing at least this much counts as a phase the vehicle charges on.</summary>
    public Amps PhaseDetectionThreshold { get; init; } = Amps.From(1);
}
