using Amtron.Dlm.Control;
using Amtron.Dlm.Limits;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Site.Model;

/// <summary>A change of the Operator limit at a time, as an EMS would send it.</summary>
public readonly record struct OperatorLimitChange(DateTimeOffset At, PhaseCurrents Limit);

/// <summary>One DLM network: its master's settings and controller, its stations.</summary>
/// <param name="Id">"DLM Network Id".</param>
/// <param name="Settings">The master's DLM settings (EVSE Sub-Distribution Limit is the supply line's fuse).</param>
/// <param name="Options">Controller behaviour (sample rate, queueing, wake-up, estimation).</param>
/// <param name="Stations">Master and satellites.</param>
public sealed record NetworkSpec(int Id, DlmSettings Settings, DlmControllerOptions Options, IReadOnlyList<StationSpec> Stations)
{
    /// <summary>Operator limit changes over time.</summary>
    public IReadOnlyList<OperatorLimitChange> OperatorLimitChanges { get; init; } = [];

    /// <summary>What the network's supply line (cable) carries per phase, when given (manual 6.3's requirement).</summary>
    public PhaseCurrents? SupplyLineCapacity { get; init; }

    /// <summary>The device protecting the supply line, when the file names its type (docs/grid.md).</summary>
    public ProtectiveDevice? SupplyLineDevice { get; init; }

    /// <summary>Whether any of its satellites loses the master at some time.</summary>
    public bool HasOutages => Stations.Any(s => s.Outages.Count > 0);

    /// <summary>The master's settings in force at <paramref name="time"/>: the last Operator limit change at or before it applied.</summary>
    public DlmSettings SettingsAt(DateTimeOffset time)
    {
        // The latest change at or before the instant, whatever the list's order (files are refused out of order; a
        // list built in code need not be sorted). Asked at every decision and limit check: no enumerator, no copy.
        var changes = OperatorLimitChanges;
        var latest = -1;
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].At <= time && (latest < 0 || changes[i].At >= changes[latest].At))
            {
                latest = i;
            }
        }

        return latest < 0 ? Settings : Settings with { OperatorEvseSubDistributionLimit = changes[latest].Limit };
    }

    /// <summary>
    /// This network with the Operator limit written at <paramref name="at"/> (by an EMS, manual 6.4), after every change
    /// in the list: it holds until a later change. The same network when that limit is already in force.
    /// </summary>
    public NetworkSpec WithOperatorLimit(DateTimeOffset at, PhaseCurrents limit) =>
        SettingsAt(at).OperatorEvseSubDistributionLimit == limit
            ? this
            : this with { OperatorLimitChanges = [.. OperatorLimitChanges, new OperatorLimitChange(at, limit)] };

    /// <summary>
    /// The limit the DLM keeps at <paramref name="time"/> before any meter: min(EVSE Sub-Distribution Limit, Operator
    /// limit lowered by the digital-input offset while the input is energised, schedule).
    /// </summary>
    public PhaseCurrents DlmLimitAt(DateTimeOffset time, bool digitalInputActive) =>
        PoolLimitCalculator.DlmLimit(SettingsAt(time), time, digitalInputActive);

    /// <summary>Charge points that take part in this network's DLM (a standalone master's own points do not).</summary>
    public IEnumerable<(StationSpec Station, ChargePointSpec ChargePoint)> ManagedChargePoints =>
        Stations.Where(s => s.Role != StationRole.MasterStandalone).SelectMany(s => s.ChargePoints.Select(cp => (s, cp)));
}
