using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>KPIs derived from others: defined where their divisor is zero.</summary>
public sealed class SimulationResultTests
{
    [Fact]
    public void Energy_withheld_is_0_percent_of_nothing_delivered()
    {
        var nothing = new SimulationResult([], [Amps.Zero, Amps.Zero, Amps.Zero], 0, 0, new Dictionary<string, double>(), Amps.Zero, Amps.Zero, 0, 3600, 0, 0) { EnergyWithheldKWh = 1.5 };
        Assert.Equal(0, nothing.EnergyDeliveredKWh);
        Assert.Equal(0, nothing.EnergyWithheldPercent);
    }
}
