using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Allocation;

/// <summary>Filling under the imbalance limit (chapter 7) stays "as evenly as possible" (chapter 6) and first come, first served.</summary>
public sealed class ImbalanceFillingTests
{
    /// <summary>
    /// Found by the property that equal demands are served in order (seed 573): the vehicle on the light phase rising
    /// makes room on the heavy phase, and that room went to the second of four equal vehicles, which then rose with it
    /// to its ceiling while the first, third and fourth stayed at 11 A.
    /// </summary>
    [Fact]
    public void Room_a_light_phase_makes_goes_to_the_lowest_vehicles_on_the_heavy_phase_in_order()
    {
        // House (meter excluding) 34 / 67 / 16 A: its own spread 67 - 16 = 51 A is more than the 7 A limit, so 51 A is
        // allowed (chapter 7). B on L3 may take its ceiling, 16 A: L3 = 16 + 16 = 32 A. Then L1 may carry up to
        // 32 + 51 - 34 = 49 A, shared by A, C, D, E (16 A installations): 49 / 4 = 12.25, so 12 A each and the
        // remaining amp to the first, A: 13 + 12 + 12 + 12 = 49. L2 (67 A) is 67 - 32 = 35 A above L3 and
        // 83 - 67 = 16 A below L1: within 51 A. 100 A supply and a 200 A main fuse bind nothing.
        var settings = new DlmSettings(PhaseCurrents.Uniform(100))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(7),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(200)),
        };
        var site = new TestSite(settings) { Meter = MeterReading.Of(PhaseCurrents.FromWholeAmps(34, 67, 16)) };
        site.OnePhase("A", Phase.L1, 16).OnePhase("B", Phase.L3, 16).OnePhase("C", Phase.L1, 16).OnePhase("D", Phase.L1, 16).OnePhase("E", Phase.L1, 16);

        var result = site.Decide();

        Assert.Equal([13, 16, 12, 12, 12], result.Currents);
        Assert.Equal(Amps.From(51), result.Decision.GridImbalance);
    }
}
