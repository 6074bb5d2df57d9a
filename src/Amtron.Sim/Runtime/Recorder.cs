using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Integrates the run's limits and loads over time. Every current is constant between events, so each interval is
/// checked once with the state that held during it: seconds above a limit, peak overshoot, peak phase currents,
/// peak imbalance. Before anything changes, the owner calls <see cref="BeginInterval"/> and, if it returns true,
/// <see cref="Check"/> for every limited point and then <see cref="EndInterval"/> (push style: the recorder runs
/// at nearly every event, so it must not allocate).
/// </summary>
internal sealed class Recorder
{
    private long _lastTicks;
    private long _span;
    private bool _violated;
    private bool _unbalanced;

    /// <summary>Where the interval begun next starts (simulated ticks).</summary>
    public long LastTicks => _lastTicks;

    /// <summary>Time during which a current limit (fuse, DLM limit) was exceeded.</summary>
    public long ViolationTicks { get; private set; }

    /// <summary>Time during which a network's phase spread exceeded its Current Imbalance Limit.</summary>
    public long ImbalanceViolationTicks { get; private set; }

    public Dictionary<string, long> ViolationTicksByLimit { get; } = new(StringComparer.Ordinal);

    public Amps PeakOvershoot { get; private set; }

    public Amps[] MaxGrid { get; } = [Amps.Zero, Amps.Zero, Amps.Zero];

    public Amps MaxImbalance { get; private set; }

    /// <summary>
    /// Starts accounting for the interval since the last call, during which the grid carried <paramref name="grid"/>.
    /// Returns false when the interval lasted no time: a state that lasted no time never existed at the fuse.
    /// </summary>
    public bool BeginInterval(long nowTicks, PhaseCurrents grid)
    {
        _span = nowTicks - _lastTicks;
        _lastTicks = nowTicks;
        if (_span <= 0)
        {
            return false;
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            MaxGrid[p] = Amps.Max(MaxGrid[p], grid[p]);
        }

        MaxImbalance = Amps.Max(MaxImbalance, grid.Spread);
        _violated = false;
        _unbalanced = false;
        return true;
    }

    /// <summary>Checks one limited point over the interval begun last; <paramref name="imbalance"/> marks the imbalance rule.</summary>
    public void Check(string name, PhaseCurrents current, PhaseCurrents limit, bool imbalance)
    {
        var over = Amps.Max(Amps.Max(current.L1 - limit.L1, current.L2 - limit.L2), current.L3 - limit.L3);
        if (over <= Amps.Zero)
        {
            return;
        }

        if (imbalance)
        {
            _unbalanced = true;
        }
        else
        {
            PeakOvershoot = Amps.Max(PeakOvershoot, over);
            _violated = true;
        }

        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ViolationTicksByLimit, name, out _) += _span;
    }

    /// <summary>Closes the interval begun last.</summary>
    public void EndInterval()
    {
        ViolationTicks += _violated ? _span : 0;
        ImbalanceViolationTicks += _unbalanced ? _span : 0;
    }
}
