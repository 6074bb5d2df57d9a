using System.Globalization;

namespace Amtron.Site.Scenarios.AcnData;

/// <summary>
/// The times of ACN-Data exports: RFC 1123 as the API writes them (<c>Sat, 01 May 2021 20:42:47 GMT</c>; RFC 5322's
/// date-time: the day name optional but, when given, the day's; a 1- or 2-digit day; seconds optional) with their zone
/// (GMT, UT, UTC, Z, ±hhmm, or RFC 822's US zones EST/EDT/CST/CDT/MST/MDT/PST/PDT), or ISO 8601 as every other input
/// reads (<see cref="IsoTime"/>), e.g. from a spreadsheet's re-export. The result is in UTC.
/// </summary>
internal static class AcnTime
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly (string Name, int Hours)[] NamedZones =
    [
        ("GMT", 0), ("UT", 0), ("UTC", 0), ("Z", 0),
        ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5), ("MST", -7), ("MDT", -6), ("PST", -8), ("PDT", -7),
    ];

    /// <summary>The time <paramref name="text"/> names, or null with <paramref name="problem"/> saying why.</summary>
    public static DateTimeOffset? Parse(ReadOnlySpan<char> text, out string problem)
    {
        problem = string.Empty;
        if (IsoTime.TryParse(text, out var iso))
        {
            return iso;
        }

        var parts = Split(text);
        var at = 0;
        string? dayName = null;
        if (parts.Count > 0 && parts[0].EndsWith(','))
        {
            dayName = parts[0][..^1];
            at = 1;
        }

        if (parts.Count - at != 5)
        {
            problem = $"'{text}' is not an RFC 1123 time such as 'Sat, 01 May 2021 20:42:47 GMT' or an ISO 8601 time";
            return null;
        }

        var month = Array.IndexOf(Months, parts[at + 1]) + 1;
        if (!int.TryParse(parts[at], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || parts[at].Length > 2
            || month == 0 || !int.TryParse(parts[at + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || parts[at + 2].Length != 4
            || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || !TimeOfDay(parts[at + 3], out var timeOfDay))
        {
            problem = $"'{text}' is not an RFC 1123 time such as 'Sat, 01 May 2021 20:42:47 GMT' (day, month name, 4-digit year, HH:mm[:ss])";
            return null;
        }

        if (Offset(parts[at + 4]) is not { } offset)
        {
            problem = $"'{text}': unknown time zone '{parts[at + 4]}' (GMT, UTC, ±hhmm, or EST/EDT/CST/CDT/MST/MDT/PST/PDT)";
            return null;
        }

        var local = new DateTime(year, month, day).Add(timeOfDay);
        if (dayName is not null && Days[(int)local.DayOfWeek] != dayName)
        {
            problem = $"'{text}': {day:00} {Months[month - 1]} {year} is a {local.DayOfWeek}, not '{dayName}'";
            return null;
        }

        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            problem = $"'{text}' is outside the years 1-9999";
            return null;
        }

        return new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }

    private static List<string> Split(ReadOnlySpan<char> text)
    {
        var parts = new List<string>(6);
        foreach (var range in text.Split(' '))
        {
            if (text[range].Length > 0)
            {
                parts.Add(text[range].ToString());
            }
        }

        return parts;
    }

    /// <summary>HH:mm or HH:mm:ss.</summary>
    private static bool TimeOfDay(string text, out TimeSpan time)
    {
        time = default;
        var fields = text.Split(':');
        if (fields.Length is < 2 or > 3 || fields.Any(f => f.Length != 2 || !f.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var (hours, minutes, seconds) = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture), fields.Length == 3 ? int.Parse(fields[2], CultureInfo.InvariantCulture) : 0);
        // RFC 5322 allows second 60 for a leap second; no data set here records one, and DateTime cannot hold it.
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        time = new TimeSpan(hours, minutes, seconds);
        return true;
    }

    /// <summary>A zone's offset east of UTC, or null.</summary>
    private static TimeSpan? Offset(string zone)
    {
        foreach (var (name, hours) in NamedZones)
        {
            if (zone == name)
            {
                return TimeSpan.FromHours(hours);
            }
        }

        if (zone.Length == 5 && zone[0] is '+' or '-' && zone[1..].All(char.IsAsciiDigit))
        {
            var (hours, minutes) = (int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[3..], CultureInfo.InvariantCulture));
            if (hours > 23 || minutes > 59)
            {
                return null;
            }

            var offset = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -offset : offset;
        }

        return null;
    }
}
