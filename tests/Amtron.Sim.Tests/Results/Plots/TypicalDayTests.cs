using Amtron.Dlm.Units;
using Amtron.Sim.Results.Plots;

namespace Amtron.Sim.Tests.Results.Plots;

public sealed class TypicalDayTests
{
    private static readonly long Minute = TimeSpan.TicksPerMinute;

    [Fact]
    public void Each_slot_holds_the_mean_over_every_day_and_the_highest_current()
    {
        // Two days from midnight. Slot 32 (08:00–08:15): day 1 holds 40 A on L1 for all 15 min; day 2 holds 10 A for
        // 5 min and 0 A for 10 min → mean (40·15 + 10·5) / 30 = 21.67 A, highest 40 A.
        var day = new TypicalDay(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        day.Add(PhaseCurrents.Zero, 0, 8 * 60 * Minute);
        day.Add(PhaseCurrents.FromWholeAmps(40, 0, 0), 8 * 60 * Minute, ((8 * 60) + 15) * Minute);
        day.Add(PhaseCurrents.Zero, ((8 * 60) + 15) * Minute, ((24 + 8) * 60) * Minute);
        day.Add(PhaseCurrents.FromWholeAmps(10, 0, 0), ((24 + 8) * 60) * Minute, (((24 + 8) * 60) + 5) * Minute);
        day.Add(PhaseCurrents.Zero, (((24 + 8) * 60) + 5) * Minute, 48 * 60 * Minute);

        Assert.Equal((40 * 15 + 10 * 5) / 30.0, day.Mean(0)[32], 9);
        Assert.Equal(40, day.Max[0][32]);
        Assert.Equal(0, day.Mean(0)[31]);
        Assert.Equal(0, day.Mean(0)[33]);
        Assert.Equal(0, day.Max[1][32]);
    }

    [Fact]
    public void A_run_that_starts_inside_a_slot_counts_by_the_time_of_day()
    {
        // From 23:50 UTC, 20 min of 12 A: 10 min in slot 95 (23:45–24:00), 10 min in slot 0 of the next day.
        var day = new TypicalDay(new DateTimeOffset(2026, 6, 1, 23, 50, 0, TimeSpan.Zero));
        day.Add(PhaseCurrents.Uniform(12), 0, 20 * Minute);

        Assert.Equal(12, day.Mean(2)[95]);
        Assert.Equal(12, day.Mean(2)[0]);
        Assert.Equal(0, day.Mean(2)[1]);
        Assert.Equal(96, TypicalDay.Slots);
        Assert.Equal(23.75, TypicalDay.SlotHours()[95]);
    }
}
