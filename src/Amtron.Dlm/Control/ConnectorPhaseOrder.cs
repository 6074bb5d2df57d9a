using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>
/// What the master knows of the order of a connector's phases (its phase rotation): a vehicle on fewer phases than the
/// connector has draws on the connector's L1, or on its L1 and L2. Unknown parts leave more phase sets possible.
/// </summary>
/// <param name="Connector">The grid phases wired to the connector.</param>
/// <param name="First">The grid phase of the connector's L1; empty when not known.</param>
/// <param name="Leading">The grid phases of the connector's L1 and L2 (its L1 alone on two phases); empty when not known.</param>
internal readonly record struct ConnectorPhaseOrder(PhaseSet Connector, PhaseSet First, PhaseSet Leading)
{
    public static ConnectorPhaseOrder Of(in ChargePointObservation observation)
    {
        var connector = observation.ConnectorPhases.Mask;
        return new(
            observation.ConnectorPhases,
            PhaseSet.FromMask(observation.FirstPhase.Mask & connector),
            PhaseSet.FromMask(observation.LeadingPhases.Mask & connector));
    }

    /// <summary>
    /// Whether a vehicle could draw on exactly the phases of <paramref name="mask"/>: some of the connector's, and a
    /// prefix of its order, so each known prefix either holds them all or lies within them.
    /// </summary>
    public bool MayDrawOn(int mask) =>
        mask != 0 && (mask & ~Connector.Mask) == 0 && IsComparable(mask, First.Mask) && IsComparable(mask, Leading.Mask);

    /// <summary>
    /// Per ordered pair of phases (p, q): the most that p may weigh more than q, beyond the model, when a vehicle draws
    /// <paramref name="current"/> on one of the phase sets it may use. The model is <paramref name="current"/> on every
    /// connector phase (<paramref name="modelledOnConnector"/>: a vehicle let in before its phases are known) or nothing
    /// (a satellite out of reach, which may draw its Disconnected Limit or nothing).
    /// </summary>
    public PhasePairCurrents WorstCase(Amps current, bool modelledOnConnector)
    {
        var worst = PhasePairCurrents.Zero;
        var modelled = modelledOnConnector ? Connector.Mask : 0;
        for (var mask = 1; mask <= 0b111; mask++)
        {
            if (!MayDrawOn(mask))
            {
                continue;
            }

            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                for (var q = 0; q < PhaseSet.PhaseCount; q++)
                {
                    var beyond = current * (On(mask, p) - On(mask, q) - (On(modelled, p) - On(modelled, q)));
                    if (p != q && beyond > worst[p, q])
                    {
                        worst = worst.With(p, q, beyond);
                    }
                }
            }
        }

        return worst;
    }

    private static bool IsComparable(int mask, int prefix) => prefix == 0 || (mask & prefix) == mask || (mask & prefix) == prefix;

    private static int On(int mask, int phase) => (mask >> phase) & 1;
}
