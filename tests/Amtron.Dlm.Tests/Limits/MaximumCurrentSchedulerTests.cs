using Amtron.Dlm.Limits;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Limits;

/// <summary>The manual's 6.6 table: 0–7 h 32 A, 7–16 h 16 A, 16–20 h 6 A, 20–0 h 32 A (UTC).</summary>
public sealed class MaximumCurrentSchedulerTests
{
    private static readonly MaximumCurrentScheduler ManualProfile = new(
    [
        new SchedulerEntry(0, PhaseCurrents.Uniform(32)),
        new SchedulerEntry(7, PhaseCurrents.Uniform(16)),
        new SchedulerEntry(16, PhaseCurrents.Uniform(6)),
        new SchedulerEntry(20, PhaseCurrents.Uniform(32)),
    ]);

    [Theory]
    [InlineData(0, 0, 32)]
    [InlineData(6, 59, 32)]
    [InlineData(7, 0, 16)]
    [InlineData(15, 59, 16)]
    [InlineData(16, 0, 6)]
    [InlineData(19, 59, 6)]
    [InlineData(20, 0, 32)]
    [InlineData(23, 59, 32)]
    public void Manual_table_6_6(int hour, int minute, long expected)
    {
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(100)) { MaximumCurrentScheduler = ManualProfile })
        {
            Time = new DateTimeOffset(2026, 3, 14, hour, minute, 0, TimeSpan.Zero),
        };
        var pool = site.Decide().Decision.Pool;
        Assert.Equal(PhaseCurrents.Uniform(expected), pool.Available);
        Assert.Equal(LimitSource.MaximumCurrentScheduler, pool.BoundBy.L1);
    }

    [Fact]
    public void Hours_are_utc_whatever_the_offset_of_the_given_time()
    {
        // 08:30 in UTC+2 is 06:30 UTC: still the 0-7 h entry.
        Assert.Equal(PhaseCurrents.Uniform(32), ManualProfile.LimitAt(new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Before_the_first_entry_the_previous_days_last_entry_applies()
    {
        var profile = new MaximumCurrentScheduler([new SchedulerEntry(20, PhaseCurrents.Uniform(25)), new SchedulerEntry(7, PhaseCurrents.Uniform(10))]);
        Assert.Equal(PhaseCurrents.Uniform(25), profile.LimitAt(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal(PhaseCurrents.Uniform(10), profile.LimitAt(new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_single_entry_holds_all_day()
    {
        var profile = new MaximumCurrentScheduler([new SchedulerEntry(12, PhaseCurrents.FromWholeAmps(10, 20, 30))]);
        Assert.Equal(PhaseCurrents.FromWholeAmps(10, 20, 30), profile.LimitAt(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Scheduler_above_the_other_limits_does_not_raise_them()
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(20)) { MaximumCurrentScheduler = ManualProfile };
        var site = new TestSite(settings) { Time = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero) };
        Assert.Equal(PhaseCurrents.Uniform(20), site.Decide().Decision.Pool.Available);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(-1)]
    public void Hours_outside_the_day_are_rejected(int hour) =>
        Assert.Throws<ArgumentException>(() => new MaximumCurrentScheduler([new SchedulerEntry(hour, PhaseCurrents.Uniform(6))]));

    [Fact]
    public void Duplicate_hours_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new MaximumCurrentScheduler([new SchedulerEntry(3, PhaseCurrents.Uniform(6)), new SchedulerEntry(3, PhaseCurrents.Uniform(8))]));

    [Fact]
    public void Invalid_entries_are_named_in_the_error()
    {
        Assert.StartsWith("Scheduler hour 24 is outside 0..23.", Assert.Throws<ArgumentException>(() => new MaximumCurrentScheduler([new SchedulerEntry(24, PhaseCurrents.Uniform(6))])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Scheduler hour 3 appears twice.", Assert.Throws<ArgumentException>(() => new MaximumCurrentScheduler([new SchedulerEntry(3, PhaseCurrents.Uniform(6)), new SchedulerEntry(3, PhaseCurrents.Uniform(8))])).Message, StringComparison.Ordinal);
        Assert.StartsWith("The scheduler needs at least one entry.", Assert.Throws<ArgumentException>(() => new MaximumCurrentScheduler([])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>("entries", () => new MaximumCurrentScheduler(null!));
    }
}
