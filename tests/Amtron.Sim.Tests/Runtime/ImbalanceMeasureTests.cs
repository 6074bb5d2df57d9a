using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>Where the imbalance rule is measured (its cases are worked by hand in the ledger's tests).</summary>
public sealed class ImbalanceMeasureTests
{
    [Fact]
    public void Measuring_without_a_network_is_refused_as_a_null_argument() =>
        Assert.Throws<ArgumentNullException>(() => ImbalanceMeasure.Of(null!, PhaseCurrents.Zero, PhaseCurrents.Zero));
}
