using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Where a network's Current Imbalance Limit is measured and what it allows: at the meter, external load included,
/// for a network with a meter (which cannot undo an imbalance that is not ours, so the external spread is allowed);
/// else on its supply line, its own draw against the limit.
/// </summary>
public static class ImbalanceMeasure
{
    /// <summary>The phase currents the rule is measured on, and the spread they may have.</summary>
    public static (PhaseCurrents Measured, Amps Allowed) Of(NetworkSpec network, PhaseCurrents draw, PhaseCurrents external)
    {
        ArgumentNullException.ThrowIfNull(network);
        var metered = network.Settings.ExternalMeter is not null;
        return metered
            ? (draw + external, Amps.Max(network.Settings.CurrentImbalanceLimit, external.Spread))
            : (draw, network.Settings.CurrentImbalanceLimit);
    }
}
