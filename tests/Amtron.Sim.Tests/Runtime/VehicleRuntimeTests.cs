using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>A vehicle's own state, apart from the site.</summary>
public sealed class VehicleRuntimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_vehicle_short_of_its_target_by_exactly_the_rounding_tolerance_is_satisfied()
    {
        // Satisfied means delivered >= wanted - 1e-6 Wh (sums of doubles may fall a hair short of the target). Wanting
        // exactly 1e-6 Wh (1e-6 / 1 000 kWh, which times 1 000 gives 1e-6 exactly) and given nothing yet, it is short by
        // the tolerance itself: 0 >= 1e-6 - 1e-6, so satisfied, asking for no current.
        var vehicle = new VehicleRuntime(new VehicleSpec("A", "CP1", Start, Start.AddHours(1), 1e-6 / 1000), PhaseSet.ThreePhase, 230, 0);
        Assert.True(vehicle.Satisfied);
        Assert.False(vehicle.RequestsCharge);
    }
}
