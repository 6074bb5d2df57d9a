using Amtron.Dlm.Decision;
using Amtron.Dlm.Limits;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Limits;

/// <summary>Steps 1–4 of the decision, one manual rule per test.</summary>
public sealed class PoolLimitTests
{
    private static readonly DlmSettings Base = new(PhaseCurrents.Uniform(100));

    [Fact]
    public void Sub_distribution_limit_alone_is_available_6_1()
    {
        var result = new TestSite(Base).Decide();
        Assert.Equal(PhaseCurrents.Uniform(100), result.Decision.Pool.Available);
        Assert.Equal(LimitSource.EvseSubDistributionLimit, result.Decision.Pool.BoundBy.L1);
    }

    [Fact]
    public void Operator_limit_below_sub_distribution_binds()
    {
        var site = new TestSite(Base with { OperatorEvseSubDistributionLimit = PhaseCurrents.FromWholeAmps(80, 90, 100) });
        var pool = site.Decide().Decision.Pool;
        Assert.Equal(PhaseCurrents.FromWholeAmps(80, 90, 100), pool.Available);
        Assert.Equal(LimitSource.OperatorEvseSubDistributionLimit, pool.BoundBy.L1);
        Assert.Equal(LimitSource.EvseSubDistributionLimit, pool.BoundBy.L3);
    }

    [Fact]
    public void Operator_limit_above_sub_distribution_cannot_raise_it()
    {
        var site = new TestSite(Base with { OperatorEvseSubDistributionLimit = PhaseCurrents.Uniform(150) });
        Assert.Equal(PhaseCurrents.Uniform(100), site.Decide().Decision.Pool.Available);
    }

    [Fact]
    public void Digital_input_offset_lowers_operator_limit_only_while_energised_6_5()
    {
        var settings = Base with { MeterDigitalInputCurrentOffset = PhaseCurrents.Uniform(10) };
        var site = new TestSite(settings);
        Assert.Equal(PhaseCurrents.Uniform(100), site.Decide().Decision.Pool.Available);
        site.DigitalInputActive = true;
        var pool = site.Decide().Decision.Pool;
        Assert.Equal(PhaseCurrents.Uniform(90), pool.Available);
        Assert.Equal(PhaseCurrents.Uniform(90), pool.OperatorLimit);
        Assert.Equal(LimitSource.OperatorEvseSubDistributionLimit, pool.BoundBy.L2);
    }

    [Fact]
    public void Digital_input_offset_never_drives_the_operator_limit_negative()
    {
        var site = new TestSite(Base with { MeterDigitalInputCurrentOffset = PhaseCurrents.Uniform(250) }) { DigitalInputActive = true };
        Assert.Equal(PhaseCurrents.Zero, site.Decide().Decision.Pool.Available);
    }

