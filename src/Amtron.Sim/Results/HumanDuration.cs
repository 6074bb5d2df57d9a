using System.Globalization;

namespace Amtron.Sim.Results;

/// <summary>A duration as a person reads it: the two largest units (2 d 4 h, 3 h 12 min, 5 min 30 s), seconds below a minute.</summary>
public static class HumanDuration
{
    /// <summary>The duration in words and numbers.</summary>
    public static string Of(TimeSpan duration)
    {
        var c = CultureInfo.InvariantCulture;
        if (duration < TimeSpan.Zero)
        {
            return "-" + Of(-duration);
        }

        return duration.TotalSeconds switch
        {
            < 60 => string.Create(c, $"{duration.TotalSeconds:0.###} s"),
            < 3600 => Two(duration.Minutes, "min", duration.Seconds, "s"),
            < 86_400 => Two(duration.Hours, "h", duration.Minutes, "min"),
            _ => Two((int)duration.TotalDays, "d", duration.Hours, "h"),
        };
    }

    private static string Two(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit} {minor} {minorUnit}");
}
