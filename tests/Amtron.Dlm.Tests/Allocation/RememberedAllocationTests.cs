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
}
