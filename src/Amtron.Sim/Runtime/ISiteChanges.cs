using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Where a running simulation reports what changes at site level: the ledger itself (one thread runs the whole site),
/// or a change log that the ledger replays later (DLM networks simulated in parallel).
/// </summary>
internal interface ISiteChanges
{
    /// <summary>Before anything changes at <paramref name="ticks"/>: the interval that ends now is accounted.</summary>
    void BeforeChange(long ticks);

    /// <summary>A charge point's draw changed to <paramref name="draw"/> on the grid phases in <paramref name="phaseMask"/>.</summary>
    /// <param name="ticks">When.</param>
    /// <param name="point">The point's index in the site (column order).</param>
    /// <param name="network">The managing network's index, or -1 for a standalone master's own point.</param>
    /// <param name="phaseMask">Grid phases the vehicle draws on (bit 0 = L1).</param>
    /// <param name="draw">The new draw per phase.</param>
    void PointDraw(long ticks, int point, int network, int phaseMask, Amps draw);

    /// <summary>
    /// What a point grants its vehicle and what the vehicle would take, per phase it draws on (both zero while it does
    /// not ask for energy); reported only where the grid operator dims the site (§14a, docs/grid.md).
    /// </summary>
    void PointGrant(long ticks, int point, int phaseMask, Amps granted, Amps wanted);

    /// <summary>A network's last decision made <paramref name="available"/> available.</summary>
    void Available(long ticks, int network, PhaseCurrents available);

    /// <summary>The external loads changed to <paramref name="external"/>.</summary>
    void External(long ticks, PhaseCurrents external);

    /// <summary>
    /// Something changed that a network's master reacts to only at its next decisions (or the site's, for
    /// <paramref name="network"/> = the number of networks): until <paramref name="untilTicks"/>, time above its limits
    /// is transient.
    /// </summary>
    void Transient(long ticks, int network, long untilTicks);
}
