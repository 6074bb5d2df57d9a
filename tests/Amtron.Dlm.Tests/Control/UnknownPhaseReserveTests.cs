using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Control;

/// <summary>
/// The imbalance reserve for a vehicle of unknown phases on top of a house load that is already unbalanced (found by
/// the simulator's dynamics property, seed 69465881, 08:33:00).
/// </summary>
public sealed class UnknownPhaseReserveTests
{
    [Fact]
    public void An_unbalanced_house_leaves_no_room_for_a_single_phase_vehicle_on_its_heavy_phase_nor_for_an_unknown_one()
    {
        // Imbalance limit 14 A; the meter (excluding) reads a house of 14, 3, 11 A: spread 11 A, so 14 A is allowed.
        // CP3 (L1 only): 6 A on L1 makes L1 - L2 = 14 + 6 - 3 = 17 A > 14 A, so it must wait.
        // CP2 (3-phase connector wired L3, L1, L2; nothing drawn yet): a 2-phase vehicle there draws on L3 and L1,
        // L1 - L2 = 14 + 6 - 3 = 17 A > 14 A, so it must wait too. Nothing fits: both get 0 A.
        var settings = new DlmSettings(PhaseCurrents.Uniform(22))
        {
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = Amps.From(14),
            ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(100)),
        };
        var controller = new DlmController(settings, new DlmControllerOptions());
        ChargePointObservation[] observations =
        [
            new("CP3", PhaseSet.Of(Phase.L1), Amps.From(32), true, PhaseCurrents.Zero) { SessionKey = "a", LeadingPhases = PhaseSet.Of(Phase.L1) },
            new("CP2", PhaseSet.ThreePhase, Amps.From(32), true, PhaseCurrents.Zero) { SessionKey = "b", LeadingPhases = PhaseSet.Of(Phase.L3, Phase.L1) },
        ];
        var input = new DecisionInput(new DateTimeOffset(2026, 6, 1, 8, 33, 0, TimeSpan.Zero), MeterReading.Of(PhaseCurrents.FromWholeAmps(14, 3, 11)), false);

        var decision = controller.Decide(input, observations);

        Assert.Equal([0, 0], decision.Commands.Select(c => c.Current));
    }
}
