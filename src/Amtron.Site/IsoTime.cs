namespace Amtron.Site;

/// <summary>
/// The one reader of times in every input (scenario files, CSV files, meter profiles, allocate requests): ISO 8601
/// only. <c>DateTimeOffset.TryParse</c>, used before, also took "07:00" as that time on the machine's today, and
/// "1/6/2026" or "Jun 1 2026", so a result could depend on the day it ran and on how a date was guessed.
/// </summary>
public static class IsoTime
{
    /// <summary>
    /// Reads <c>yyyy-MM-dd</c>, optionally followed by <c>T</c> (or a space) and <c>HH:mm</c>, <c>HH:mm:ss</c> or
    /// <c>HH:mm:ss.fraction</c>, then optionally <c>Z</c> or an offset <c>+hh:mm</c>/<c>-hh:mm</c> (no zone is UTC).
    /// The result is in UTC; false for anything else, including an instant outside years 1–9999 once in UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        var at = 0;
        if (!Digits(text, ref at, 4, out var year) || !Char(text, ref at, '-') || !Digits(text, ref at, 2, out var month)
            || !Char(text, ref at, '-') || !Digits(text, ref at, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var ticks = new DateTime(year, month, day).Ticks;
        if (at < text.Length)
        {
            // A zone belongs to a time of day: "2026-06-01Z" is not ISO 8601.
            if (text[at] is not ('T' or ' ') || !TimeOfDay(text, ref at, out var timeOfDay) || !Zone(text, ref at, out var offset))
            {
                return false;
            }

            ticks += timeOfDay - offset;
        }

        if (at != text.Length || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        time = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>After the separator at <paramref name="at"/>: HH:mm[:ss[.fraction]] in ticks.</summary>
    private static bool TimeOfDay(ReadOnlySpan<char> text, ref int at, out long ticks)
    {
        ticks = 0;
        at++;
        if (!Digits(text, ref at, 2, out var hour) || !Char(text, ref at, ':') || !Digits(text, ref at, 2, out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        ticks = (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute);
        if (at < text.Length && text[at] == ':')
        {
            at++;
            if (!Digits(text, ref at, 2, out var second) || second > 59)
            {
                return false;
            }

            ticks += second * TimeSpan.TicksPerSecond;
            if (at < text.Length && text[at] == '.')
            {
                at++;
                var first = at;
                // Digits past the seventh are below a tick: read, then dropped.
                for (var scale = TimeSpan.TicksPerSecond / 10; at < text.Length && char.IsAsciiDigit(text[at]); at++, scale /= 10)
                {
                    ticks += (text[at] - '0') * scale;
                }

                return at > first;
            }
        }

        return true;
    }

    /// <summary>Nothing (UTC), Z, or ±hh:mm, in ticks east of UTC.</summary>
    private static bool Zone(ReadOnlySpan<char> text, ref int at, out long ticks)
    {
        ticks = 0;
        if (at == text.Length)
        {
            return true;
        }

        if (text[at] == 'Z')
        {
            at++;
            return true;
        }

        var sign = text[at] switch { '+' => 1, '-' => -1, _ => 0 };
        at++;
        if (sign == 0 || !Digits(text, ref at, 2, out var hours) || !Char(text, ref at, ':') || !Digits(text, ref at, 2, out var minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        ticks = sign * ((hours * TimeSpan.TicksPerHour) + (minutes * TimeSpan.TicksPerMinute));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int at, int count, out int value)
    {
        value = 0;
        if (at + count > text.Length)
        {
            return false;
        }

        for (var end = at + count; at < end; at++)
        {
            if (!char.IsAsciiDigit(text[at]))
            {
                return false;
            }

            value = (value * 10) + (text[at] - '0');
        }

        return true;
    }

    private static bool Char(ReadOnlySpan<char> text, ref int at, char expected)
    {
        if (at < text.Length && text[at] == expected)
        {
            at++;
            return true;
        }

        return false;
    }
}
