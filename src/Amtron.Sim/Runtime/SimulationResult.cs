using Amtron.Dlm.Units;
using Amtron.Grid.Connection;
using Amtron.Grid.Dimming;

namespace Amtron.Sim.Runtime;

/// <summary>What one charging session got.</summary>
public sealed record SessionResult(
    string Id,
    string ChargePointId,
    DateTimeOffset Arrival,
    DateTimeOffset Departure,
    double EnergyWantedKWh,
    double EnergyDeliveredKWh,
    bool Rejected)
{
    /// <summary>Delivered what was wanted (to the watt-hour), or all the battery could take.</summary>
    public bool FullySatisfied { get; init; }

    /// <summary>When it first drew current; null if it never did.</summary>
    public DateTimeOffset? ChargingFrom { get; init; }

    /// <summary>From arrival until it first drew current: how long it waited (null if it never drew any).</summary>
    public TimeSpan? Waited => ChargingFrom - Arrival;

    /// <summary>Energy wanted and not delivered (kWh).</summary>
    public double ShortfallKWh => Math.Max(0, EnergyWantedKWh - EnergyDeliveredKWh);
}

/// <summary>The outcome of a run: KPIs at the fuses and per session.</summary>
public sealed record SimulationResult(
    IReadOnlyList<SessionResult> Sessions,
    IReadOnlyList<Amps> MaxPhaseCurrent,
    double LimitViolationSeconds,
    double ImbalanceViolationSeconds,
    IReadOnlyDictionary<string, double> LimitViolationSecondsByLimit,
    Amps PeakOvershoot,
    Amps MaxImbalance,
    int ContactorCycles,
    double SimulatedSeconds,
    long Events,
    long Decisions)
{
    /// <summary>Every stretch of time above a limit, by start (then limit name); their durations add up to the totals by limit.</summary>
    public IReadOnlyList<LimitExcursion> LimitExcursions { get; init; } = [];

    /// <summary>
    /// Part of <see cref="LimitViolationSeconds"/> outside the transient window after every change (a sample, the
    /// reaction allowance, the slowest vehicle's reaction, a meter poll): time the master could have prevented.
    /// </summary>
    public double LimitViolationSteadySeconds { get; init; }

    /// <summary>Part of <see cref="ImbalanceViolationSeconds"/> outside the transient window after every change.</summary>
    public double ImbalanceViolationSteadySeconds { get; init; }

    /// <summary>
    /// Energy the masters withheld: signalled to vehicles that followed the signal but did not draw it (cap margins,
    /// probes not taken, sleeping vehicles not yet noticed) while others on the same phase were held below what they
    /// would take. An upper bound on what the others lost.
    /// </summary>
    public double EnergyWithheldKWh { get; init; }

    /// <summary><see cref="EnergyWithheldKWh"/> as a percentage of the energy delivered (0 when nothing was delivered).</summary>
    public double EnergyWithheldPercent => EnergyDeliveredKWh > 0 ? 100 * EnergyWithheldKWh / EnergyDeliveredKWh : 0;

    /// <summary>The named protective devices' trip risk (docs/grid.md): the main fuse first, then supply lines.</summary>
    public IReadOnlyList<DeviceRisk> Devices { get; init; } = [];

    /// <summary>Unbalance at the grid connection point against VDE-AR-N 4100 5.5.2; null when not measured.</summary>
    public UnbalanceFigures? Unbalance { get; init; }

    /// <summary>How the site kept the grid operator's §14a dimming; null when it is not dimmed.</summary>
    public DimmingCompliance? Dimming { get; init; }

    /// <summary>Energy delivered over all sessions.</summary>
    public double EnergyDeliveredKWh => Sessions.Sum(s => s.EnergyDeliveredKWh);

    /// <summary>Energy wanted over all sessions.</summary>
    public double EnergyRequestedKWh => Sessions.Sum(s => s.EnergyWantedKWh);

    /// <summary>Sessions that got everything they wanted.</summary>
    public int SessionsFullySatisfied => Sessions.Count(s => s.FullySatisfied);
}
