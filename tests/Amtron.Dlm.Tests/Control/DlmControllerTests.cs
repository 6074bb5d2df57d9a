using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using static Amtron.Dlm.Tests.Testing.ControllerScript;

namespace Amtron.Dlm.Tests.Control;

/// <summary>The stateful DLM master: queueing, demand estimation, phase learning, satellites, wake-up.</summary>
public sealed class DlmControllerTests
{
    [Fact]
    public void Fifo_a_late_vehicle_waits_for_a_free_slot()
    {
        var controller = Controller(12);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Empty("C"));
        var crowded = At(controller, Sample, Vehicle("A", 6), Vehicle("B", 6), Vehicle("C"));
        Assert.Equal(0, Currents(crowded)["C"]);

        var later = At(controller, TimeSpan.FromHours(2), Vehicle("A", 6), Vehicle("B", 6), Vehicle("C"));
        Assert.Equal(0, Currents(later)["C"]);

        var freed = At(controller, TimeSpan.FromHours(2) + Sample, Empty("A"), Vehicle("B", 6), Vehicle("C"));
        Assert.Equal(6, Currents(freed)["C"]);
    }

    [Fact]
    public void Round_robin_swaps_charging_and_waiting_vehicles_every_rotation_interval()
    {
        var options = new DlmControllerOptions { Queueing = QueueingPolicy.FairTradeRoundRobin, RotationInterval = TimeSpan.FromMinutes(15) };
        var controller = Controller(12, options);
        var first = At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Vehicle("C"));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 6, ["B"] = 6, ["C"] = 0 }, Currents(first));

        var beforeRotation = At(controller, TimeSpan.FromMinutes(14), Vehicle("A", 6), Vehicle("B", 6), Vehicle("C"));
        Assert.Equal(0, Currents(beforeRotation)["C"]);

        var rotated = At(controller, TimeSpan.FromMinutes(15), Vehicle("A", 6), Vehicle("B", 6), Vehicle("C"));
        Assert.Equal(6, Currents(rotated)["C"]);
        Assert.Single(Currents(rotated).Values, c => c == 0);
    }

    [Fact]
    public void A_vehicle_drawing_clearly_less_is_capped_at_its_draw_and_the_rest_goes_to_others()
    {
        // 40 A shared 20/20. A then draws 10.2 A of its 20 (at least 1 A less): capped at its draw rounded up to whole
        // amps, 11 A, and B gets the rest, 40 - 11 = 29 A.
        var controller = Controller(40);
        var first = At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        Assert.Equal(20, Currents(first)["A"]);

        var next = At(controller, Sample, Vehicle("A", 10.2), Vehicle("B", 20));
        Assert.Equal(Amps.From(11), controller.DemandCap("A"));
        Assert.Equal(11, Currents(next)["A"]);
        Assert.Equal(29, Currents(next)["B"]);
    }

    [Fact]
    public void A_capped_vehicle_is_probed_upward_after_the_probe_interval()
    {
        // Capped at 11 A at the first sample; the probe interval later it is offered 11 + 4 (probe step) = 15 A.
        var controller = Controller(40);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        At(controller, Sample, Vehicle("A", 10.2), Vehicle("B", 20));
        var probeInterval = new DemandEstimationOptions().ProbeInterval;

        var beforeProbe = At(controller, probeInterval, Vehicle("A", 10.2), Vehicle("B", 29));
        Assert.Equal(11, Currents(beforeProbe)["A"]);

        var probe = At(controller, Sample + probeInterval, Vehicle("A", 10.2), Vehicle("B", 29));
        Assert.Equal(15, Currents(probe)["A"]);
        Assert.Equal(25, Currents(probe)["B"]);
    }

    [Fact]
    public void A_single_phase_vehicle_on_a_three_phase_point_is_learned_from_its_draw()
    {
        // 20 A per phase: at first both vehicles are assumed 3-phase and share every phase (10/10). Once A is seen
        // drawing on L2 only and B on L1 only, they no longer compete and each may take 20 A.
        var controller = Controller(20);
        var first = At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        Assert.Equal(10, Currents(first)["B"]);

        var learned = At(controller, Sample, Vehicle("A", 10, PhaseSet.Of(Phase.L2)), Vehicle("B", 10, PhaseSet.Of(Phase.L1)));
        Assert.Equal(20, Currents(learned)["A"]);
        Assert.Equal(20, Currents(learned)["B"]);
        Assert.Equal(PhaseCurrents.FromWholeAmps(20, 20, 0), learned.Decision.PhaseLoad);
    }

    [Fact]
    public void A_satellite_that_lost_the_master_runs_on_its_disconnected_limit_and_the_master_keeps_room_for_it()
    {
        var controller = Controller(32);
        var lost = Vehicle("SAT") with { Reachable = false, DisconnectedLimit = Amps.From(8) };
        var decision = At(controller, TimeSpan.Zero, Vehicle("A"), lost);
        var satellite = decision.Commands.Single(c => c.Id == "SAT");
        Assert.Equal(8, satellite.Current);
        Assert.Equal(CommandReason.Disconnected, satellite.Reason);
        Assert.Equal(24, Currents(decision)["A"]);
        Assert.Equal(PhaseCurrents.Uniform(24), decision.Decision.Pool.Available);
    }

    [Fact]
    public void A_sleeping_vehicle_is_woken_when_wakeup_is_allowed()
    {
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        var asleep = At(controller, Sample, Vehicle("A", 0));
        var command = asleep.Commands.Single();
        Assert.True(command.Wakeup);
        Assert.Equal(32, command.Current);

        var stillAsleep = At(controller, Sample * 2, Vehicle("A", 0));
        Assert.False(stillAsleep.Commands.Single().Wakeup);
        Assert.Equal(0, stillAsleep.Commands.Single().Current);
    }

    [Fact]
    public void Without_wakeup_a_vehicle_that_draws_nothing_gives_its_current_to_others()
    {
        var controller = Controller(32, new DlmControllerOptions { AllowEvWakeup = false });
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        var decision = At(controller, Sample, Vehicle("A", 0), Vehicle("B", 16));
        Assert.False(decision.Commands.Single(c => c.Id == "A").Wakeup);
        Assert.Equal(0, Currents(decision)["A"]);
        Assert.Equal(32, Currents(decision)["B"]);
    }

    [Fact]
    public void A_departed_vehicle_is_forgotten_and_a_new_one_starts_afresh()
    {
        var controller = Controller(40);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        At(controller, Sample, Vehicle("A", 8));
        Assert.NotNull(controller.DemandCap("A"));
        At(controller, Sample * 2, Empty("A"));
        Assert.Null(controller.DemandCap("A"));
        var fresh = At(controller, Sample * 3, Vehicle("A"));
        Assert.Equal(32, Currents(fresh)["A"]);
    }

    [Fact]
    public void Operator_limit_changes_take_effect_at_the_next_decision()
    {
        var controller = Controller(32);
        Assert.Equal(32, Currents(At(controller, TimeSpan.Zero, Vehicle("A")))["A"]);
        controller.Settings = controller.Settings with { OperatorEvseSubDistributionLimit = PhaseCurrents.Uniform(16) };
        Assert.Equal(16, Currents(At(controller, Sample, Vehicle("A", 31.5)))["A"]);
    }

    [Fact]
    public void With_imbalance_prevention_a_vehicle_starts_at_6_A_until_its_phases_are_known()
    {
        var controller = new DlmController(new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true }, new DlmControllerOptions());
        Assert.Equal(6, Currents(At(controller, TimeSpan.Zero, Vehicle("A")))["A"]);

        // Seen drawing on L1 only: a single-phase vehicle, limited by the 20 A imbalance limit.
        var learned = At(controller, Sample, Vehicle("A", 6, PhaseSet.Of(Phase.L1)));
        Assert.Equal(20, Currents(learned)["A"]);
    }

    [Fact]
    public void A_vehicle_swap_between_two_decisions_is_a_new_session()
    {
        // A single-phase vehicle on L1 leaves and a three-phase one plugs in before the next decision: the master
        // must not keep counting the point on L1 only.
        var controller = Controller(20);
        At(controller, TimeSpan.Zero, Vehicle("A") with { SessionKey = "first" }, Vehicle("B") with { SessionKey = "b" });
        At(controller, Sample, Vehicle("A", 10, PhaseSet.Of(Phase.L1)) with { SessionKey = "first" }, Vehicle("B", 10) with { SessionKey = "b" });
        var swapped = At(controller, Sample * 2, Vehicle("A", 0) with { SessionKey = "second" }, Vehicle("B", 10) with { SessionKey = "b" });
        Assert.Equal(PhaseCurrents.Uniform(20), swapped.Decision.PhaseLoad);
        Assert.Equal(10, Currents(swapped)["A"]);
    }

    [Fact]
    public void A_probe_the_vehicle_does_not_take_doubles_the_wait_for_the_next()
    {
        var controller = Controller(40);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        At(controller, Sample, Vehicle("A", 10.2), Vehicle("B", 20));
        var probeInterval = new DemandEstimationOptions().ProbeInterval;
        var firstProbe = Sample + probeInterval;
        Assert.Equal(15, Currents(At(controller, firstProbe, Vehicle("A", 10.2), Vehicle("B", 29)))["A"]);

        // It still draws 10.2 A of the 15 offered: capped at 11 again, and the next probe waits twice as long (10 min).
        Assert.Equal(11, Currents(At(controller, firstProbe + Sample, Vehicle("A", 10.2), Vehicle("B", 25)))["A"]);
        Assert.Equal(11, Currents(At(controller, firstProbe + Sample + probeInterval, Vehicle("A", 10.2), Vehicle("B", 29)))["A"]);
        Assert.Equal(15, Currents(At(controller, firstProbe + Sample + (probeInterval * 2), Vehicle("A", 10.2), Vehicle("B", 29)))["A"]);
    }
}
