using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>
/// A time series of fixed intervals from the run's start instead of every change: one row per interval, at its
/// start, holding the highest supply and charge point currents and the lowest available current in force at any
/// moment of the interval (so no peak of a current and no dip of a limit is lost). An interval that would repeat the
/// row before it is left out: each row holds until the next, so nothing is lost by that either.
/// </summary>
public sealed class PeakPerIntervalSink(ITimeSeriesSink inner, DateTimeOffset start, TimeSpan interval) : ITimeSeriesSink
{
    private readonly long _intervalTicks = interval > TimeSpan.Zero ? interval.Ticks : throw new ArgumentOutOfRangeException(nameof(interval), interval, "must be positive");
    private Values _inForce = new(0, 0);
    private Values _peak = new(0, 0);
    private Values? _written;
    private long _index = -1;

    /// <inheritdoc />
    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        ArgumentNullException.ThrowIfNull(networkIds);
        ArgumentNullException.ThrowIfNull(chargePointIds);
        _inForce = new Values(networkIds.Count, chargePointIds.Count);
        _peak = new Values(networkIds.Count, chargePointIds.Count);
        inner.Begin(networkIds, chargePointIds);
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        var index = (time - start).Ticks / _intervalTicks;
        if (index != _index)
        {
            if (_index >= 0)
            {
                Write(_index);
                if (index > _index + 1)
                {
                    // Intervals without a change hold the values in force: one row for them all.
                    _peak.CopyFrom(_inForce);
                    Write(_index + 1);
                }
            }

            // The values before this row still held from the interval's start, unless the row is at the start.
            var atStart = (time - start).Ticks % _intervalTicks == 0 || _index < 0;
            _index = index;
            if (!atStart)
            {
                _peak.CopyFrom(_inForce);
            }

            _inForce.Set(supply, available, chargePoints);
            if (atStart)
            {
                _peak.CopyFrom(_inForce);
            }
            else
            {
                _peak.Widen(_inForce);
            }

            return;
        }

        _inForce.Set(supply, available, chargePoints);
        _peak.Widen(_inForce);
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time)
    {
        if (_index >= 0)
        {
            Write(_index);
        }

        inner.Finish(time);
    }

    private void Write(long index)
    {
        if (_written is { } previous && previous.SameAs(_peak))
        {
            return;
        }

        inner.Row(start + TimeSpan.FromTicks(index * _intervalTicks), _peak.Supply, _peak.Available, _peak.ChargePoints);
        _written ??= new Values(_peak.Available.Length, _peak.ChargePoints.Length);
        _written.CopyFrom(_peak);
    }

    /// <summary>One row's columns.</summary>
    private sealed class Values(int networks, int chargePoints)
    {
        public PhaseCurrents Supply { get; private set; }

        public PhaseCurrents[] Available { get; } = new PhaseCurrents[networks];

        public Amps[] ChargePoints { get; } = new Amps[chargePoints];

        public void Set(PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
        {
            Supply = supply;
            available.CopyTo(Available);
            chargePoints.CopyTo(ChargePoints);
        }

        public void CopyFrom(Values other) => Set(other.Supply, other.Available, other.ChargePoints);

        /// <summary>Highest currents, lowest limits.</summary>
        public void Widen(Values other)
        {
            Supply = Max(Supply, other.Supply);
            for (var n = 0; n < Available.Length; n++)
            {
                Available[n] = PhaseCurrents.Min(Available[n], other.Available[n]);
            }

            for (var c = 0; c < ChargePoints.Length; c++)
            {
                ChargePoints[c] = Amps.Max(ChargePoints[c], other.ChargePoints[c]);
            }
        }

        public bool SameAs(Values other) =>
            Supply == other.Supply && Available.AsSpan().SequenceEqual(other.Available) && ChargePoints.AsSpan().SequenceEqual(other.ChargePoints);

        private static PhaseCurrents Max(PhaseCurrents a, PhaseCurrents b) => new(Amps.Max(a.L1, b.L1), Amps.Max(a.L2, b.L2), Amps.Max(a.L3, b.L3));
    }
}
