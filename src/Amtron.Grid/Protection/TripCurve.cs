namespace Amtron.Grid.Protection;

/// <summary>
/// A time-current characteristic: how long a device carries a constant current (as a multiple of its rating) before
/// it opens, in seconds; +∞ where it never opens.
/// </summary>
internal abstract class TripCurve
{
    /// <summary>What a breaker's instantaneous (magnetic) release takes: half a cycle at 50 Hz.</summary>
    public const double InstantaneousSeconds = 0.01;

    /// <summary>Seconds until the device opens at a constant <paramref name="multiple"/> of its rating.</summary>
    public abstract double SecondsAt(double multiple);
}

/// <summary>
/// A curve through tabulated points, straight between them on log-log axes (as curves are drawn and read). Below the
/// first point the device never opens; beyond the last the last segment goes on.
/// </summary>
internal sealed class PointCurve : TripCurve
{
    private readonly double[] _logMultiple;
    private readonly double[] _logSeconds;

    /// <summary>A curve through <paramref name="points"/>: multiples rising, seconds falling.</summary>
    public PointCurve(IReadOnlyList<(double Multiple, double Seconds)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            throw new ArgumentException("a curve needs two points at least", nameof(points));
        }

        for (var i = 1; i < points.Count; i++)
        {
            if (!(points[i].Multiple > points[i - 1].Multiple) || !(points[i].Seconds < points[i - 1].Seconds))
            {
                throw new ArgumentException($"point {i} does not lie at a higher current and a shorter time than the one before", nameof(points));
            }
        }

        _logMultiple = [.. points.Select(p => Math.Log(p.Multiple))];
        _logSeconds = [.. points.Select(p => Math.Log(p.Seconds))];
    }

    /// <inheritdoc />
    public override double SecondsAt(double multiple)
    {
        var x = Math.Log(multiple);
        if (x < _logMultiple[0])
        {
            return double.PositiveInfinity;
        }

        var i = 1;
        while (i < _logMultiple.Length - 1 && x > _logMultiple[i])
        {
            i++;
        }

        var slope = (_logSeconds[i] - _logSeconds[i - 1]) / (_logMultiple[i] - _logMultiple[i - 1]);
        return Math.Exp(_logSeconds[i - 1] + (slope * (x - _logMultiple[i - 1])));
    }
}

/// <summary>
/// A breaker's thermal (bimetal) release, t = k / (M² − Mₙₜ²): it never opens at or below the conventional non-tripping
/// multiple Mₙₜ, and its magnetic release opens at once from <see cref="_instantaneousFrom"/>.
/// </summary>
internal sealed class ThermalCurve(double k, double nonTripMultiple, double instantaneousFrom) : TripCurve
{
    private readonly double _instantaneousFrom = instantaneousFrom;

    /// <inheritdoc />
    public override double SecondsAt(double multiple)
    {
        // Stryker disable once Equality : at M = Mₙₜ the thermal term is k / (M² − Mₙₜ²) = k / +0 = +∞ as well (k > 0, and the magnetic release lies above Mₙₜ)
        if (multiple <= nonTripMultiple)
        {
            return double.PositiveInfinity;
        }

        return multiple > _instantaneousFrom
            ? InstantaneousSeconds
            : Math.Max(InstantaneousSeconds, k / ((multiple * multiple) - (nonTripMultiple * nonTripMultiple)));
    }
}
