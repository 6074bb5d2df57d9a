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
    private DateTimeOffset _rowTime;
    private PhaseCurrents _rowSupply;
    private Amps[] _rowPoints = [];
    private bool _hasRow;

    /// <summary>A collector over [<paramref name="start"/>, <paramref name="end"/>) with <paramref name="buckets"/> buckets.</summary>
    public PlotCollector(DateTimeOffset start, DateTimeOffset end, int buckets = 1500)
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
        _rowPoints = new Amps[chargePointIds.Count];
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        Close(time);
        _rowTime = time;
        _rowSupply = supply;
        chargePoints.CopyTo(_rowPoints);
        _hasRow = true;
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time) => Close(time);

    /// <summary>Spreads the state held since the last row over the buckets it covered.</summary>
    private void Close(DateTimeOffset until)
    {
        if (!_hasRow)
        {
            return;
        }

        var from = (_rowTime - _start).Ticks;
        var to = (until - _start).Ticks;
        while (from < to)
        {
            var bucket = (int)Math.Min(Buckets - 1, from / _bucketTicks);
            var bucketEnd = bucket == Buckets - 1 ? to : Math.Min(to, (bucket + 1) * _bucketTicks);
            var share = (bucketEnd - from) / (double)_bucketTicks;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                SupplyMax[p][bucket] = Math.Max(SupplyMax[p][bucket], _rowSupply[p].Value);
            }

            for (var i = 0; i < _rowPoints.Length; i++)
            {
                ChargePointMean[i][bucket] += _rowPoints[i].Value * share;
            }

            from = bucketEnd;
        }
    }
}
