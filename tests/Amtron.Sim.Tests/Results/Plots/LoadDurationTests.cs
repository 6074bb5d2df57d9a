using Amtron.Dlm.Units;
using Amtron.Sim.Results.Plots;

namespace Amtron.Sim.Tests.Results.Plots;

public sealed class LoadDurationTests
{
    private static readonly long Hour = TimeSpan.TicksPerHour;

    [Fact]
    public void The_curve_reads_hours_at_or_above_each_level_from_the_top()
    {
        // L1: 2 h at 50 A, 1 h at 80 A, 3 h at 0 A → at or above 80 A for 1 h, 50 A for 3 h, 0 A for 6 h.
        var curve = new LoadDuration();
        curve.Add(PhaseCurrents.FromWholeAmps(50, 0, 0), 2 * Hour);
        curve.Add(PhaseCurrents.FromWholeAmps(80, 0, 0), Hour);
        curve.Add(PhaseCurrents.Zero, 3 * Hour);

        var (hours, amps) = curve.Curve(0);
        Assert.Equal([0.0, 1.0, 3.0, 6.0], hours);
        Assert.Equal([80.0, 50.0, 0.0, 0.0], amps);

        var (l2Hours, l2Amps) = curve.Curve(1);
        Assert.Equal([0.0, 6.0], l2Hours);
        Assert.Equal([0.0, 0.0], l2Amps);
    }

    [Fact]
    public void A_current_between_levels_counts_at_the_next_level_up()
    {
        // 63.01 A is shown as 63.1 A: the curve may overstate a load by less than a level, never understate it.
        var curve = new LoadDuration();
        curve.Add(new PhaseCurrents(Amps.FromMilliamps(63_010), Amps.FromMilliamps(63_100), Amps.FromMilliamps(63_000)), Hour);

        Assert.Equal([63.1, 63.1], curve.Curve(0).Amps);
        Assert.Equal([63.1, 63.1], curve.Curve(1).Amps);
        Assert.Equal([63.0, 63.0], curve.Curve(2).Amps);
    }

    [Fact]
    public void Nothing_held_gives_a_single_point_at_zero()
    {
        var curve = new LoadDuration();
        curve.Add(PhaseCurrents.Uniform(10), 0);

        var (hours, amps) = curve.Curve(0);
        Assert.Equal([0.0], hours);
        Assert.Equal([0.0], amps);
    }
}
