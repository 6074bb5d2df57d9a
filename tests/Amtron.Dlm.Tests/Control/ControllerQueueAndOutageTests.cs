using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using static Amtron.Dlm.Tests.Testing.ControllerScript;

namespace Amtron.Dlm.Tests.Control;

/// <summary>Round-robin rotation, satellites that lose the master and come back, and who is let in while phases are unknown.</summary>
public sealed class ControllerQueueAndOutageTests
{
    private static readonly DlmControllerOptions RoundRobin = new() { Queueing = QueueingPolicy.FairTradeRoundRobin, RotationInterval = TimeSpan.FromMinutes(15) };

    [Fact]
    public void Round_robin_keeps_the_order_while_nobody_waits()
    {
        // A since T0 and B since T0 + 30 s both charge at 16 A; at T0 + 15 min A has charged a rotation interval, but
        // nobody waits, so it keeps its place.
        var controller = Controller(32, RoundRobin);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        At(controller, Sample, Vehicle("A", 32), Vehicle("B"));
        var later = At(controller, TimeSpan.FromMinutes(15), Vehicle("A", 16), Vehicle("B", 16));
        Assert.Equal(["A", "B"], later.PriorityOrder);
    }

    [Fact]
    public void Round_robin_rotates_past_two_waiting_vehicles()
    {
        // 6 A for three vehicles: A charges, B and C wait; at T0 + 15 min A goes to the back and B charges.
        var controller = Controller(6, RoundRobin);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Vehicle("C"));
        var rotated = At(controller, TimeSpan.FromMinutes(15), Vehicle("A", 6), Vehicle("B"), Vehicle("C"));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 0, ["B"] = 6, ["C"] = 0 }, Currents(rotated));
        Assert.Equal(["B", "C", "A"], rotated.PriorityOrder);
    }

    [Fact]
    public void A_vehicle_back_within_its_reaction_allowance_is_not_judged_on_its_old_current()
    {
        // A and B at 10 A each (20 A). A's satellite loses the master with a Disconnected Limit of 16 A, and is back
        // 2 s later, A still drawing the 10 A it had: it has not had 5 s to follow the 16 A, so it is not capped.
        var controller = Controller(20);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        At(controller, Sample, Vehicle("A", 10), Vehicle("B", 10));
        At(controller, Sample * 2, Away("A", 16), Vehicle("B", 10));
        At(controller, (Sample * 2) + TimeSpan.FromSeconds(2), Vehicle("A", 10), Vehicle("B", 4));
        Assert.Null(controller.DemandCap("A"));
    }

    [Fact]
    public void Losing_the_master_at_the_current_it_had_still_gives_the_vehicle_time_to_follow()
    {
        // A at 16 A loses the master with a Disconnected Limit of 16 A (the same current): still a new signal, from the
        // satellite. Back 2 s later drawing 10 A: within its reaction allowance, not capped yet.
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        At(controller, Sample, Vehicle("A", 16), Vehicle("B", 16));
        At(controller, Sample * 2, Away("A", 16), Vehicle("B", 16));
        At(controller, (Sample * 2) + TimeSpan.FromSeconds(2), Vehicle("A", 10), Vehicle("B", 16));
        Assert.Null(controller.DemandCap("A"));
    }

    [Fact]
    public void A_long_outage_counts_from_when_the_satellite_lost_the_master()
    {
        // A at 32 A, away from T0 + 60 s (Disconnected Limit 16 A) over two decisions, back at T0 + 92 s drawing 8 A:
        // 32 s after its signal changed to 16 A, it is judged: 8 ≤ 16 − 1, capped at 8 A.
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        At(controller, Sample, Vehicle("A", 32));
        At(controller, Sample * 2, Away("A", 16));
        At(controller, Sample * 3, Away("A", 16));
        At(controller, (Sample * 3) + TimeSpan.FromSeconds(2), Vehicle("A", 8));
        Assert.Equal(Amps.From(8), controller.DemandCap("A"));
    }

    [Fact]
    public void With_imbalance_prevention_a_vehicle_on_a_single_phase_point_gets_its_share_at_once()
    {
        // A single-phase connector: its phase is known, so no 6 A start; the 20 A imbalance limit binds (L1 20, L2 0).
        var controller = new DlmController(new DlmSettings(PhaseCurrents.Uniform(32)) { CurrentImbalancePrevention = true }, new DlmControllerOptions());
        var decision = controller.Decide(
            new DecisionInput(T0, MeterReading.Failed, false),
            [new ChargePointObservation("A", PhaseSet.Of(Phase.L1), Amps.From(32), true, PhaseCurrents.Zero)]);
        Assert.Equal(20, decision.Commands[0].Current);
    }

    [Fact]
    public void As_many_vehicles_of_unknown_phases_are_let_in_as_the_imbalance_limit_can_keep_room_for()
    {
        // Four new vehicles on 3-phase points of unknown rotation, 63 A, imbalance limit 20 A. Each starts at 6 A on all
        // three phases, and may in fact draw on one or two: 6 A of imbalance between any two phases. Three fit
        // (3 × 6 = 18 ≤ 20 A), four do not (24 A): the fourth waits until the others have shown their phases.
        var controller = new DlmController(new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true }, new DlmControllerOptions());
        var decision = At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Vehicle("C"), Vehicle("D"));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 6, ["B"] = 6, ["C"] = 6, ["D"] = 0 }, Currents(decision));
    }
}
