using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Control;

/// <summary>
/// The master while vehicles react late, under-draw and satellites come back (issue 11, items 1, 2 and 4), worked by
/// hand from the manual's chapter 6: the current a vehicle does not take is given to the others, and a vehicle is only
/// judged by its draw once it has had time to follow its signal.
/// </summary>
public sealed class MasterInMotionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static DlmController Controller(long supply, TimeSpan sampleRate, bool wakeup = true) =>
        new(new DlmSettings(PhaseCurrents.Uniform(supply)), new DlmControllerOptions { SampleRate = sampleRate, AllowEvWakeup = wakeup });

    private static ChargePointObservation Car(string id, double draw = 0) =>
        new(id, PhaseSet.ThreePhase, Amps.From(32), true, PhaseCurrents.FromDoubles(draw, draw, draw));

    private static Dictionary<string, int> Currents(ControllerDecision decision) =>
        decision.Commands.ToDictionary(c => c.Id, c => c.Current);

    private static Dictionary<string, int> At(DlmController controller, double seconds, params ChargePointObservation[] observations) =>
        Currents(controller.Decide(new DecisionInput(T0.AddSeconds(seconds), MeterReading.Failed, false), observations));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_vehicle_that_has_not_reacted_yet_is_not_taken_for_one_that_under_draws(bool wakeup)
    {
        // 5 s sample rate, vehicles that take 5 s (IEC 61851-1) to follow: at the decision 5 s after the signal, they
        // still draw what they drew before (nothing). 5 s is not more than the 5 s allowance, so the master waits:
        // no cap, no wake-up, still 32 / 2 = 16 A each.
        var controller = Controller(32, TimeSpan.FromSeconds(5), wakeup);
        Assert.Equal(16, At(controller, 0, Car("A"), Car("B"))["A"]);
        var early = controller.Decide(new DecisionInput(T0.AddSeconds(5), MeterReading.Failed, false), [Car("A"), Car("B")]);
        Assert.Equal([16, 16], early.Commands.Select(c => c.Current));
        Assert.All(early.Commands, c => Assert.False(c.Wakeup));
        Assert.Null(controller.DemandCap("A"));

        // At 10 s both draw their 16 A: nothing to learn. B leaves at 15 s: A gets the whole 32 A.
        Assert.Equal(16, At(controller, 10, Car("A", 16), Car("B", 16))["B"]);
        Assert.Equal(32, At(controller, 15, Car("A", 16))["A"]);

        // 5 s later A still draws 16 A (it has not followed the 32 A yet): not capped, still 32 A.
        Assert.Equal(32, At(controller, 20, Car("A", 16))["A"]);
        Assert.Null(controller.DemandCap("A"));
        Assert.Equal(32, At(controller, 25, Car("A", 32))["A"]);
    }

    [Fact]
    public void The_master_looks_again_when_the_reaction_allowance_is_over()
    {
        // A decision 5 s after the signal could not judge the draw: the controller's next timer is just after the
        // 5 s allowance (strictly more than 5 s after the signal), so a caller that skips unchanged decisions still
        // comes back to judge.
        var controller = Controller(32, TimeSpan.FromSeconds(1));
        At(controller, 0, Car("A"), Car("B"));
        Assert.Equal(T0.AddSeconds(5).AddTicks(1), controller.NextTimer());
    }

    [Fact]
    public void Current_a_vehicle_does_not_take_goes_to_the_other_completely()
    {
        // 32 A: 16/16. A takes only 10 A of its 16: capped at 10, and B gets 32 - 10 = 22 A (not 21).
        var controller = Controller(32, TimeSpan.FromSeconds(30));
        At(controller, 0, Car("A"), Car("B"));
        var shares = At(controller, 30, Car("A", 10), Car("B", 16));
        Assert.Equal(10, shares["A"]);
        Assert.Equal(22, shares["B"]);
    }

    [Fact]
    public void A_probe_taken_in_full_lifts_the_cap()
    {
        // Capped at 10 A (B 22). Five minutes later it is offered 10 + 4 = 14 A (B 18) and takes all 14: the cap is
        // lifted, so at the next sample it gets its equal share again, 16/16.
        var controller = Controller(32, TimeSpan.FromSeconds(30));
        At(controller, 0, Car("A"), Car("B"));
        At(controller, 30, Car("A", 10), Car("B", 16));
        var probe = At(controller, 330, Car("A", 10), Car("B", 22));
        Assert.Equal(14, probe["A"]);
        Assert.Equal(18, probe["B"]);
        var lifted = At(controller, 360, Car("A", 14), Car("B", 18));
        Assert.Null(controller.DemandCap("A"));
        Assert.Equal(16, lifted["A"]);
        Assert.Equal(16, lifted["B"]);
    }

    [Fact]
    public void A_satellite_that_reconnects_gets_its_equal_share_at_the_first_decision()
    {
        // 32 A: 16/16. The satellite loses the master and runs on its 10 A Disconnected Limit: the master keeps
        // 10 A for it and gives A 32 - 10 = 22 A. When it comes back it draws the 10 A it was following: that is not
        // under-drawing (its signal was the Disconnected Limit), so the first decision gives 16/16 again.
        var controller = Controller(32, TimeSpan.FromSeconds(30));
        At(controller, 0, Car("A"), Car("SAT"));
        At(controller, 30, Car("A", 16), Car("SAT", 16));
        var lost = Car("SAT", 16) with { Reachable = false, DisconnectedLimit = Amps.From(10) };
        Assert.Equal(22, At(controller, 60, Car("A", 16), lost)["A"]);
        Assert.Equal(22, At(controller, 90, Car("A", 22), lost with { MeasuredCurrents = PhaseCurrents.Uniform(10) })["A"]);

        var back = At(controller, 120, Car("A", 22), Car("SAT", 10));
        Assert.Equal(16, back["SAT"]);
        Assert.Equal(16, back["A"]);
        Assert.Null(controller.DemandCap("SAT"));
    }

    [Theory]
    [InlineData(16, null, 16)]
    [InlineData(14, 14, 14)]
    public void A_satellite_that_drew_more_than_its_cap_while_away_is_judged_by_that_draw(double drawAway, int? cap, int share)
    {
        // SAT is capped at 8 A (its draw). It loses the master with a 16 A Disconnected Limit and draws more than 8 A.
        // All 16 A: the cap was stale and is lifted, back with the master it gets its share, 32 / 2 = 16 A. 14 A of
        // the 16 (1 A or more below): it can take 14 A, its cap becomes 14 and A gets 32 - 14 = 18 A.
        var controller = Controller(32, TimeSpan.FromSeconds(30));
        At(controller, 0, Car("A"), Car("SAT"));
        At(controller, 30, Car("A", 16), Car("SAT", 8));
        Assert.Equal(Amps.From(8), controller.DemandCap("SAT"));
        var lost = Car("SAT", drawAway) with { Reachable = false, DisconnectedLimit = Amps.From(16) };
        At(controller, 60, Car("A", 24), lost);
        var back = At(controller, 90, Car("A", 16), Car("SAT", drawAway));
        Assert.Equal(cap is { } amps ? Amps.From(amps) : null, controller.DemandCap("SAT"));
        Assert.Equal(share, back["SAT"]);
        Assert.Equal(32 - share, back["A"]);
    }
}