    [Fact]
    public void Meter_excluding_subtracts_external_load_from_main_distribution_limit_6_3_1()
    {
        var settings = Base with { ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63)) };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(12.5, 3.0, 4.2)) };
        var pool = site.Decide().Decision.Pool;
        Assert.Equal(PhaseCurrents.FromWholeAmps(50, 60, 58), pool.Available);
        Assert.Equal(LimitSource.MainDistributionLimit, pool.BoundBy.L1);
        Assert.Equal(MeterStatus.Ok, pool.MeterStatus);
    }

    [Fact]
    public void Meter_including_subtracts_the_charge_points_own_draw_6_3_2()
    {
        var settings = Base with { ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.IncludingEvseSubDistribution, PhaseCurrents.Uniform(100)) };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(70, 70, 70)) };
        site.Add("CP1", PhaseSet.ThreePhase, measured: PhaseCurrents.Uniform(16));
        site.Add("CP2", PhaseSet.ThreePhase, measured: PhaseCurrents.Uniform(14));
        var pool = site.Decide().Decision.Pool;
        Assert.Equal(PhaseCurrents.Uniform(40), pool.ExternalLoad);
        Assert.Equal(PhaseCurrents.Uniform(60), pool.Available);
    }

    [Fact]
    public void Meter_including_never_counts_a_negative_external_load()
    {
        var settings = Base with { ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.IncludingEvseSubDistribution, PhaseCurrents.Uniform(50)) };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(10, 10, 10)) };
        site.Add("CP1", PhaseSet.ThreePhase, measured: PhaseCurrents.Uniform(16));
        Assert.Equal(PhaseCurrents.Zero, site.Decide().Decision.Pool.ExternalLoad);
        Assert.Equal(PhaseCurrents.Uniform(50), site.Decide().Decision.Pool.Available);
    }

    [Fact]
    public void Headroom_is_kept_free_on_top_of_the_external_load()
    {
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63))
        {
            ExternalLoadHeadroom = PhaseCurrents.FromWholeAmps(5, 0, 2),
        };
        var site = new TestSite(Base with { ExternalMeter = meter }) { Meter = MeterReading.Of(PhaseCurrents.Uniform(10)) };
        Assert.Equal(PhaseCurrents.FromWholeAmps(48, 53, 51), site.Decide().Decision.Pool.Available);
    }

    [Fact]
    public void Failed_meter_with_default_fallback_leaves_nothing_to_charge()
    {
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63));
        var site = new TestSite(Base with { ExternalMeter = meter }) { Meter = MeterReading.Failed };
        var pool = site.Decide().Decision.Pool;
        Assert.Equal(MeterStatus.Failed, pool.MeterStatus);
        Assert.Equal(PhaseCurrents.Zero, pool.Available);
    }

    [Fact]
    public void Failed_meter_uses_the_configured_fallback()
    {
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63))
        {
            ExternalLoadFallback = PhaseCurrents.Uniform(40),
        };
        var site = new TestSite(Base with { ExternalMeter = meter });
        Assert.Equal(PhaseCurrents.Uniform(23), site.Decide().Decision.Pool.Available);
    }

    [Fact]
    public void Available_current_is_rounded_down_to_whole_amps()
    {
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(40));
        var site = new TestSite(Base with { ExternalMeter = meter }) { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(0.001, 9.999, 10)) };
        Assert.Equal(PhaseCurrents.FromWholeAmps(39, 30, 30), site.Decide().Decision.Pool.Available);
    }

    [Fact]
    public void External_load_above_the_main_limit_gives_zero_not_negative()
    {
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(40));
        var site = new TestSite(Base with { ExternalMeter = meter }) { Meter = MeterReading.Of(PhaseCurrents.Uniform(55)) };
        Assert.Equal(PhaseCurrents.Zero, site.Decide().Decision.Pool.Available);
        Assert.Equal(Amps.From(-15), site.Decide().Decision.Pool.Unrounded.L1);
    }

    [Theory]
    [InlineData(ExternalMeterLocation.ExcludingEvseSubDistribution, 45)]
    [InlineData(ExternalMeterLocation.IncludingEvseSubDistribution, 53)]
    public void Current_reserved_for_lost_satellites_comes_off_the_main_limit_only_where_the_meter_cannot_see_it(ExternalMeterLocation location, long expected)
    {
        var settings = Base with { ExternalMeter = new ExternalMeterSettings(location, PhaseCurrents.Uniform(63)) };
        var input = new DecisionInput(DateTimeOffset.UnixEpoch, MeterReading.Of(PhaseCurrents.Uniform(10)), false) { Reserved = PhaseCurrents.Uniform(8) };
        var pool = PoolLimitCalculator.Compute(settings, input, []);
        Assert.Equal(PhaseCurrents.Uniform(expected), pool.Available);
    }

    [Fact]
    public void Reserved_current_comes_off_the_sub_distribution_limit()
    {
        var input = new DecisionInput(DateTimeOffset.UnixEpoch, MeterReading.Failed, false) { Reserved = PhaseCurrents.FromWholeAmps(6, 0, 6) };
        Assert.Equal(PhaseCurrents.FromWholeAmps(94, 100, 94), PoolLimitCalculator.Compute(Base, input, []).Available);
    }

    [Fact]
    public void The_public_helpers_name_a_missing_settings_argument()
    {
        Assert.Throws<ArgumentNullException>("settings", () => PoolLimitCalculator.OperatorLimit(null!, false));
        Assert.Throws<ArgumentNullException>("settings", () => PoolLimitCalculator.DlmLimit(null!, DateTimeOffset.UnixEpoch, false));
    }
}
