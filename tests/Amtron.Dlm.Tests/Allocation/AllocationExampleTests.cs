using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>The split of the available current, one rule of chapter 6/7 or design.md per test.</summary>
public sealed class AllocationExampleTests
{
    [Fact]
    public void Car_park_6_1_three_vehicles_fit_at_full_power()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1").ThreePhase("CP2").ThreePhase("CP3").Decide();
        Assert.Equal([32, 32, 32], result.Currents);
        Assert.All(result.Outcomes, o => Assert.Equal(AllocationOutcome.Ceiling, o));
    }

    [Fact]
    public void Car_park_6_1_a_fourth_vehicle_makes_everyone_share_equally()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1").ThreePhase("CP2").ThreePhase("CP3").ThreePhase("CP4").Decide();
        Assert.Equal([25, 25, 25, 25], result.Currents);
        Assert.Equal(PhaseCurrents.Uniform(100), result.Decision.PhaseLoad);
    }

    [Fact]
    public void Regulation_is_in_whole_amps_with_the_remainder_to_earlier_points()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1", 40).ThreePhase("CP2", 40).ThreePhase("CP3", 40).Decide();
        Assert.Equal([34, 33, 33], result.Currents);
    }

    [Fact]
    public void Current_a_vehicle_does_not_take_goes_to_the_others()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1", vehicleMax: 10).ThreePhase("CP2").ThreePhase("CP3").ThreePhase("CP4").Decide();
        Assert.Equal([10, 30, 30, 30], result.Currents);
        Assert.Equal(AllocationOutcome.Ceiling, result.Outcomes[0]);
        Assert.Equal(AllocationOutcome.PhaseLimitL1, result.Outcomes[1]);
    }

    [Fact]
    public void Fractional_vehicle_ceiling_is_rounded_down()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1", vehicleMax: 13.7).Decide();
        Assert.Equal([13], result.Currents);
    }

    [Fact]
    public void Installation_current_limit_caps_a_point()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1", 16).ThreePhase("CP2").Decide();
        Assert.Equal([16, 32], result.Currents);
    }

    [Fact]
    public void When_short_as_many_as_possible_charge_at_6_A_and_the_rest_waits()
    {
        var result = TestSite.WithLimit(20).ThreePhase("CP1").ThreePhase("CP2").ThreePhase("CP3").ThreePhase("CP4").Decide();
        Assert.Equal([7, 7, 6, 0], result.Currents);
        Assert.Equal(AllocationOutcome.Paused, result.Outcomes[3]);
        Assert.Equal(3, result.Decision.ChargingCount);
    }

    [Fact]
    public void Below_6_A_nobody_charges()
    {
        var result = TestSite.WithLimit(5).ThreePhase("CP1").Decide();
        Assert.Equal([0], result.Currents);
        Assert.Equal(AllocationOutcome.Paused, result.Outcomes[0]);
    }

    [Fact]
    public void A_ceiling_below_6_A_never_charges()
    {
        var result = TestSite.WithLimit(100).ThreePhase("CP1", 5).ThreePhase("CP2", vehicleMax: 5.9).ThreePhase("CP3").Decide();
        Assert.Equal([0, 0, 32], result.Currents);
        Assert.Equal(AllocationOutcome.CeilingBelowMinimum, result.Outcomes[0]);
        Assert.Equal(AllocationOutcome.CeilingBelowMinimum, result.Outcomes[1]);
    }

    [Fact]
    public void Points_without_a_vehicle_get_nothing_and_take_nothing()
    {
        var result = TestSite.WithLimit(32).Add("CP1", PhaseSet.ThreePhase, requesting: false).ThreePhase("CP2").Decide();
        Assert.Equal([0, 32], result.Currents);
        Assert.Equal(AllocationOutcome.NotRequesting, result.Outcomes[0]);
    }

    [Fact]
    public void The_number_charging_is_maximised_before_priority()
    {
        // One 3-phase vehicle would take 6 A on every phase; three 1-phase vehicles fit instead.
        var result = TestSite.WithLimit(6)
            .ThreePhase("CP1").OnePhase("CP2", Phase.L1).OnePhase("CP3", Phase.L2).OnePhase("CP4", Phase.L3).Decide();
        Assert.Equal([0, 6, 6, 6], result.Currents);
    }

    [Fact]
    public void Among_equal_counts_earlier_points_win()
    {
        var result = TestSite.WithLimit(13).OnePhase("CP1", Phase.L2).OnePhase("CP2", Phase.L1).OnePhase("CP3", Phase.L1).OnePhase("CP4", Phase.L1).Decide();
        Assert.Equal([13, 7, 6, 0], result.Currents);
    }

    [Fact]
    public void Two_phase_vehicles_are_packed_to_maximise_the_count()
    {
        // L1 has room for two vehicles at 6 A, L2 and L3 for one: CP1 on L2+L3 would block both others.
        var site = new TestSite(new DlmSettings(PhaseCurrents.FromWholeAmps(12, 6, 6)))
            .Add("CP1", PhaseSet.Of(Phase.L2, Phase.L3))
            .Add("CP2", PhaseSet.Of(Phase.L1, Phase.L2))
            .Add("CP3", PhaseSet.Of(Phase.L1, Phase.L3));
        Assert.Equal([0, 6, 6], site.Decide().Currents);
    }

    [Fact]
    public void Phase_rotation_single_phase_vehicles_on_different_phases_do_not_compete()
    {
        var result = TestSite.WithLimit(32).OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L2).OnePhase("CP3", Phase.L3).OnePhase("CP4", Phase.L3).Decide();
        Assert.Equal([32, 32, 16, 16], result.Currents);
    }

    [Fact]
    public void Mixed_phases_are_max_min_fair_per_phase()
    {
        // L1 carries a 3-phase and a 1-phase vehicle: 20 A shared 10/10; L2 and L3 give the 3-phase vehicle no more.
        var result = TestSite.WithLimit(20).ThreePhase("CP1").OnePhase("CP2", Phase.L1).Decide();
        Assert.Equal([10, 10], result.Currents);
    }

    [Fact]
    public void Imbalance_prevention_limits_a_lone_single_phase_vehicle_to_the_limit_7()
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(100)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(20) };
        var result = new TestSite(settings).OnePhase("CP1", Phase.L1).Decide();
        Assert.Equal([20], result.Currents);
        Assert.Equal(AllocationOutcome.ImbalanceLimit, result.Outcomes[0]);
        Assert.Equal(Amps.From(20), result.Decision.GridImbalance);
    }

    [Fact]
    public void Without_imbalance_prevention_a_single_phase_vehicle_takes_its_ceiling()
    {
        var result = TestSite.WithLimit(100).OnePhase("CP1", Phase.L1).Decide();
        Assert.Equal([32], result.Currents);
    }

    [Fact]
    public void Imbalance_prevention_leaves_balanced_single_phase_vehicles_alone()
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(100)) { CurrentImbalancePrevention = true };
        var result = new TestSite(settings).OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L2).OnePhase("CP3", Phase.L3).Decide();
        Assert.Equal([32, 32, 32], result.Currents);
    }

    [Fact]
    public void Imbalance_prevention_does_not_touch_three_phase_vehicles()
    {
        var settings = new DlmSettings(PhaseCurrents.Uniform(100)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.Zero };
        var result = new TestSite(settings).ThreePhase("CP1").ThreePhase("CP2").Decide();
        Assert.Equal([32, 32], result.Currents);
    }

    [Fact]
    public void Imbalance_counts_the_external_load_at_the_meter_7()
    {
        // Household draws 15 A on L1 only and L3 stays at 0 A: a vehicle on L2 may reach 20 A; a vehicle on L1
        // would put L1 at 15 + 6 = 21 A, more than 20 A above L3, so it cannot charge.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            CurrentImbalancePrevention = true,
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)),
        };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(15, 0, 0)) };
        site.OnePhase("CP1", Phase.L1).OnePhase("CP2", Phase.L2);
        var result = site.Decide();
        Assert.Equal([0, 20], result.Currents);
        Assert.Equal(Amps.From(20), result.Decision.GridImbalance);
    }

    [Fact]
    public void Imbalance_allowed_grows_to_the_external_loads_own_spread()
    {
        // The house alone is 30 A out of balance: charging may not make it worse, but may use that spread.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            CurrentImbalancePrevention = true,
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)),
        };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(30, 0, 0)) };
        site.OnePhase("CP1", Phase.L2, 40);
        var result = site.Decide();
        Assert.Equal([30], result.Currents);
        Assert.Equal(Amps.From(30), result.Decision.AllowedImbalance);
    }

    [Fact]
    public void Imbalance_raising_a_light_phase_lets_a_waiting_vehicle_in()
    {
        // At 6 A each, L1 (two vehicles, 12 A) would be 6 A above L2/L3 (6 A) with a 5 A limit; once the 2-phase
        // vehicle rises to 7 A the spread is 5 A and both L1 vehicles can charge.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(5) };
        var result = new TestSite(settings)
            .OnePhase("CP1", Phase.L1, 10).Add("CP2", PhaseSet.Of(Phase.L2, Phase.L3)).OnePhase("CP3", Phase.L1, 10).Decide();
        Assert.All(result.Currents, c => Assert.True(c >= 6));
        Assert.True(result.Decision.GridImbalance <= Amps.From(5));
    }
}
