using System.Globalization;
using Amtron.Dlm.Units;

namespace Amtron.Grid.Protection;

/// <summary>Which of a device's two curves: the fastest its standard allows, or a typical device's.</summary>
public enum CurveEdge
{
    /// <summary>The fastest device the standard allows (a lower bound on the time to trip).</summary>
    Worst,

    /// <summary>A typical device.</summary>
    Typical,
}

/// <summary>
/// A fuse or breaker of one <see cref="Kind"/> and <see cref="Rating"/> (In) on each phase, with its time-current
/// curves. Make one with <see cref="Create"/>, which says why a kind and rating have no curves here.
/// </summary>
public sealed class ProtectiveDevice
{
    private readonly TripCurve _worst;
    private readonly TripCurve _typical;

    private ProtectiveDevice(DeviceKind kind, Amps rating)
    {
        Kind = kind;
        Rating = rating;
        var ratedAmps = rating.Value;
        NonTripMultiple = kind == DeviceKind.FuseGG ? GgFuseTable.NonTripMultiple : BreakerTable.NonTripMultiple(kind);
        _worst = kind == DeviceKind.FuseGG ? GgFuseTable.Worst(ratedAmps) : BreakerTable.Worst(kind);
        _typical = kind == DeviceKind.FuseGG ? GgFuseTable.TypicalCurve(ratedAmps) : BreakerTable.TypicalCurve(kind);
    }

    /// <summary>What kind of device.</summary>
    public DeviceKind Kind { get; }

    /// <summary>Its rated current In.</summary>
    public Amps Rating { get; }

    /// <summary>The conventional non-tripping current as a multiple of <see cref="Rating"/>: below it nothing opens.</summary>
    public double NonTripMultiple { get; }

    /// <summary>The conventional non-tripping current: 1.25·In (gG), 1.13·In (MCB), 1.05·In (MCCB, SLS).</summary>
    public Amps NonTripCurrent => Amps.FromDouble(NonTripMultiple * Rating.Value);

    /// <summary>The device of <paramref name="kind"/> and <paramref name="rating"/>, or why there are no curves for it.</summary>
    public static ProtectiveDevice? Create(DeviceKind kind, Amps rating, out string? problem)
    {
        problem = Problem(kind, rating.Value);
        return problem is null ? new ProtectiveDevice(kind, rating) : null;
    }

    /// <summary>
    /// How long the device carries <paramref name="current"/> before it opens, on the curve of <paramref name="edge"/>;
    /// null when it never opens at that current. A typical device is never faster than the fastest allowed.
    /// </summary>
    public TimeSpan? TimeToTrip(Amps current, CurveEdge edge)
    {
        // In milliamps, as TripDamage counts an overload: current / In can round a hair above NonTripMultiple at the
        // non-tripping current itself (22.6 A / 20 A > 1.13), where the thermal term would overflow a TimeSpan.
        if (current <= NonTripCurrent)
        {
            return null;
        }

        var seconds = SecondsToTrip(current.Value / Rating.Value, edge);
        return double.IsPositiveInfinity(seconds) ? null : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Seconds to trip at a constant <paramref name="multiple"/> of the rating (+∞: never); see <see cref="TimeToTrip"/>.</summary>
    internal double SecondsToTrip(double multiple, CurveEdge edge)
    {
        if (multiple <= NonTripMultiple)
        {
            return double.PositiveInfinity;
        }

        var worst = _worst.SecondsAt(multiple);
        return edge == CurveEdge.Worst ? worst : Math.Max(worst, _typical.SecondsAt(multiple));
    }

    /// <summary>The device in a site file's words: "63 A gG".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rating.Value:0.###} A {DeviceKindNames.Of(Kind)}");

    private static string? Problem(DeviceKind kind, double rating) => kind switch
    {
        _ when !(rating > 0) => "a device's rating must be above 0 A",
        DeviceKind.FuseGG when rating < GgFuseTable.SmallestRating || rating > GgFuseTable.LargestRating =>
            string.Create(CultureInfo.InvariantCulture, $"gG curves are tabulated for {GgFuseTable.SmallestRating}–{GgFuseTable.LargestRating} A (IEC 60269-1 gates), not {rating} A"),
        DeviceKind.McbB or DeviceKind.McbC or DeviceKind.McbD when rating > 125 =>
            string.Create(CultureInfo.InvariantCulture, $"IEC 60898-1 breakers go up to 125 A, not {rating} A: use mccb"),
        _ => null,
    };
}
