using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>Receives the state of the site at every instant where something changed (one row per instant).</summary>
public interface ITimeSeriesSink
{
    /// <summary>Called once before the first row with the names of the columns that follow.</summary>
    void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds);

    /// <summary>
    /// The state from <paramref name="time"/> until the next row: supply current at the grid connection per phase,
    /// the available current of each network's last decision (3 per network, network order), and each charge point's
    /// current per phase (charge point order).
    /// </summary>
    void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints);

    /// <summary>
    /// The same row with what lies behind the totals (each network's draw, the external load, each point's phases),
    /// for sinks that show phases and networks apart; the others need only the totals of the short form.
    /// </summary>
    void Row(in SiteRow row) => Row(row.Time, row.Supply, row.Available, row.ChargePoints);

    /// <summary>Called once after the last row with the end of the simulated period.</summary>
    void Finish(DateTimeOffset time);
}
