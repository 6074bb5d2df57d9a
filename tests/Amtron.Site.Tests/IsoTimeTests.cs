namespace Amtron.Site.Tests;

/// <summary>The one time reader: ISO 8601 dates and date-times only, in UTC.</summary>
public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2026-06-01T07:30:00Z", 2026, 6, 1, 7, 30, 0, 0)]
    [InlineData("2026-06-01T07:30:00", 2026, 6, 1, 7, 30, 0, 0)]
    [InlineData("2026-06-01 07:30", 2026, 6, 1, 7, 30, 0, 0)]
    [InlineData("2026-06-01T07:30Z", 2026, 6, 1, 7, 30, 0, 0)]
    [InlineData("2026-06-01", 2026, 6, 1, 0, 0, 0, 0)]
    [InlineData("2024-02-29", 2024, 2, 29, 0, 0, 0, 0)]
    [InlineData("2026-06-01T07:30:05.25Z", 2026, 6, 1, 7, 30, 5, 2_500_000)]
    // Digits below a tick (100 ns) are dropped: .123456789 is 1,234,567 ticks.
    [InlineData("2026-06-01T07:30:05.123456789Z", 2026, 6, 1, 7, 30, 5, 1_234_567)]
    // 07:30 at UTC+02:00 is 05:30 UTC; 00:15 at UTC+01:00 is 23:15 UTC the day before; 00:30 at UTC−01:00 is 01:30 UTC.
    [InlineData("2026-06-01T07:30:00+02:00", 2026, 6, 1, 5, 30, 0, 0)]
    [InlineData("2026-01-01T00:15+01:00", 2025, 12, 31, 23, 15, 0, 0)]
    [InlineData("2026-06-01T00:30-01:00", 2026, 6, 1, 1, 30, 0, 0)]
    [InlineData("2026-06-01T07:30:00-00:00", 2026, 6, 1, 7, 30, 0, 0)]
    public void Iso_dates_and_date_times_read_in_utc(string text, int year, int month, int day, int hour, int minute, int second, long ticks)
    {
        Assert.True(IsoTime.TryParse(text, out var time));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("07:00")] // today's date on the machine, so a result would depend on the day it ran
    [InlineData("1/6/2026 07:00")]
    [InlineData("Jun 1 2026 7:00")]
    [InlineData("2026-6-1")]
    [InlineData("2026-06-01T7:00")]
    [InlineData("20260601T070000Z")]
    [InlineData("2026-02-29")] // 2026 is not a leap year
    [InlineData("2026-13-01")]
    [InlineData("0000-01-01")]
    [InlineData("2026-06-01T24:00")]
    [InlineData("2026-06-01T07:60")]
    [InlineData("2026-06-01T07:00:60")]
    [InlineData("2026-06-01T07:00:00.")]
    [InlineData("2026-06-01T07:00:00,5")]
    [InlineData("2026-06-01Z")] // a zone belongs to a time of day
    [InlineData("2026-06-01T07:00+0100")]
    [InlineData("2026-06-01T07:00+01")]
    [InlineData("2026-06-01T07:00 Z")]
    [InlineData("2026-06-01t07:00z")]
    [InlineData("2026-06-01T07:00:00Z ")]
    [InlineData("2026-06-01T")]
    [InlineData("")]
    [InlineData("0001-01-01T00:30+01:00")] // 23:30 UTC on the day before year 1
    [InlineData("9999-12-31T23:30-01:00")] // 00:30 UTC in year 10000
    public void Anything_else_is_not_a_time(string text) => Assert.False(IsoTime.TryParse(text, out _));
}
