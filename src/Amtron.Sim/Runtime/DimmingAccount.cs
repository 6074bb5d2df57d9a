using System.Numerics;
using Amtron.Dlm.Units;
using Amtron.Grid.Dimming;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The ledger's part for a site its grid operator dims (§14a): each point's grant, and every interval's dimmed part
/// (the windows cut it exactly) with the charging power drawn, granted and wanted, into a <see cref="DimmingCompliance"/>.
/// </summary>
internal sealed class DimmingAccount
{
    private const double MilliwattsPerKilowatt = 1e6;

    private readonly double _voltage;
    private readonly (long From, long To)[] _windows;
    private readonly long[] _grantedMilliampPhases;
    private readonly long[] _wantedMilliampPhases;
    private long _granted;
    private long _wanted;
    private int _window;
    private bool _open;

    public DimmingAccount(SiteSpec spec, GridOperatorSpec gridOperator, int points)
    {
        _voltage = spec.VoltageV;
        _grantedMilliampPhases = new long[points];
        _wantedMilliampPhases = new long[points];
        var end = (spec.End - spec.Start).Ticks;
        _windows = Merged([.. gridOperator.Dimming.Select(w => (Math.Max(0, (w.From - spec.Start).Ticks), Math.Min(end, (w.To - spec.Start).Ticks))).Where(w => w.Item1 < w.Item2)]);
        var minimumMilliampPhases = gridOperator.MinimumPerPhase(spec.VoltageV).Milliamps * PhaseSet.PhaseCount;
        Compliance = new DimmingCompliance(gridOperator.EffectiveRequestKW, KiloWatts(minimumMilliampPhases));
    }

    /// <summary>The figures so far.</summary>
    public DimmingCompliance Compliance { get; }

    /// <summary>A point's grant changed.</summary>
    public void PointGrant(int point, int phaseMask, Amps granted, Amps wanted)
    {
        var phases = BitOperations.PopCount((uint)phaseMask);
        var grantedNow = granted.Milliamps * phases;
        var wantedNow = wanted.Milliamps * phases;
        _granted += grantedNow - _grantedMilliampPhases[point];
        _wanted += wantedNow - _wantedMilliampPhases[point];
        _grantedMilliampPhases[point] = grantedNow;
        _wantedMilliampPhases[point] = wantedNow;
    }

    /// <summary>Accounts the dimmed part of [<paramref name="from"/>, <paramref name="to"/>) (ticks since the start), during which charging drew <paramref name="draw"/>.</summary>
    public void Account(long from, long to, PhaseCurrents draw)
    {
        var drawn = KiloWatts(draw.L1.Milliamps + draw.L2.Milliamps + draw.L3.Milliamps);
        while (_window < _windows.Length && _windows[_window].From < to)
        {
            var (start, end) = _windows[_window];
            var (a, b) = (Math.Max(from, start), Math.Min(to, end));
            if (a < b)
            {
                if (!_open)
                {
                    Compliance.WindowStarted();
                    _open = true;
                }

                Compliance.Advance(TimeSpan.FromTicks(b - a), drawn, KiloWatts(_granted), KiloWatts(_wanted));
            }

            if (end > to)
            {
                return;
            }

            Close();
        }
    }

    /// <summary>The run ended: a window still open ends with it.</summary>
    public void Finish()
    {
        if (_window < _windows.Length && _open)
        {
            Close();
        }
    }

    private void Close()
    {
        if (_open)
        {
            Compliance.WindowEnded();
        }

        _open = false;
        _window++;
    }

    private double KiloWatts(long milliampPhases) => milliampPhases * _voltage / MilliwattsPerKilowatt;

    /// <summary>Overlapping or touching windows as one, in time order (two windows that touch are one dimming).</summary>
    private static (long From, long To)[] Merged((long From, long To)[] windows)
    {
        var merged = new List<(long From, long To)>();
        foreach (var w in windows.OrderBy(w => w.From))
        {
            if (merged.Count > 0 && w.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, w.To));
            }
            else
            {
                merged.Add(w);
            }
        }

        return [.. merged];
    }
}
