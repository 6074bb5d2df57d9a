using System.Globalization;

namespace Amtron.Sim.Results;

/// <summary>
/// The unit a KPI is measured in and its decimals: <paramref name="FileDecimals"/> in result files (fine enough to
/// compare runs, fixed so the same seed gives the same bytes), <paramref name="ShownDecimals"/> on the terminal and in
/// the report.
/// </summary>
public sealed record KpiUnit(string Symbol, int FileDecimals, int ShownDecimals)
{
    /// <summary>Energy: to the milliwatt-hour in files, 10 Wh shown.</summary>
    public static readonly KpiUnit KilowattHours = new("kWh", 6, 2);

    /// <summary>Current: to the milliamp in files (the simulator's resolution), 0.1 A shown.</summary>
    public static readonly KpiUnit Amperes = new("A", 3, 1);

    /// <summary>Time: to the millisecond in files; shown to 0.1 s, from a minute on in days, hours and minutes first.</summary>
    public static readonly KpiUnit Seconds = new("s", 3, 1) { IsDuration = true };

    /// <summary>Whole numbers.</summary>
    public static readonly KpiUnit Count = new(string.Empty, 0, 0);

    /// <summary>Current integrated over time (an excursion's excess).</summary>
    public static readonly KpiUnit AmpereSeconds = new("A·s", 3, 1);

    /// <summary>A device's thermal damage (1 = it would have opened): to a millionth in files, a thousandth shown.</summary>
    public static readonly KpiUnit Damage = new(string.Empty, 6, 3);

    /// <summary>Power: to the watt in files, 10 W shown.</summary>
    public static readonly KpiUnit KiloWatts = new("kW", 3, 2);

    /// <summary>Percent.</summary>
    public static readonly KpiUnit Percent = new("%", 4, 2);

    /// <summary>A time in seconds, which a person reads better in days, hours and minutes.</summary>
    public bool IsDuration { get; init; }

    private const double SecondsPerMinute = 60;

    /// <summary>The value as written to a file: rounded half away from zero to the file's decimals.</summary>
    public decimal Rounded(double value) => Math.Round((decimal)value, FileDecimals, MidpointRounding.AwayFromZero);

    /// <summary>The value as shown to a person, with its unit.</summary>
    public string Shown(double value)
    {
        var number = value.ToString("F" + ShownDecimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var shown = Symbol.Length == 0 ? number : $"{number} {Symbol}";
        return IsDuration && Math.Abs(value) >= SecondsPerMinute ? $"{HumanDuration.Of(TimeSpan.FromSeconds(value))} ({shown})" : shown;
    }
}
