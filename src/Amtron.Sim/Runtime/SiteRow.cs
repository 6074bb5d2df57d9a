using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The site's state from <see cref="Time"/> until the next row (<see cref="ITimeSeriesSink"/>). Spans are valid only
/// during the call that receives the row. A row made from the totals alone has empty <see cref="NetworkDraw"/> and
/// <see cref="ChargePointPhases"/> (<see cref="HasDetail"/> false).
/// </summary>
/// <param name="Time">When this state began.</param>
/// <param name="Supply">Current per phase at the grid connection: external load plus every point's draw.</param>
/// <param name="External">The load that is not ours (what a meter sees besides our points).</param>
/// <param name="Available">Per network (network order): the available current of its last decision.</param>
/// <param name="NetworkDraw">Per network (network order): what its charge points draw per phase, its supply line's load.</param>
/// <param name="ChargePoints">Per charge point (point order): its current on each phase it draws on.</param>
/// <param name="ChargePointPhases">Per charge point: the grid phases it draws on (bit 0 = L1).</param>
public readonly ref struct SiteRow(
    DateTimeOffset Time,
    PhaseCurrents Supply,
    PhaseCurrents External,
    ReadOnlySpan<PhaseCurrents> Available,
    ReadOnlySpan<PhaseCurrents> NetworkDraw,
    ReadOnlySpan<Amps> ChargePoints,
    ReadOnlySpan<byte> ChargePointPhases)
{
    /// <summary>When this state began.</summary>
    public DateTimeOffset Time { get; } = Time;

    /// <summary>Current per phase at the grid connection.</summary>
    public PhaseCurrents Supply { get; } = Supply;

    /// <summary>The load that is not ours.</summary>
    public PhaseCurrents External { get; } = External;

    /// <summary>Per network: the available current of its last decision.</summary>
    public ReadOnlySpan<PhaseCurrents> Available { get; } = Available;

    /// <summary>Per network: what its charge points draw per phase.</summary>
    public ReadOnlySpan<PhaseCurrents> NetworkDraw { get; } = NetworkDraw;

    /// <summary>Per charge point: its current on each phase it draws on.</summary>
    public ReadOnlySpan<Amps> ChargePoints { get; } = ChargePoints;

    /// <summary>Per charge point: the grid phases it draws on (bit 0 = L1).</summary>
    public ReadOnlySpan<byte> ChargePointPhases { get; } = ChargePointPhases;

    /// <summary>Whether the row carries each network's draw and each point's phases (not only the totals).</summary>
    public bool HasDetail => ChargePointPhases.Length == ChargePoints.Length && NetworkDraw.Length == Available.Length;

    /// <summary>A row of the totals alone: no network draws, no phases.</summary>
    public static SiteRow OfTotals(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
        new(time, supply, default, available, [], chargePoints, []);
}
