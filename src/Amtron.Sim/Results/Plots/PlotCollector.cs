using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// Condenses the time series for the plots, so a year costs no more memory than a day. Per time bucket: the highest
/// supply and network currents per phase (peaks must stay visible against the limits), the lowest available current
/// (a dip of a limit must stay visible too), each network's highest phase spread and lowest allowed spread, and each
/// charge point's time-weighted mean current per phase. Over the whole run, exactly: the supply's load-duration
/// curve and its typical day.
/// </summary>
public sealed class PlotCollector : ITimeSeriesSink
{
    /// <summary>At most about one bucket per pixel column of the plots' data area.</summary>
    public const int DefaultBuckets = 800;

    /// <summary>Bucket lengths a reader takes in at a glance (seconds): the shortest that keeps within the bucket count is used.</summary>
    private static readonly int[] RoundSeconds =
        [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

    private readonly SiteSpec _site;
    private readonly long _bucketTicks;
    private PhaseCurrents _supply;
    private PhaseCurrents _external;
    private PhaseCurrents[] _available = [];
    private PhaseCurrents[] _draw = [];
    private Amps[] _points = [];
    private byte[] _phases = [];
    private long[] _since = [];
    private long _lastTicks;
    private int _bucket;
    private bool _hasRow;

    /// <summary>
    /// A collector over the period of <paramref name="site"/> with at most <paramref name="buckets"/> buckets of a round
    /// length (2 min for a day, 12 h for a year; whole weeks beyond); the last may be cut short by the end of the run.
    /// </summary>
    public PlotCollector(SiteSpec site, int buckets = DefaultBuckets)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        _site = site;
        var length = site.Duration.Ticks;
        _bucketTicks = RoundLength(length, buckets);
        Buckets = (int)Math.Min(buckets, Math.Max(1, (length + _bucketTicks - 1) / _bucketTicks));
        SupplyMax = PerPhase(0);
        TypicalDay = new TypicalDay(site.Start);
    }

    /// <summary>Number of buckets.</summary>
    public int Buckets { get; }

    /// <summary>Length of one bucket.</summary>
    public TimeSpan BucketLength => TimeSpan.FromTicks(_bucketTicks);

    /// <summary>Network ids, in column order.</summary>
    public IReadOnlyList<int> NetworkIds { get; private set; } = [];

    /// <summary>Charge point ids, in column order.</summary>
    public IReadOnlyList<string> ChargePointIds { get; private set; } = [];

    /// <summary>Per phase, per bucket: the highest supply current (A).</summary>
    public double[][] SupplyMax { get; }

    /// <summary>Per network, per phase, per bucket: the highest current its charge points drew together (A).</summary>
    public double[][][] NetworkDrawMax { get; private set; } = [];

    /// <summary>Per network, per phase, per bucket: the lowest available current of its decisions (A).</summary>
    public double[][][] AvailableMin { get; private set; } = [];

    /// <summary>Per network, per bucket: the highest phase spread where its imbalance rule is measured (A).</summary>
    public double[][] SpreadMax { get; private set; } = [];

    /// <summary>Per network, per bucket: the lowest spread its imbalance rule allowed (A).</summary>
    public double[][] AllowedSpreadMin { get; private set; } = [];

    /// <summary>Per charge point, per phase, per bucket: the mean current on that phase (A).</summary>
    public double[][][] ChargePointMean { get; private set; } = [];

    /// <summary>The supply's load-duration curve per phase, over the whole run.</summary>
    public LoadDuration LoadDuration { get; } = new();

    /// <summary>The supply by time of day, over the whole run.</summary>
    public TypicalDay TypicalDay { get; }

    /// <summary>Start time of a bucket.</summary>
    public DateTimeOffset BucketStart(int bucket) => _site.Start.AddTicks(bucket * _bucketTicks);

