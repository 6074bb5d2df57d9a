using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The energy a network's master withholds: current signalled to vehicles that have followed their signal but do not
/// draw it (a cap margin, a probe not taken, a sleeping vehicle not yet noticed), which others on the same phase,
/// held below what they would take, could have drawn. Per phase it is the smaller of the two sums, integrated exactly
/// between events. An upper bound: it assumes the shared limit is what holds the others back.
/// </summary>
internal sealed class WithheldCurrent(double voltage)
{
    private const double MilliampTicksPerAmpereHour = Amps.MilliampsPerAmp * (double)TimeSpan.TicksPerHour;

    private readonly long[] _unusedMilliamps = new long[PhaseSet.PhaseCount];
    private readonly long[] _shortfallMilliamps = new long[PhaseSet.PhaseCount];
    private long _lastTicks;
    private Int128 _milliampTicks;

    /// <summary>Energy withheld so far, in watt-hours.</summary>
    public double WattHours => voltage * (double)_milliampTicks / MilliampTicksPerAmpereHour;

    /// <summary>Replaces a point's share: <paramref name="before"/> by <paramref name="after"/>, from <paramref name="ticks"/> on.</summary>
    public void Change(long ticks, in Share before, in Share after)
    {
        // Stryker disable once Block : equal shares leave the sums as they are; accounting up to now first splits the integral, not changes it
        if (before == after)
        {
            // Stryker disable once Statement : as above
            return;
        }

        Advance(ticks);
        Apply(before, -1);
        Apply(after, 1);
    }

    /// <summary>Accounts the time up to <paramref name="ticks"/> with the sums that held.</summary>
    public void Advance(long ticks)
    {
        var span = ticks - _lastTicks;
        _lastTicks = ticks;
        // Stryker disable once Block : time never goes back, and a span of 0 adds 0
        if (span <= 0)
        {
            // Stryker disable once Statement : time never goes back, and a span of 0 adds 0
            return;
        }

        long withheld = 0;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            withheld += Math.Min(_unusedMilliamps[p], _shortfallMilliamps[p]);
        }

        _milliampTicks += (Int128)withheld * span;
    }

    private void Apply(in Share share, int sign)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if ((share.PhaseMask & (1 << p)) != 0)
            {
                _unusedMilliamps[p] += sign * share.UnusedMilliamps;
                _shortfallMilliamps[p] += sign * share.ShortfallMilliamps;
            }
        }
    }

    /// <summary>
    /// One point's part: on its vehicle's phases, the signalled current it does not draw (once it follows the signal)
    /// and the current it would take above its signal.
    /// </summary>
    internal readonly record struct Share(int PhaseMask, long UnusedMilliamps, long ShortfallMilliamps);
}
