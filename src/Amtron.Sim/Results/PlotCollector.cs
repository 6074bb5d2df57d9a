using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>
/// Condenses the time series into a fixed number of buckets for the plots, so a year costs no more memory than a
/// day: the highest supply current per phase in each bucket (peaks must stay visible against the limits) and each
/// charge point's time-weighted mean current.
/// </summary>
public sealed class PlotCollector : ITimeSeriesSink
{
    private readonly DateTimeOffset _start;
    private readonly long _bucketTicks;
    private PhaseCurrents _supply;
    private Amps[] _points = [];
    private long[] _since = [];
    private int _bucket;
    private bool _hasRow;

    /// <summary>About one bucket per pixel column of the plots' data area (1200 px wide with the legend beside it).</summary>
    public const int DefaultBuckets = 900;

    /// <summary>A collector over [<paramref name="start"/>, <paramref name="end"/>) with <paramref name="buckets"/> buckets.</summary>
    public PlotCollector(DateTimeOffset start, DateTimeOffset end, int buckets = DefaultBuckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        _start = start;
        _bucketTicks = Math.Max(1, (end - start).Ticks / buckets);
        Buckets = (int)Math.Min(buckets, Math.Max(1, ((end - start).Ticks + _bucketTicks - 1) / _bucketTicks));
        SupplyMax = [new double[Buckets], new double[Buckets], new double[Buckets]];
    }

    /// <summary>Number of buckets.</summary>
    public int Buckets { get; }

    /// <summary>Charge point ids, in column order.</summary>
    public IReadOnlyList<string> ChargePointIds { get; private set; } = [];

    /// <summary>Per phase, per bucket: the highest supply current (A).</summary>
    public double[][] SupplyMax { get; }

    /// <summary>Per charge point, per bucket: the mean current (A).</summary>
    public double[][] ChargePointMean { get; private set; } = [];

    /// <summary>Start time of a bucket.</summary>
    public DateTimeOffset BucketStart(int bucket) => _start.AddTicks(bucket * _bucketTicks);

    /// <inheritdoc />
    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        ChargePointIds = chargePointIds ?? throw new ArgumentNullException(nameof(chargePointIds));
        ChargePointMean = [.. chargePointIds.Select(_ => new double[Buckets])];
        _points = new Amps[chargePointIds.Count];
        _since = new long[chargePointIds.Count];
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        var ticks = (time - _start).Ticks;
        AdvanceTo(ticks);

        // Only a changed point needs its mean updated: each holds its value from _since until it changes.
        for (var i = 0; i < chargePoints.Length; i++)
        {
            if (chargePoints[i] != _points[i])
            {
                AddHeld(i, ticks);
                _points[i] = chargePoints[i];
            }
        }

        _supply = supply;
        RaiseSupplyMax(BucketOf(ticks));
        _hasRow = true;
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time)
    {
        if (!_hasRow)
        {
            return;
        }

        var ticks = (time - _start).Ticks;
        AdvanceTo(ticks);
        for (var i = 0; i < _points.Length; i++)
        {
            AddHeld(i, ticks);
        }
    }

    private int BucketOf(long ticks) => (int)Math.Clamp(ticks / _bucketTicks, 0, Buckets - 1);

    /// <summary>Closes every bucket that ends at or before <paramref name="ticks"/>: the values held run into the next.</summary>
    private void AdvanceTo(long ticks)
    {
        while (_hasRow && _bucket < Buckets - 1 && (_bucket + 1) * _bucketTicks <= ticks)
        {
            var end = (_bucket + 1) * _bucketTicks;
            for (var i = 0; i < _points.Length; i++)
            {
                AddHeld(i, end);
            }

            _bucket++;
            if (end < ticks)
            {
                // The held supply current lasts into this bucket (not when the next change falls on its start).
                RaiseSupplyMax(_bucket);
            }
        }

        _bucket = _hasRow ? _bucket : BucketOf(ticks);
    }

    /// <summary>Adds point <paramref name="i"/>'s held value from its last change until <paramref name="ticks"/> (same bucket) to the mean.</summary>
    private void AddHeld(int i, long ticks)
    {
        ChargePointMean[i][_bucket] += _points[i].Value * ((ticks - _since[i]) / (double)_bucketTicks);
        _since[i] = ticks;
    }

    private void RaiseSupplyMax(int bucket)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            SupplyMax[p][bucket] = Math.Max(SupplyMax[p][bucket], _supply[p].Value);
        }
    }
}
