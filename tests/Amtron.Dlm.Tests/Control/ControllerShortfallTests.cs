using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using static Amtron.Dlm.Tests.Testing.ControllerScript;

namespace Amtron.Dlm.Tests.Control;

/// <summary>What a vehicle draws short of its signal counts for the imbalance only where it makes phases unequal.</summary>
public sealed class ControllerShortfallTests
{
    [Fact]
    public void A_three_phase_vehicle_drawing_a_little_less_leaves_the_imbalance_room_unchanged()
    {
        // 63 A, imbalance prevention, limit 20 A. A (3-phase point) starts at 6 A while its phases are unknown; B
        // (single-phase point on L1) gets 20 − 6 = 14 A (6 A kept for A drawing on fewer phases). Once A shows three
        // phases: A rises to its 32 A and B to the 20 A imbalance limit (L1 52, L2 and L3 32). A then draws 31.5 A of
        // its 32 A: less than 1 A short, not capped; short on all three phases alike, so no phase is lighter than
        // another and B keeps its 20 A.
        var controller = new DlmController(new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true }, new DlmControllerOptions());
        var b = new ChargePointObservation("B", PhaseSet.Of(Phase.L1), Amps.From(32), true, PhaseCurrents.Zero);

        Assert.Equal(new Dictionary<string, int> { ["A"] = 6, ["B"] = 14 }, Currents(At(controller, TimeSpan.Zero, Vehicle("A"), b)));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 32, ["B"] = 20 }, Currents(At(controller, Sample, Vehicle("A", 6), b with { MeasuredCurrents = PhaseCurrents.FromWholeAmps(14, 0, 0) })));
        var drawing = At(controller, Sample * 2, Vehicle("A", 31.5), b with { MeasuredCurrents = PhaseCurrents.FromWholeAmps(20, 0, 0) });
        Assert.Null(controller.DemandCap("A"));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 32, ["B"] = 20 }, Currents(drawing));
    }
}
