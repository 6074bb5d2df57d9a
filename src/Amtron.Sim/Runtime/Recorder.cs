using System.Runtime.InteropServices;
using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Integrates the run's limits and loads over time. Every current is constant between events, so each interval is
/// checked once with the state that held during it: seconds above a limit, each excursion above it, peak overshoot,
/// peak phase currents. Before anything changes, the owner calls <see cref="BeginInterval"/> and, if
/// it returns true, <see cref="Check"/> for every limited point and then <see cref="EndInterval"/> (push style: the
/// recorder runs at nearly every event, so it allocates only when a limit is exceeded).
/// </summary>
internal sealed class Recorder(DateTimeOffset start)
{
    /// <summary>Milliamp-ticks per ampere-second.</summary>
    private const double MilliampTicksPerAmpereSecond = Amps.MilliampsPerAmp * (double)TimeSpan.TicksPerSecond;

    private readonly Dictionary<string, LimitAccount> _limits = new(StringComparer.Ordinal);
    private readonly List<LimitExcursion> _closed = [];
    private long _intervalStart;
    private long _lastTicks;
    private long _span;
    private bool _violated;
    private bool _unbalanced;
    private long _violatedSteadyFrom;
    private long _unbalancedSteadyFrom;

    /// <summary>Where the interval begun next starts (simulated ticks).</summary>
    public long LastTicks => _lastTicks;

    /// <summary>Time during which a current limit (fuse, DLM limit) was exceeded.</summary>
    public long ViolationTicks { get; private set; }

    /// <summary>Time during which a network's phase spread exceeded its Current Imbalance Limit.</summary>
    public long ImbalanceViolationTicks { get; private set; }

    /// <summary>Part of <see cref="ViolationTicks"/> outside every transient window of the limits exceeded.</summary>
    public long SteadyViolationTicks { get; private set; }

    /// <summary>Part of <see cref="ImbalanceViolationTicks"/> outside every transient window of the limits exceeded.</summary>
    public long SteadyImbalanceViolationTicks { get; private set; }

    /// <summary>Time above each limit ever exceeded, in the order they were first exceeded.</summary>
    public IEnumerable<KeyValuePair<string, long>> ViolationTicksByLimit => _limits.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Ticks));

    public Amps PeakOvershoot { get; private set; }

    public Amps[] MaxGrid { get; } = [Amps.Zero, Amps.Zero, Amps.Zero];

    /// <summary>
    /// Starts accounting for the interval since the last call, during which the grid carried <paramref name="grid"/>.
    /// Returns false when the interval lasted no time: a state that lasted no time never existed at the fuse.
    /// </summary>
    public bool BeginInterval(long nowTicks, PhaseCurrents grid)
    {
        _span = nowTicks - _lastTicks;
        _intervalStart = _lastTicks;
        _lastTicks = nowTicks;
        if (_span <= 0)
        {
            return false;
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            MaxGrid[p] = Amps.Max(MaxGrid[p], grid[p]);
        }

        _violated = false;
        _unbalanced = false;
        _violatedSteadyFrom = nowTicks;
        _unbalancedSteadyFrom = nowTicks;
        return true;
    }

    /// <summary>
    /// Checks one limited point over the interval begun last; <paramref name="imbalance"/> marks the imbalance rule.
    /// Time before <paramref name="transientUntil"/> is within the reaction window of a change (transient).
    /// </summary>
    public void Check(string name, PhaseCurrents current, PhaseCurrents limit, bool imbalance, long transientUntil)
    {
        var over = Amps.Max(Amps.Max(current.L1 - limit.L1, current.L2 - limit.L2), current.L3 - limit.L3);
        if (over <= Amps.Zero)
        {
            return;
        }

        var steadyFrom = Math.Clamp(transientUntil, _intervalStart, _lastTicks);
        if (imbalance)
        {
            _unbalanced = true;
            _unbalancedSteadyFrom = Math.Min(_unbalancedSteadyFrom, steadyFrom);
        }
        else
        {
            PeakOvershoot = Amps.Max(PeakOvershoot, over);
            _violated = true;
            _violatedSteadyFrom = Math.Min(_violatedSteadyFrom, steadyFrom);
        }

        ref var account = ref CollectionsMarshal.GetValueRefOrAddDefault(_limits, name, out _);
        account ??= new LimitAccount(name, imbalance);
        account.Ticks += _span;
        if (account.OpenStart >= 0 && account.OpenEnd != _intervalStart)
        {
            _closed.Add(Excursion(account));
            account.OpenStart = -1;
        }

        if (account.OpenStart < 0)
        {
            account.OpenStart = _intervalStart;
            account.OpenPeak = Amps.Zero;
            account.OpenMilliampTicks = 0;
        }

        account.OpenEnd = _lastTicks;
        account.OpenPeak = Amps.Max(account.OpenPeak, over);
        account.OpenMilliampTicks += (Int128)over.Milliamps * _span;
    }

    /// <summary>Closes the interval begun last.</summary>
    public void EndInterval()
    {
        ViolationTicks += _violated ? _span : 0;
        ImbalanceViolationTicks += _unbalanced ? _span : 0;
        // Both steady-from instants are the interval's end unless a limit was exceeded in it: then no steady time.
        SteadyViolationTicks += _lastTicks - _violatedSteadyFrom;
        SteadyImbalanceViolationTicks += _lastTicks - _unbalancedSteadyFrom;
    }

    /// <summary>Every excursion so far (the last of each limit may still be going on), by start, then limit name.</summary>
    public List<LimitExcursion> Excursions() =>
    [
        .. _closed.Concat(_limits.Values.Where(a => a.OpenStart >= 0).Select(Excursion))
            .OrderBy(e => e.Start).ThenBy(e => e.Limit, StringComparer.Ordinal),
    ];

    private LimitExcursion Excursion(LimitAccount account) => new(
        account.Name,
        account.Imbalance,
        start.AddTicks(account.OpenStart),
        TimeSpan.FromTicks(account.OpenEnd - account.OpenStart),
        account.OpenPeak,
        (double)account.OpenMilliampTicks / MilliampTicksPerAmpereSecond);

    /// <summary>One limit's time above it and its excursion in progress (OpenStart &lt; 0: none).</summary>
    private sealed class LimitAccount(string name, bool imbalance)
    {
        public string Name { get; } = name;

        public bool Imbalance { get; } = imbalance;

        public long Ticks { get; set; }

        public long OpenStart { get; set; } = -1;

        public long OpenEnd { get; set; }

        public Amps OpenPeak { get; set; }

        public Int128 OpenMilliampTicks { get; set; }
    }
}
