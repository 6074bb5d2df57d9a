using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Limits;

/// <summary>
/// The tests' own statement of the manual (<see cref="ManualLimits"/>) on the manual's examples, worked by hand: the
/// properties judge the engine by it, so it is pinned without the engine.
/// </summary>
public sealed class ManualLimitsTests
{
    private static ManualLimits At(DlmSettings settings, int hour, bool digitalInput = false) =>
        ManualLimits.For(settings, new DecisionInput(new DateTimeOffset(2026, 3, 14, hour, 30, 0, TimeSpan.FromHours(2)).ToUniversalTime(), MeterReading.Failed, digitalInput), []);

    /// <summary>6.6's table (0 h 32 A, 7 h 16 A, 16 h 6 A, 20 h 32 A), and a profile without a row at 0 h wrapping past midnight.</summary>
    [Theory]
    [InlineData(3, 32, 10)]
    [InlineData(7, 16, 16)]
    [InlineData(17, 6, 16)]
    [InlineData(21, 32, 10)]
    public void The_scheduler_row_in_force_is_the_last_one_started_6_6(int utcHour, long manualTable, long withoutMidnightRow)
    {
        var table = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            MaximumCurrentScheduler = new MaximumCurrentScheduler(
            [
                new SchedulerEntry(0, PhaseCurrents.Uniform(32)),
                new SchedulerEntry(7, PhaseCurrents.Uniform(16)),
                new SchedulerEntry(16, PhaseCurrents.Uniform(6)),
                new SchedulerEntry(20, PhaseCurrents.Uniform(32)),
            ]),
        };

        // 7 h 16 A, 20 h 10 A: from 20 h until 7 h the next morning 10 A.
        var wrapping = table with
        {
            MaximumCurrentScheduler = new MaximumCurrentScheduler([new SchedulerEntry(7, PhaseCurrents.Uniform(16)), new SchedulerEntry(20, PhaseCurrents.Uniform(10))]),
        };

        // At() gives the local time 2 h ahead of UTC: the hours are UTC.
        Assert.Equal([manualTable, manualTable, manualTable], At(table, utcHour + 2).Available);
        Assert.Equal([withoutMidnightRow, withoutMidnightRow, withoutMidnightRow], At(wrapping, utcHour + 2).Available);
    }

    /// <summary>6.5: while the input is energised the Operator limit is lowered by the offset; the EVSE limit still binds above it.</summary>
    [Fact]
    public void The_digital_input_lowers_the_operator_limit_6_5()
    {
        // EVSE 100 / 100 / 40, Operator 80 / 90 / 100, offset 30 / 0 / 5: off min = 80 / 90 / 40;
        // on: Operator 50 / 90 / 95, min = 50 / 90 / 40.
        var settings = new DlmSettings(PhaseCurrents.FromWholeAmps(100, 100, 40))
        {
            OperatorEvseSubDistributionLimit = PhaseCurrents.FromWholeAmps(80, 90, 100),
            MeterDigitalInputCurrentOffset = PhaseCurrents.FromWholeAmps(30, 0, 5),
        };
        Assert.Equal([80, 90, 40], At(settings, 12).Available);
        Assert.Equal([50, 90, 40], At(settings, 12, digitalInput: true).Available);
    }

    /// <summary>6.3.1 with reserved current and rounding: the reading comes off the main limit, then the reserve, then whole amps.</summary>
    [Fact]
    public void An_excluding_meter_and_reserved_current_6_3_1()
    {
        // Main 63 A, reading 12.5 / 3 / 4.2 A, headroom 0, reserved 6 / 0 / 6 A:
        // 63 - 12.5 - 6 = 44.5 -> 44; 63 - 3 = 60; 63 - 4.2 - 6 = 52.8 -> 52. EVSE 100 less the reserve binds nothing.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63)),
        };
        var input = new DecisionInput(DateTimeOffset.UnixEpoch, MeterReading.Of(PhaseCurrents.FromDoubles(12.5, 3, 4.2)), false)
        {
            Reserved = PhaseCurrents.FromWholeAmps(6, 0, 6),
        };
        Assert.Equal([44, 60, 52], ManualLimits.For(settings, input, []).Available);
    }
}
