using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>An engine answers an identical allocation from memory: examples where the limits look alike but are not.</summary>
public sealed class RememberedAllocationTests
{
    [Fact]
    public void A_fresh_engine_with_no_current_available_decides_rather_than_remembers()
    {
        // All limits 0 A, no meter, no imbalance prevention: the limits equal an engine's empty memory, yet nothing is
        // remembered for one point.
        var site = TestSite.WithLimit(0).OnePhase("CP1", Phase.L1);
        Assert.Equal([0], site.Decide().Currents);
    }

    [Fact]
    public void Turning_imbalance_prevention_on_with_a_zero_limit_is_a_new_allocation()
    {
        // Off: the allowed spread is not used (0). On with limit 0 A and no house load: allowed spread max(0, 0) = 0 A,
        // the same number, but now a single-phase vehicle cannot charge at all.
        var engine = new DlmEngine();
        var site = TestSite.WithLimit(32).OnePhase("CP1", Phase.L1);
        Assert.Equal([32], site.Decide(engine).Currents);
        site.Settings = site.Settings with { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.Zero };
        Assert.Equal([0], site.Decide(engine).Currents);
    }

    [Fact]
    public void A_lower_imbalance_limit_is_a_new_allocation()
    {
        var engine = new DlmEngine();
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(32)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(20) }).OnePhase("CP1", Phase.L1);
        Assert.Equal([20], site.Decide(engine).Currents);
        site.Settings = site.Settings with { CurrentImbalanceLimit = Amps.From(10) };
        Assert.Equal([10], site.Decide(engine).Currents);
    }

    [Fact]
    public void A_point_that_stopped_requesting_is_a_new_allocation()
    {
        // The same point first wants 32 A on three phases, then nothing (no phases, no ceiling): it gets 0 A, not the
        // 32 A remembered.
        var engine = new DlmEngine();
        Assert.Equal([32], TestSite.WithLimit(32).ThreePhase("CP1").Decide(engine).Currents);
        Assert.Equal([0], TestSite.WithLimit(32).Add("CP1", PhaseSet.Of(), 0, requesting: false).Decide(engine).Currents);
    }

    [Fact]
    public void Another_house_load_on_every_phase_is_a_new_allocation()
    {
        // 63 A available either way (main fuse 200 A). Allowed spread max(20, house's own) = 20 A. House 0 / 10 / 10 A:
        // the vehicle on L1 may reach 10 + 20 = 30 A. House 10 / 1 / 1 A: L1 = 10 + x may exceed 1 A by 20, so 11 A.
        var engine = new DlmEngine();
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(63))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(20),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        })
        {
            Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(0, 10, 10)),
        };
        site.OnePhase("CP1", Phase.L1);
        Assert.Equal([30], site.Decide(engine).Currents);
        site.Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(10, 1, 1));
        Assert.Equal([11], site.Decide(engine).Currents);
    }

    [Fact]
    public void Another_shortfall_of_a_vehicle_is_a_new_allocation()
    {
        // Limit 20 A, no house load. CP2 (L2) and CP3 (L3) are capped at 6 A, CP2 1 A short: CP1 on L1 may exceed L2 as
        // drawn (5 A) by 20 A and L3 (6 A) by 20 A: 25 A. With CP2 2 A short, L2 draws 4 A: 24 A.
        var engine = new DlmEngine();
        var site = new TestSite(new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(20) });
        site.OnePhase("CP1", Phase.L1);
        site.OnePhase("CP2", Phase.L2, vehicleMax: 6, shortfall: 1);
        site.OnePhase("CP3", Phase.L3, vehicleMax: 6);
        Assert.Equal([25, 6, 6], site.Decide(engine).Currents);

        var shorter = new TestSite(site.Settings);
        shorter.OnePhase("CP1", Phase.L1);
        shorter.OnePhase("CP2", Phase.L2, vehicleMax: 6, shortfall: 2);
        shorter.OnePhase("CP3", Phase.L3, vehicleMax: 6);
        Assert.Equal([24, 6, 6], shorter.Decide(engine).Currents);
    }
}
