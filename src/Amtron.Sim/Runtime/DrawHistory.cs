using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The charge points' summed draw over the recent past, so a meter poll at an earlier instant reads what flowed then.
/// Only the last <c>horizon</c> ticks are kept; older entries are dropped by moving a start index (no copying per
/// change), and lookups are binary searches.
/// </summary>
internal sealed class DrawHistory(long horizonTicks)
{
    private const int CompactAbove = 4096;
    private readonly List<long> _ticks = [];
    private readonly List<PhaseCurrents> _draws = [];
    private int _first;

    /// <summary>Entries held, the dropped ones not yet removed included (what the history costs in memory).</summary>
    public int Stored => _ticks.Count;

    /// <summary>Records the draw that holds from <paramref name="ticks"/> on (the latest value at one instant wins).</summary>
    public void Record(long ticks, PhaseCurrents draw)
    {
        if (_ticks.Count > _first && _ticks[^1] == ticks)
        {
            _draws[^1] = draw;
        }
        else
        {
            _ticks.Add(ticks);
            _draws.Add(draw);
        }

        // Keep the last entry at or before the horizon: it is the value that held there.
        var keepFrom = LastAtOrBefore(ticks - horizonTicks);
        if (keepFrom > _first)
        {
            _first = keepFrom;
        }

        // Stryker disable once Logical,Boolean : only how often the dropped entries are removed: sooner (or at every record) costs copying, the reads are the same and memory stays bounded
        if (_first > CompactAbove && _first > _ticks.Count / 2)
        {
            _ticks.RemoveRange(0, _first);
            _draws.RemoveRange(0, _first);
            _first = 0;
        }
    }

    /// <summary>The draw that held at <paramref name="ticks"/> (zero before the first record).</summary>
    public PhaseCurrents At(long ticks)
    {
        var index = LastAtOrBefore(ticks);
        return index >= _first ? _draws[index] : PhaseCurrents.Zero;
    }

    /// <summary>Index of the last entry at or before <paramref name="ticks"/>, or <c>_first - 1</c> when none is kept.</summary>
    private int LastAtOrBefore(long ticks)
    {
        int low = _first, high = _ticks.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_ticks[middle] <= ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low - 1;
    }
}