    /// <inheritdoc />
    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        NetworkIds = networkIds ?? throw new ArgumentNullException(nameof(networkIds));
        ChargePointIds = chargePointIds ?? throw new ArgumentNullException(nameof(chargePointIds));
        NetworkDrawMax = [.. networkIds.Select(_ => PerPhase(0))];
        AvailableMin = [.. networkIds.Select(_ => PerPhase(double.PositiveInfinity))];
        SpreadMax = [.. networkIds.Select(_ => new double[Buckets])];
        AllowedSpreadMin = [.. networkIds.Select(_ => Filled(double.PositiveInfinity))];
        ChargePointMean = [.. chargePointIds.Select(_ => PerPhase(0))];
        _available = new PhaseCurrents[networkIds.Count];
        _draw = new PhaseCurrents[networkIds.Count];
        _points = new Amps[chargePointIds.Count];
        _phases = new byte[chargePointIds.Count];
        _since = new long[chargePointIds.Count];
    }

    /// <summary>A row of totals alone: every point counts on all three phases, network draws stay unknown (zero).</summary>
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
        Row(SiteRow.OfTotals(time, supply, available, chargePoints));

    /// <inheritdoc />
    public void Row(in SiteRow row)
    {
        var ticks = (row.Time - _site.Start).Ticks;
        AdvanceTo(ticks);

        // Only a changed point needs its mean updated: each holds its value from _since until it changes.
        for (var i = 0; i < row.ChargePoints.Length; i++)
        {
            var phases = row.HasDetail ? row.ChargePointPhases[i] : (byte)PhaseSet.ThreePhase.Mask;
            if (row.ChargePoints[i] != _points[i] || phases != _phases[i])
            {
                AddHeld(i, ticks);
                _points[i] = row.ChargePoints[i];
                _phases[i] = phases;
            }
        }

        _supply = row.Supply;
        _external = row.External;
        row.Available.CopyTo(_available);
        if (row.HasDetail)
        {
            row.NetworkDraw.CopyTo(_draw);
        }

        ApplyHeld(BucketOf(ticks));
        _hasRow = true;
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time)
    {
        if (!_hasRow)
        {
            return;
        }

        var ticks = (time - _site.Start).Ticks;
        AdvanceTo(ticks);
        for (var i = 0; i < _points.Length; i++)
        {
            AddHeld(i, ticks);
        }

        // A bucket no row reached (before a first row later than the start) shows no limit rather than infinity.
        foreach (var series in AvailableMin.SelectMany(n => n).Concat(AllowedSpreadMin))
        {
            for (var b = 0; b < series.Length; b++)
            {
                series[b] = double.IsPositiveInfinity(series[b]) ? 0 : series[b];
            }
        }
    }

    private static long RoundLength(long length, int buckets)
    {
        var shortest = Math.Max(1, (length + buckets - 1) / buckets);
        var round = RoundSeconds.Select(s => s * TimeSpan.TicksPerSecond).FirstOrDefault(t => t >= shortest);
        if (round > 0)
        {
            return round;
        }

        var week = RoundSeconds[^1] * TimeSpan.TicksPerSecond;
        return (shortest + week - 1) / week * week;
    }

    /// <summary>A bucket's length: the last ends with the run.</summary>
    private long LengthOf(int bucket) => bucket < Buckets - 1 ? _bucketTicks : Math.Max(1, _site.Duration.Ticks - (bucket * _bucketTicks));

    private int BucketOf(long ticks) => (int)Math.Clamp(ticks / _bucketTicks, 0, Buckets - 1);

    /// <summary>
    /// Accounts the values held since the last row up to <paramref name="ticks"/>: the whole-run figures, and every
    /// bucket that ends at or before it (the values held run into the next).
    /// </summary>
    private void AdvanceTo(long ticks)
    {
        if (_hasRow)
        {
            LoadDuration.Add(_supply, ticks - _lastTicks);
            TypicalDay.Add(_supply, _lastTicks, ticks);
        }

        _lastTicks = ticks;
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
                // The held values last into this bucket (not when the next change falls on its start).
                ApplyHeld(_bucket);
            }
        }

        _bucket = _hasRow ? _bucket : BucketOf(ticks);
    }

    /// <summary>Adds point <paramref name="i"/>'s held value from its last change until <paramref name="ticks"/> (same bucket) to its phases' means.</summary>
    private void AddHeld(int i, long ticks)
    {
        var share = _points[i].Value * ((ticks - _since[i]) / (double)LengthOf(_bucket));
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if ((_phases[i] & (1 << p)) != 0)
            {
                ChargePointMean[i][p][_bucket] += share;
            }
        }

        _since[i] = ticks;
    }

    /// <summary>The values held now count in <paramref name="bucket"/>'s peaks and dips.</summary>
    private void ApplyHeld(int bucket)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            SupplyMax[p][bucket] = Math.Max(SupplyMax[p][bucket], _supply[p].Value);
        }

        var networks = _site.Networks;
        for (var n = 0; n < _draw.Length; n++)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                NetworkDrawMax[n][p][bucket] = Math.Max(NetworkDrawMax[n][p][bucket], _draw[n][p].Value);
                AvailableMin[n][p][bucket] = Math.Min(AvailableMin[n][p][bucket], _available[n][p].Value);
            }

            if (n < networks.Count && networks[n].Settings.CurrentImbalancePrevention)
            {
                var (measured, allowed) = ImbalanceMeasure.Of(networks[n], _draw[n], _external);
                SpreadMax[n][bucket] = Math.Max(SpreadMax[n][bucket], measured.Spread.Value);
                AllowedSpreadMin[n][bucket] = Math.Min(AllowedSpreadMin[n][bucket], allowed.Value);
            }
        }
    }

    private double[][] PerPhase(double value) => [Filled(value), Filled(value), Filled(value)];

    private double[] Filled(double value)
    {
        var series = new double[Buckets];
        Array.Fill(series, value);
        return series;
    }
}
