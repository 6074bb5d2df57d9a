using Amtron.Site.Scenarios.AcnData;

namespace Amtron.Site.Tests.Scenarios.AcnData;

/// <summary>ACN-Data's RFC 1123 times with their zones (and ISO 8601), read to UTC.</summary>
public sealed class AcnTimeTests
{
    [Theory]
    [InlineData("Sat, 01 May 2021 20:42:47 GMT", "2021-05-01T20:42:47Z")]
    [InlineData("Sat, 01 May 2021 20:42:47 UTC", "2021-05-01T20:42:47Z")]
    // PDT is 7 h behind UTC: 13:42:47 + 7 h = 20:42:47.
    [InlineData("Sat, 01 May 2021 13:42:47 PDT", "2021-05-01T20:42:47Z")]
    [InlineData("Sat, 01 May 2021 13:42:47 -0700", "2021-05-01T20:42:47Z")]
    // PST is 8 h behind: 16:00 + 8 h = 00:00 the next day.
    [InlineData("Fri, 01 Mar 2019 16:00:00 PST", "2019-03-02T00:00:00Z")]
    // No day name, a 1-digit day, no seconds: 22:42 at +02:00 is 20:42 UTC.
    [InlineData("1 May 2021 22:42 +0200", "2021-05-01T20:42:00Z")]
    // Across a year: 23:30 at -01:00 is 00:30 UTC on New Year's Day.
    [InlineData("Fri, 31 Dec 2021 23:30:00 -0100", "2022-01-01T00:30:00Z")]
    [InlineData("2021-05-01T13:42:47-07:00", "2021-05-01T20:42:47Z")]
    public void Times_are_read_with_their_zone_into_UTC(string text, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), AcnTime.Parse(text, out var problem));
        Assert.Empty(problem);
    }

    [Theory]
    [InlineData("Sun, 01 May 2021 20:42:47 GMT", "01 May 2021 is a Saturday, not 'Sun'")]
    [InlineData("Sat, 01 May 2021 20:42:47 CEST", "unknown time zone 'CEST'")]
    [InlineData("Fri, 31 Apr 2021 20:42:47 GMT", "not an RFC 1123 time")]
    [InlineData("Sat, 01 May 2021 24:00:00 GMT", "not an RFC 1123 time")]
    [InlineData("Sat, 01 Mai 2021 20:42:47 GMT", "not an RFC 1123 time")]
    [InlineData("Sat, 01 May 21 20:42:47 GMT", "not an RFC 1123 time")]
    [InlineData("Sat, 01 May 2021 20:42:47 +2400", "unknown time zone '+2400'")]
    [InlineData("Sat, 01 May 2021 20:42:47", "not an RFC 1123 time")]
    [InlineData("yesterday", "not an RFC 1123 time")]
    public void A_time_that_is_not_one_says_why(string text, string why)
    {
        Assert.Null(AcnTime.Parse(text, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }
}
