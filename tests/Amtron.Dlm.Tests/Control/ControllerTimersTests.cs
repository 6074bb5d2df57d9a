using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Units;
using static Amtron.Dlm.Tests.Testing.ControllerScript;

namespace Amtron.Dlm.Tests.Control;

/// <summary>
/// When the master must decide again although nothing changed (<see cref="DlmController.NextTimer"/>), whether a
/// decision is a fixed point (<see cref="ControllerDecision.Settled"/>), and the commands it writes.
/// </summary>
public sealed class ControllerTimersTests
{
    private static readonly DlmControllerOptions RoundRobin = new() { Queueing = QueueingPolicy.FairTradeRoundRobin, RotationInterval = TimeSpan.FromMinutes(15) };

    [Fact]
    public void A_vehicle_judged_drawing_its_signal_needs_no_timer()
    {
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        At(controller, Sample, Vehicle("A", 32));
        Assert.Null(controller.NextTimer());
    }

    [Fact]
    public void A_new_signal_at_the_minimum_is_judged_after_the_reaction_allowance()
    {
        // 6 A given at T0: judged from T0 + 5 s (strictly after), the first instant one tick later.
        var controller = Controller(6);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        Assert.Equal(T0.AddSeconds(5).AddTicks(1), controller.NextTimer());
    }

    [Fact]
    public void Round_robin_with_a_waiting_vehicle_rotates_after_the_interval_fifo_does_not()
    {
        // 12 A: A and B at 6 A since T0, C waits. Round-robin: C's turn comes at T0 + 15 min; FIFO: never by a timer.
        foreach (var (options, expected) in new (DlmControllerOptions, DateTimeOffset?)[] { (RoundRobin, T0.AddMinutes(15)), (new(), null) })
        {
            var controller = Controller(12, options);
            At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Vehicle("C"));
            At(controller, Sample, Vehicle("A", 6), Vehicle("B", 6), Vehicle("C"));
            Assert.Equal(expected, controller.NextTimer());
        }
    }

    [Fact]
    public void Round_robin_with_two_waiting_vehicles_still_rotates()
    {
        var controller = Controller(6, RoundRobin);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Vehicle("C"));
        At(controller, Sample, Vehicle("A", 6), Vehicle("B"), Vehicle("C"));
        Assert.Equal(T0.AddMinutes(15), controller.NextTimer());
    }

    [Fact]
    public void Round_robin_without_anyone_waiting_needs_no_rotation()
    {
        var controller = Controller(32, RoundRobin);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        At(controller, Sample, Vehicle("A", 16), Vehicle("B", 16));
        Assert.Null(controller.NextTimer());
    }

    [Fact]
    public void The_earliest_of_several_timers_is_given()
    {
        // Round-robin rotation at T0 + 15 min; B draws 4 of its 6 A at T0 + 30 s: capped (at the 6 A minimum) and
        // probed 5 min later, at T0 + 5.5 min, the earlier of the two.
        var controller = Controller(12, RoundRobin);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"), Vehicle("C"));
        At(controller, Sample, Vehicle("A", 6), Vehicle("B", 4), Vehicle("C"));
        Assert.Equal(Amps.From(6), controller.DemandCap("B"));
        Assert.Equal(T0 + Sample + TimeSpan.FromMinutes(5), controller.NextTimer());
    }

    [Fact]
    public void A_woken_vehicle_that_draws_again_needs_no_wakeup_retry()
    {
        // Woken at T0 + 30 s, drawing its 32 A at T0 + 60 s: nothing is due (a retry would be at T0 + 10.5 min).
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        Assert.True(At(controller, Sample, Vehicle("A", 0)).Commands[0].Wakeup);
        At(controller, Sample * 2, Vehicle("A", 32));
        Assert.Null(controller.NextTimer());
    }

    [Fact]
    public void A_vehicle_whose_satellite_is_away_is_not_judged_by_a_timer()
    {
        // A charging at 16 A loses the master (Disconnected Limit 16 A): its new signal comes from the satellite, and
        // it cannot be judged until it is back, so no timer.
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"), Vehicle("B"));
        At(controller, Sample, Vehicle("A", 16), Vehicle("B", 16));
        At(controller, Sample * 2, Away("A", 16), Vehicle("B", 16));
        Assert.Null(controller.NextTimer());
    }

    [Fact]
    public void A_decision_is_settled_once_every_vehicle_draws_what_it_is_given()
    {
        // At T0 A is given 32 A and draws nothing yet: the next decision may learn (wake it), so not settled.
        var controller = Controller(32);
        Assert.False(At(controller, TimeSpan.Zero, Vehicle("A")).Settled);
        Assert.True(At(controller, Sample, Vehicle("A", 32)).Settled);
    }

    [Fact]
    public void A_vehicle_drawing_exactly_the_under_draw_threshold_less_is_not_settled_before_it_is_judged()
    {
        // Given 32 A at T0; 3 s later (within the 5 s reaction allowance) it draws 31 A, 1 A (the threshold) less: the
        // next decision, once it may judge, caps it, so this one is no fixed point.
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"));
        var decision = At(controller, TimeSpan.FromSeconds(3), Vehicle("A", 31));
        Assert.Equal([32], decision.Commands.Select(c => c.Current));
        Assert.False(decision.Settled);
    }

    [Fact]
    public void Commands_say_why_and_wake_only_the_vehicle_asleep()
    {
        var controller = Controller(32);
        At(controller, TimeSpan.Zero, Vehicle("A"), Empty("E"), Vehicle("S"));
        var decision = At(controller, Sample, Vehicle("A", 0), Empty("E"), Away("S", 10));
        Assert.Equal(
            [new ChargePointCommand("A", 22, true, CommandReason.Allocated), new ChargePointCommand("E", 0, false, CommandReason.NoVehicle), new ChargePointCommand("S", 10, false, CommandReason.Disconnected)],
            decision.Commands);
    }

    [Fact]
    public void Decide_into_checks_its_arguments_and_leaves_extra_room_untouched()
    {
        var controller = Controller(32);
        var input = new DecisionInput(T0, MeterReading.Failed, false);
        Assert.Throws<ArgumentNullException>(() => controller.DecideInto(input, null!, new ChargePointCommand[1]));
        Assert.Throws<ArgumentNullException>("observations", () => controller.Decide(input, null!));
        var error = Assert.Throws<ArgumentException>(() => controller.DecideInto(input, [Vehicle("A"), Vehicle("B")], new ChargePointCommand[1]));
        Assert.StartsWith("room for 2 commands is needed, not 1", error.Message, StringComparison.Ordinal);

        var commands = new ChargePointCommand[3];
        controller.DecideInto(input, [Vehicle("A"), Vehicle("B")], commands);
        Assert.Equal([16, 16], commands.Take(2).Select(c => c.Current));
        Assert.Equal(default, commands[2]);
    }
}
