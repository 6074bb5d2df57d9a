namespace Amtron.Grid.Protection;

/// <summary>
/// Circuit breakers' thermal releases as t = k / (M² − Mₙₜ²) (jacho35/protectionpro TCC_REVIEW.md, finding TC3) and their
/// magnetic releases; the constants and their sources are in docs/grid.md.
/// </summary>
internal static class BreakerTable
{
    /// <summary>The multiple of IEC 60898-1's test c: 2.55·In must trip after more than 1 s and within 60 s (In ≤ 32 A).</summary>
    private const double CalibrationMultiple = 2.55;

    /// <summary>The fastest time the standard allows at <see cref="CalibrationMultiple"/>.</summary>
    private const double FastestSecondsAtCalibration = 1;

    /// <summary>A typical breaker's time at <see cref="CalibrationMultiple"/>, within the 1–60 s band.</summary>
    private const double TypicalSecondsAtCalibration = 30;

    /// <summary>Conventional non-tripping multiple: 1.13 (IEC 60898-1), 1.05 (IEC 60947-2, SLS characteristic E).</summary>
    public static double NonTripMultiple(DeviceKind kind) => kind is DeviceKind.Mccb or DeviceKind.SlsE ? 1.05 : 1.13;

    /// <summary>The fastest curve: 1 s at 2.55·In, and the magnetic release from the lower edge of its band.</summary>
    public static ThermalCurve Worst(DeviceKind kind) => Curve(kind, FastestSecondsAtCalibration, Magnetic(kind).Lowest);

    /// <summary>A typical curve: 30 s at 2.55·In, and the magnetic release from the middle of its band.</summary>
    public static ThermalCurve TypicalCurve(DeviceKind kind) => Curve(kind, TypicalSecondsAtCalibration, Magnetic(kind).Typical);

    private static ThermalCurve Curve(DeviceKind kind, double secondsAtCalibration, double instantaneousFrom)
    {
        var nonTrip = NonTripMultiple(kind);
        var k = secondsAtCalibration * ((CalibrationMultiple * CalibrationMultiple) - (nonTrip * nonTrip));
        return new ThermalCurve(k, nonTrip, instantaneousFrom);
    }

    /// <summary>
    /// Where the magnetic release may open at once (the band's lower edge) and where a typical one does: B 3–5·In,
    /// C 5–10·In, D 10–20·In (IEC 60898-1); an MCCB's release is set, 5–10·In assumed; an SLS E trips short-delayed
    /// from 6.25·In (DIN VDE 0641-21).
    /// </summary>
    private static (double Lowest, double Typical) Magnetic(DeviceKind kind) => kind switch
    {
        DeviceKind.McbB => (3, 4),
        DeviceKind.McbC => (5, 7.5),
        DeviceKind.McbD => (10, 15),
        DeviceKind.Mccb => (5, 10),
        DeviceKind.SlsE => (6.25, 6.25),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a breaker"),
    };
}
