using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The site-level changes of one partition of DLM networks, in time order, for the ledger to replay after the
/// partitions ran in parallel. Stored in fixed-size chunks, so a year's log never needs one huge array.
/// </summary>
internal sealed class ChangeLog : ISiteChanges
{
    private const int ChunkSize = 1 << 16;
    private const int TransientMarker = PhaseSet.PhaseCount;
    private const int GrantMarker = 1 << 30;
    private const long LowHalf = uint.MaxValue;

    // Target >= 0: a point's draw (Packed = network + 1 << 3 | phase mask, Value = milliamps), or with GrantMarker in
    // Packed its grant (Packed = marker | phase mask, Value = granted milliamps << 32 | wanted milliamps).
    // Target < 0: phase (Packed) of network -1 - Target's available current (Value = milliamps); Packed = 3 (one past
    // the phases): the end of the network's transient window (Value = ticks).
    private readonly List<Entry[]> _chunks = [];
    private int _count;

    /// <inheritdoc />
    public void BeforeChange(long ticks)
    {
        // The ledger accounts intervals when it replays the merged log.
    }

    /// <inheritdoc />
    public void PointDraw(long ticks, int point, int network, int phaseMask, Amps draw) =>
        Add(new Entry(ticks, point, ((network + 1) << PhaseSet.PhaseCount) | phaseMask, draw.Milliamps));

    /// <inheritdoc />
    public void PointGrant(long ticks, int point, int phaseMask, Amps granted, Amps wanted) =>
        Add(new Entry(ticks, point, GrantMarker | phaseMask, (granted.Milliamps << 32) | (wanted.Milliamps & LowHalf)));

    /// <inheritdoc />
    public void Available(long ticks, int network, PhaseCurrents available)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            Add(new Entry(ticks, -1 - network, p, available[p].Milliamps));
        }
    }

    /// <inheritdoc />
    public void External(long ticks, PhaseCurrents external)
    {
        // External loads are a function of time: the replay computes them itself.
    }

    /// <inheritdoc />
    public void Transient(long ticks, int network, long untilTicks) => Add(new Entry(ticks, -1 - network, TransientMarker, untilTicks));

    /// <summary>A cursor at the first entry.</summary>
    public Reader Read() => new(this);

    private void Add(Entry entry)
    {
        if (_chunks.Count == 0 || _count == ChunkSize)
        {
            _chunks.Add(new Entry[ChunkSize]);
            _count = 0;
        }

        _chunks[^1][_count++] = entry;
    }

    /// <summary>One logged change.</summary>
    internal readonly record struct Entry(long Ticks, int Target, int Packed, long Value);

    /// <summary>Walks the log in order; replays every entry at one instant into a ledger.</summary>
    internal sealed class Reader(ChangeLog log)
    {
        private int _chunk;
        private int _index;

        /// <summary>Time of the next entry, or null at the end.</summary>
        public long? NextTicks => _chunk < log._chunks.Count && (_chunk < log._chunks.Count - 1 || _index < log._count)
            ? log._chunks[_chunk][_index].Ticks
            : null;

        /// <summary>Applies every entry at <paramref name="ticks"/> to <paramref name="ledger"/>.</summary>
        public void ReplayAt(long ticks, SiteLedger ledger)
        {
            while (NextTicks == ticks)
            {
                var entry = log._chunks[_chunk][_index];
                if (entry.Target >= 0 && (entry.Packed & GrantMarker) != 0)
                {
                    ledger.PointGrant(ticks, entry.Target, entry.Packed & ((1 << PhaseSet.PhaseCount) - 1), Amps.FromMilliamps(entry.Value >> 32), Amps.FromMilliamps(entry.Value & LowHalf));
                    Advance();
                }
                else if (entry.Target >= 0)
                {
                    ledger.PointDraw(ticks, entry.Target, (entry.Packed >> PhaseSet.PhaseCount) - 1, entry.Packed & ((1 << PhaseSet.PhaseCount) - 1), Amps.FromMilliamps(entry.Value));
                    Advance();
                }
                else if (entry.Packed == TransientMarker)
                {
                    ledger.Transient(ticks, -1 - entry.Target, entry.Value);
                    Advance();
                }
                else
                {
                    // An available current is three consecutive entries, L1 to L3.
                    var l1 = Take();
                    var l2 = Take();
                    var l3 = Take();
                    ledger.Available(ticks, -1 - entry.Target, new PhaseCurrents(Amps.FromMilliamps(l1), Amps.FromMilliamps(l2), Amps.FromMilliamps(l3)));
                }
            }
        }

        private long Take()
        {
            var value = log._chunks[_chunk][_index].Value;
            Advance();
            return value;
        }

        private void Advance()
        {
            if (++_index == ChunkSize)
            {
                _chunk++;
                _index = 0;
            }
        }
    }
}
