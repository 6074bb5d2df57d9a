using Amtron.Dlm.Units;
using Amtron.Site.Control;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>A DLM network during the run: its controller, its charge points, its pending decision.</summary>
internal sealed class NetworkRuntime(NetworkSpec spec, int index, double voltage, Action<NetworkRuntime> decide)
{
    /// <summary>The network as configured, with the Operator limits an EMS wrote so far (the master's).</summary>
    public NetworkSpec Spec => Master.Spec;

    /// <summary>Its position among the site's networks (column order of the results, index in the ledger).</summary>
    public int Index { get; } = index;

    /// <summary>When its meter's reading last changed other than by a poll (external load, a draw it includes, a failure).</summary>
    public long MeterChangedTicks { get; set; } = -1;

    /// <summary>Energy its master withholds (signalled, not drawn, wanted by others).</summary>
    public WithheldCurrent Withheld { get; } = new(voltage);

    /// <summary>The master's side of the loop: observations, settings in force, commands.</summary>
    public NetworkMaster<ChargePointRuntime> Master { get; } = new(spec);

    public List<ChargePointRuntime> ChargePoints { get; } = [];

    /// <summary>Its points with a vehicle, in the order of <see cref="ChargePoints"/>.</summary>
    public List<ChargePointRuntime> Occupied { get; } = [];

    /// <summary>Whether any of its satellites loses the master at some time (then every point is looked at).</summary>
    public bool HasOutages { get; } = spec.HasOutages;

    /// <summary>A vehicle plugged in at <paramref name="point"/>.</summary>
    public void Occupy(ChargePointRuntime point)
    {
        var at = Occupied.Count;
        while (at > 0 && Occupied[at - 1].PositionInNetwork > point.PositionInNetwork)
        {
            at--;
        }

        Occupied.Insert(at, point);
    }

    /// <summary>The vehicle at <paramref name="point"/> left.</summary>
    public void Vacate(ChargePointRuntime point) => Occupied.Remove(point);

    /// <summary>Takes its decision (one delegate for the whole run, so scheduling a decision allocates only the event).</summary>
    public Action<NetworkRuntime> Decide { get; } = decide;

    /// <summary>The next decision, if one is scheduled.</summary>
    public Kernel.SimEvent? PendingDecision { get; set; }

    /// <summary>When the pending decision is due (simulated ticks).</summary>
    public long PendingDecisionTicks { get; set; }

    /// <summary>When the last decision was taken (simulated ticks), so two never fall on one instant.</summary>
    public long LastDecisionTicks { get; set; } = -1;
}
