using System.Globalization;

namespace Amtron.Site;

/// <summary>
/// The one reader of durations in every input (scenario files, CSV times after a start, command-line options such as
/// <c>amtron meter read --every</c>): sums of number-unit parts.
/// </summary>
public static class DurationText
{
    /// <summary>Durations as sums of number-unit parts: d, h, m, s, ms (e.g. 1d12h, 90s, 0.5h); at most about 3,000 years.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        const double MaximumSeconds = 1e11;
        duration = TimeSpan.Zero;
        var seconds = 0.0;
        do
        {
            var end = Digits(text, 0);
            if (end == 0)
            {
                return false;
            }

            if (end < text.Length && text[end] == '.')
            {
                var fraction = Digits(text, end + 1);
                if (fraction == end + 1)
                {
                    return false;
                }

                end = fraction;
            }

            var amount = double.Parse(text[..end], CultureInfo.InvariantCulture);
            text = text[end..];
            var (unitSeconds, length) = text switch
            {
                ['m', 's', ..] => (0.001, 2),
                ['d', ..] => (86_400.0, 1),
                ['h', ..] => (3_600.0, 1),
                ['m', ..] => (60.0, 1),
                ['s', ..] => (1.0, 1),
                _ => (0.0, 0),
            };
            seconds += amount * unitSeconds;
            if (length == 0 || seconds > MaximumSeconds)
            {
                return false;
            }

            // The TimeSpan factories of each unit, so a duration is exactly what it always was.
            duration += length == 2 ? TimeSpan.FromMilliseconds(amount) : text[0] switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
            text = text[length..];
        }
        while (!text.IsEmpty);

        return true;
    }

    private static int Digits(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length && char.IsAsciiDigit(text[from]))
        {
            from++;
        }

        return from;
    }
}
