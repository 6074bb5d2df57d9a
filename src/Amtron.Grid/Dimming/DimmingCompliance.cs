namespace Amtron.Grid.Dimming;

/// <summary>
/// How a site kept the grid operator's §14a dimming (docs/grid.md), over the dimmed time only: the charging power drawn
/// against the operator's request (above it: not dimmed) and the charging power granted against the guaranteed minimum
/// (below it while the vehicles wanted more: the rule broken for the customer), and per window how long the site took to
/// comply. Feed it every dimmed interval in order, with the window starts and ends; powers are constant over each.
/// Energies are summed per stretch of unchanged powers, so they do not depend on how a stretch is cut into intervals.
/// </summary>
/// <param name="RequestKW">The cap the operator asks for.</param>
/// <param name="MinimumKW">What the site must still grant charging, as the device can set it (whole amps).</param>
public sealed class DimmingCompliance(double RequestKW, double MinimumKW)
{
    private TimeSpan _sinceWindowStart;
    private bool _complied;
    private double _closedWhileDimmedKWh;
    private double _closedAboveRequestKWh;
    private (double DrawnKW, TimeSpan Span) _stretch;

    /// <summary>The cap the operator asks for, kW.</summary>
    public double RequestKW { get; } = RequestKW;

    /// <summary>The minimum the site must grant charging while its vehicles want it, kW.</summary>
    public double MinimumKW { get; } = MinimumKW;

    /// <summary>Time dimmed.</summary>
    public TimeSpan Dimmed { get; private set; }

    /// <summary>Dimmed time during which charging drew more than the request.</summary>
    public TimeSpan NotDimmed { get; private set; }

    /// <summary>Charging energy drawn above the request while dimmed, kWh.</summary>
    public double EnergyAboveRequestKWh => _closedAboveRequestKWh + AboveRequestKWh(_stretch.DrawnKW, _stretch.Span);

    /// <summary>The largest excess over the request, kW.</summary>
    public double MaxExcessKW { get; private set; }

    /// <summary>Dimmed time during which charging was granted less than the minimum (or than the vehicles wanted, if less).</summary>
    public TimeSpan BelowMinimum { get; private set; }

    /// <summary>The largest shortfall below the minimum, kW.</summary>
    public double MaxShortfallKW { get; private set; }

    /// <summary>Charging energy drawn while dimmed, kWh.</summary>
    public double EnergyWhileDimmedKWh => _closedWhileDimmedKWh + (_stretch.DrawnKW * _stretch.Span.TotalHours);

    /// <summary>The longest time from a window's start until charging first drew no more than the request (a whole window if never).</summary>
    public TimeSpan MaxLatency { get; private set; }

    /// <summary>Windows begun so far.</summary>
    public int Windows { get; private set; }

    /// <summary>A dimming window begins.</summary>
    public void WindowStarted()
    {
        Windows++;
        _sinceWindowStart = TimeSpan.Zero;
        _complied = false;
    }

    /// <summary>A dimming window ends: if charging never came down to the request, the whole window was its latency.</summary>
    public void WindowEnded()
    {
        CloseStretch();
        if (!_complied)
        {
            MaxLatency = Max(MaxLatency, _sinceWindowStart);
            _complied = true;
        }
    }

    /// <summary>For <paramref name="span"/> of dimmed time, charging drew, was granted and wanted these powers (kW).</summary>
    public void Advance(TimeSpan span, double drawnKW, double grantedKW, double wantedKW)
    {
        Dimmed += span;
        if (drawnKW != _stretch.DrawnKW)
        {
            CloseStretch();
        }

        _stretch = (drawnKW, _stretch.Span + span);
        if (!_complied)
        {
            if (drawnKW <= RequestKW)
            {
                MaxLatency = Max(MaxLatency, _sinceWindowStart);
                _complied = true;
            }
            else
            {
                _sinceWindowStart += span;
            }
        }

        if (drawnKW > RequestKW)
        {
            NotDimmed += span;
            MaxExcessKW = Math.Max(MaxExcessKW, drawnKW - RequestKW);
        }

        var owed = Math.Min(MinimumKW, wantedKW);
        if (grantedKW < owed)
        {
            BelowMinimum += span;
            MaxShortfallKW = Math.Max(MaxShortfallKW, owed - grantedKW);
        }
    }

    // Stryker disable once Equality : when a == b either is the answer
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Stryker disable once Equality : at drawnKW == RequestKW both branches give 0 kWh ((drawn − request) = 0)
    private double AboveRequestKWh(double drawnKW, TimeSpan span) => drawnKW > RequestKW ? (drawnKW - RequestKW) * span.TotalHours : 0;

    /// <summary>Adds the energies of the stretch of one drawn power that ends now.</summary>
    private void CloseStretch()
    {
        _closedWhileDimmedKWh += _stretch.DrawnKW * _stretch.Span.TotalHours;
        _closedAboveRequestKWh += AboveRequestKWh(_stretch.DrawnKW, _stretch.Span);
        _stretch = default;
    }
}
