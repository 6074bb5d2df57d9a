using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Integrates the run's limits and loads over time. Every current is constant between events, so each interval is
/// checked once with the state that held during it: seconds above a limit, peak overshoot, peak phase currents,
/// peak imbalance. Call <see cref="Advance"/> before anything changes.
/// </summary>
internal sealed class Recorder
{
    private readonly Func<long, IEnumerable<(string Name, PhaseCurrents Current, PhaseCurrents Limit, bool Imbalance)>> _limitedPoints;
    private readonly Func<PhaseCurrents> _grid;
    private long _lastTicks;

    public Recorder(Func<PhaseCurrents> grid, Func<long, IEnumerable<(string Name, PhaseCurrents Current, PhaseCurrents Limit, bool Imbalance)>> limitedPoints)
    {
        _grid = grid;
        _limitedPoints = limitedPoints;
    }

    /// <summary>Time during which a current limit (fuse, DLM limit) was exceeded.</summary>
    public long ViolationTicks { get; private set; }

    /// <summary>Time during which a network's phase spread exceeded its Current Imbalance Limit.</summary>
    public long ImbalanceViolationTicks { get; private set; }

    public Dictionary<string, long> ViolationTicksByLimit { get; } = new(StringComparer.Ordinal);

    public Amps PeakOvershoot { get; private set; }

    public Amps[] MaxGrid { get; } = [Amps.Zero, Amps.Zero, Amps.Zero];

    public Amps MaxImbalance { get; private set; }

    /// <summary>Accounts for the interval since the last call with the state that held during it.</summary>
    public void Advance(long nowTicks)
    {
        var span = nowTicks - _lastTicks;
        var intervalStart = _lastTicks;
        _lastTicks = nowTicks;
        if (span <= 0)
        {
            // A state that lasted no time never existed at the fuse.
            return;
        }

        var grid = _grid();
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            MaxGrid[p] = Amps.Max(MaxGrid[p], grid[p]);
        }

        MaxImbalance = Amps.Max(MaxImbalance, grid.Spread);
        var violated = false;
        var unbalanced = false;
        foreach (var (name, current, limit, imbalance) in _limitedPoints(intervalStart))
        {
            var over = Amps.Max(Amps.Max(current.L1 - limit.L1, current.L2 - limit.L2), current.L3 - limit.L3);
            if (over > Amps.Zero)
            {
                if (imbalance)
                {
                    unbalanced = true;
                }
                else
                {
                    PeakOvershoot = Amps.Max(PeakOvershoot, over);
                    violated = true;
                }

                ViolationTicksByLimit[name] = ViolationTicksByLimit.GetValueOrDefault(name) + span;
            }
        }

        ViolationTicks += violated ? span : 0;
        ImbalanceViolationTicks += unbalanced ? span : 0;
    }
}
