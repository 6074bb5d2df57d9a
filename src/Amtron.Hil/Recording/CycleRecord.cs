using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Units;

namespace Amtron.Hil.Recording;

/// <summary>The first line of a recording: the site as run (its whole file, so a replay needs nothing else).</summary>
/// <param name="Type">"header".</param>
/// <param name="Tool">The tool's version.</param>
/// <param name="SiteFile">The site file's path as given.</param>
/// <param name="SiteYaml">The site file's text.</param>
/// <param name="Write">Whether setpoints were written (else a dry run).</param>
public sealed record RecordHeader(string Type, string Tool, string SiteFile, string SiteYaml, bool Write);

/// <summary>One cycle of one network: what was read, the controller's exact input, its decision, what was written.</summary>
public sealed record CycleRecord
{
    /// <summary>"cycle".</summary>
    public string Type { get; init; } = "cycle";

    /// <summary>The DLM Network Id.</summary>
    public int Network { get; init; }

    /// <summary>The cycle's number in its network's loop, from 1.</summary>
    public long Cycle { get; init; }

    /// <summary>The instant of the decision (UTC).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The meter as read (null when the site has no meter).</summary>
    public RecordedMeter? Meter { get; init; }

    /// <summary>The controller's input besides the observations: the meter reading it took, the downgrade input.</summary>
    public required RecordedInput Input { get; init; }

    /// <summary>Each point as read over its EMS interface, in the site file's order (what the status reports were built from).</summary>
    public IReadOnlyList<RecordedPoint> Points { get; init; } = [];

    /// <summary>The status reports decided on.</summary>
    public required IReadOnlyList<RecordedObservation> Observations { get; init; }

    /// <summary>The decision and why.</summary>
    public required RecordedDecision Decision { get; init; }

    /// <summary>The HEMS limits written (or, dry, that would have been).</summary>
    public IReadOnlyList<RecordedWrite> Writes { get; init; } = [];

    /// <summary>Device errors and slow decisions of this cycle, one line each.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>How long the decision took, ms.</summary>
    public double DecisionMs { get; init; }

    /// <summary>From the start of the meter read to the end of the last write, ms.</summary>
    public double LatencyMs { get; init; }
}

/// <summary>A meter read as it came.</summary>
public sealed record RecordedMeter(string Status, double[] CurrentsA, bool DigitalInput, string? Error);

/// <summary>A point's EMS read as it came: vehicle state (IEC 61851, 1–5), relay phases, currents (A), signalled and EV maximum current (A), or the error.</summary>
public sealed record RecordedPoint(string Id, int VehicleState, int RelayPhases, double[]? CurrentsA, int SignalledAmps, int EvMaximumAmps, string? Error);

/// <summary>The controller's input: the meter reading in milliamps (or failed) and the downgrade input.</summary>
public sealed record RecordedInput(bool MeterFailed, long[] MeterMilliamps, bool DigitalInput)
{
    /// <summary>The record of a decision's meter reading and downgrade input.</summary>
    public static RecordedInput From(MeterReading meter, bool digitalInput) =>
        new(meter.IsFailed, Milliamps(meter.Currents), digitalInput);

    /// <summary>The decision input recorded, at <paramref name="time"/>.</summary>
    public DecisionInput ToInput(DateTimeOffset time) =>
        new(time, MeterFailed ? MeterReading.Failed : MeterReading.Of(Currents(MeterMilliamps)), DigitalInput);

    internal static long[] Milliamps(PhaseCurrents c) => [c.L1.Milliamps, c.L2.Milliamps, c.L3.Milliamps];

    internal static PhaseCurrents Currents(long[] milliamps) =>
        new(Amps.FromMilliamps(milliamps[0]), Amps.FromMilliamps(milliamps[1]), Amps.FromMilliamps(milliamps[2]));
}

/// <summary>A <see cref="ChargePointObservation"/> in whole numbers (phase masks, milliamps): it replays exactly.</summary>
public sealed record RecordedObservation(
    string Id,
    int ConnectorPhases,
    long InstallationMilliamps,
    bool VehicleConnected,
    long[] MeasuredMilliamps,
    bool Reachable,
    string? SessionKey,
    int LeadingPhases,
    int FirstPhase,
    long DisconnectedMilliamps)
{
    /// <summary>The record of <paramref name="o"/>.</summary>
    public static RecordedObservation From(in ChargePointObservation o) => new(
        o.Id,
        o.ConnectorPhases.Mask,
        o.InstallationCurrentLimit.Milliamps,
        o.VehicleConnected,
        RecordedInput.Milliamps(o.MeasuredCurrents),
        o.Reachable,
        o.SessionKey,
        o.LeadingPhases.Mask,
        o.FirstPhase.Mask,
        o.DisconnectedLimit.Milliamps);

    /// <summary>The observation recorded, exactly.</summary>
    public ChargePointObservation ToObservation() =>
        new(Id, PhaseSet.FromMask((byte)ConnectorPhases), Amps.FromMilliamps(InstallationMilliamps), VehicleConnected, RecordedInput.Currents(MeasuredMilliamps))
        {
            Reachable = Reachable,
            SessionKey = SessionKey,
            LeadingPhases = PhaseSet.FromMask((byte)LeadingPhases),
            FirstPhase = PhaseSet.FromMask((byte)FirstPhase),
            DisconnectedLimit = Amps.FromMilliamps(DisconnectedMilliamps),
        };
}

/// <summary>A decision: the available current and what bound it, each point's command, the outcomes in priority order.</summary>
public sealed record RecordedDecision(long[] AvailableMilliamps, string[] BoundBy, string MeterStatus, IReadOnlyList<RecordedCommand> Commands, IReadOnlyList<RecordedOutcome> Outcomes);

/// <summary>A command to a point.</summary>
public sealed record RecordedCommand(string Id, int Current, bool Wakeup, string Reason)
{
    /// <summary>The record of <paramref name="c"/>.</summary>
    public static RecordedCommand From(in ChargePointCommand c) => new(c.Id, c.Current, c.Wakeup, c.Reason.ToString());
}

/// <summary>Why a point got its current.</summary>
public sealed record RecordedOutcome(string Id, string Outcome);

/// <summary>A HEMS limit written to a point: done (false in a dry run or on an error), and the error.</summary>
public sealed record RecordedWrite(string Id, int Amps, bool Done, string? Error);
