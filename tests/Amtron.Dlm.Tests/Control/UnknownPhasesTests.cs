using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Control;

/// <summary>
/// Manual chapter 7: the Current Imbalance Limit is never exceeded. A vehicle whose phases are not known yet is treated
/// worst-case: it may draw its 6 A on one phase only (issue 11, item 3).
/// </summary>
public sealed class UnknownPhasesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static DlmController Controller() => new(
        new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(20) },
        new DlmControllerOptions());

    private static ChargePointObservation Car(string id, PhaseSet? drawing = null, double draw = 0) =>
        new(id, PhaseSet.ThreePhase, Amps.From(32), true, PhaseCurrents.FromDoubles(
            drawing?.Contains(Phase.L1) == true ? draw : 0, drawing?.Contains(Phase.L2) == true ? draw : 0, drawing?.Contains(Phase.L3) == true ? draw : 0));

    private static int[] At(DlmController controller, double seconds, params ChargePointObservation[] cars) =>
        [.. controller.Decide(new DecisionInput(T0.AddSeconds(seconds), MeterReading.Failed, false), cars).Commands.Select(c => c.Current)];

    [Fact]
    public void Four_cars_of_unknown_phase_are_admitted_only_as_far_as_the_worst_case_fits()
    {
        // Four cars plug into 3-phase points at once; none has drawn yet. Each might be single-phase on L1 and add
        // 6 A there: 4 x 6 = 24 A > 20 A, 3 x 6 = 18 A <= 20 A. So the first three get 6 A and the fourth waits.
        var controller = Controller();
        Assert.Equal([6, 6, 6, 0], At(controller, 0, Car("A"), Car("B"), Car("C"), Car("D")));

        // They were single-phase on L1: L1 may carry 20 A more than L2/L3, shared 7/7/6 in queue order. D, still of
        // unknown phase, would need 6 A of room: only by pausing one that charges, so it keeps waiting.
        var l1 = PhaseSet.Of(Phase.L1);
        Assert.Equal([7, 7, 6, 0], At(controller, 30, Car("A", l1, 6), Car("B", l1, 6), Car("C", l1, 6), Car("D")));
    }

    [Fact]
    public void A_newcomer_of_unknown_phase_does_not_push_out_a_vehicle_already_charging()
    {
        // A and B charge single-phase on L1 (20 A of spread: 10/10). C arrives, phases unknown: admitting it would keep
        // 6 A of the 20 free, leaving 14 A for A and B (7/7): both still charge, so C is admitted at 6 A.
        var controller = Controller();
        var l1 = PhaseSet.Of(Phase.L1);
        At(controller, 0, Car("A"), Car("B"));
        Assert.Equal([10, 10], At(controller, 30, Car("A", l1, 6), Car("B", l1, 6)));
        Assert.Equal([7, 7, 6], At(controller, 60, Car("A", l1, 10), Car("B", l1, 10), Car("C")));
    }

    [Fact]
    public void A_newcomer_of_unknown_phase_waits_rather_than_pause_a_vehicle_charging_above_the_minimum()
    {
        // Limit 21 A. A, B, C charge single-phase on L1: 21 A of spread, 7/7/7. D arrives, phases unknown: keeping 6 A
        // free for it leaves 15 A, room for two at 6 A, so C (charging at 7 A) would be paused: D waits instead.
        var controller = new DlmController(
            new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(21) },
            new DlmControllerOptions());
        var l1 = PhaseSet.Of(Phase.L1);
        Assert.Equal([6, 6, 6], At(controller, 0, Car("A"), Car("B"), Car("C")));
        Assert.Equal([7, 7, 7], At(controller, 30, Car("A", l1, 6), Car("B", l1, 6), Car("C", l1, 6)));
        Assert.Equal([7, 7, 7, 0], At(controller, 60, Car("A", l1, 7), Car("B", l1, 7), Car("C", l1, 7), Car("D")));
    }

    [Fact]
    public void Three_phase_vehicles_leave_the_whole_allowance_once_seen()
    {
        // 63 A, three cars of unknown phase at 6 A each; once all three draw on L1-L3 they are balanced and share
        // 63 / 3 = 21 A each.
        var controller = Controller();
        Assert.Equal([6, 6, 6], At(controller, 0, Car("A"), Car("B"), Car("C")));
        var all = PhaseSet.ThreePhase;
        Assert.Equal([21, 21, 21], At(controller, 30, Car("A", all, 6), Car("B", all, 6), Car("C", all, 6)));
    }

    [Fact]
    public void The_reserve_is_kept_only_on_the_phases_a_newcomer_could_load_alone()
    {
        // A and B charge single-phase on L1 at 10/10 (L1 20 A above L2/L3). C plugs into a point wired [L2, L3, L1]:
        // on fewer phases it would draw on L2 (one phase) or L2 and L3 (two), never on L1 alone. With C at 6 A on all
        // three, L1 = 26, L2 = L3 = 6: 26 - 6 = 20 <= 20 and, with C's 6 A reserve, 6 + 6 - 6 = 6 <= 20. So A and B
        // keep 10 A and C gets 6 A. Worst cases: C on L2 only gives (20, 6, 0), spread 20; on L2+L3 (20, 6, 6).
        var controller = Controller();
        var l1 = PhaseSet.Of(Phase.L1);
        At(controller, 0, Car("A"), Car("B"));
        At(controller, 30, Car("A", l1, 6), Car("B", l1, 6));
        var c = Car("C") with { FirstPhase = PhaseSet.Of(Phase.L2), LeadingPhases = PhaseSet.Of(Phase.L2, Phase.L3) };
        Assert.Equal([10, 10, 6], At(controller, 60, Car("A", l1, 10), Car("B", l1, 10), c));
    }

    [Fact]
    public void Single_phase_cars_on_rotated_points_are_let_in_one_by_one_and_none_waits_once_the_others_show_their_phases()
    {
        // Limit 10 A, 63 A per phase. A, B and C plug in at once at points wired [L1, L2, L3], [L2, L3, L1] and
        // [L3, L1, L2]; each is single-phase, so it draws on its point's first phase. Modelled at 6 A on all three
        // phases, a newcomer may make its point's first phase up to 6 A heavier than the other two, and its second
        // phase 6 A heavier than its third (a two-phase vehicle), never a later phase heavier than an earlier one.
        var controller = new DlmController(
            new DlmSettings(PhaseCurrents.Uniform(63)) { CurrentImbalancePrevention = true, CurrentImbalanceLimit = Amps.From(10) },
            new DlmControllerOptions());
        int[] Decide(double seconds, double a, double b, double c) =>
            [.. controller.Decide(
                new DecisionInput(T0.AddSeconds(seconds), MeterReading.Failed, false),
                [Rotated("A", Phase.L1, a), Rotated("B", Phase.L2, b), Rotated("C", Phase.L3, c)]).Commands.Select(x => x.Current)];

        // 0 s, all unknown. A and B together: A two-phase (L1, L2) and B single-phase (L2) give L2 - L3 = 12 > 10 A
        // (L2 over L3 is kept free 6 A for each). One at a time: A at 6 A, B and C wait.
        Assert.Equal([6, 0, 0], Decide(0, 0, 0, 0));

        // 30 s, A draws 6 A on L1 alone. B and C together: B on L3 + L1 and C on L3 (or similar) make L3 12 A over L1:
        // no. B alone, at 6 A on all phases: L1 = a + 6, L2 = L3 = 6; B keeps 6 A of L2 over L1 and L3 and of L3 over
        // L1, none of L1 over anything, so A rises to L1 - L3 = a <= 10 A: A 10 A, B 6 A.
        Assert.Equal([10, 6, 0], Decide(30, 6, 0, 0));

        // 60 s, B draws 6 A on L2 alone. C at 6 A on all phases: L1 = a + 6, L2 = b + 6, L3 = 6, with 6 A kept of L3
        // over L1 and L2 and of L1 over L2. L1 over L2: a + 6 + 6 - (b + 6) <= 10, so a <= b + 4; L1 over L3: a <= 10;
        // L2 over L3: b <= 10; L3 over L1: 6 + 6 - (a + 6) <= 10. A and B rise together to 10 A, and C is let in:
        // nobody paused. (Keeping C's 6 A of L1 over L3 too, as if C could draw on L1 alone, would need a + 6 <= 10,
        // so A below 6 A: C would wait as long as A charged.)
        Assert.Equal([10, 10, 6], Decide(60, 10, 6, 0));

        // 90 s, C draws 6 A on L3: one car per phase, balanced, each up to its 32 A installation limit.
        Assert.Equal([32, 32, 32], Decide(90, 10, 10, 6));
    }

    private static ChargePointObservation Rotated(string id, Phase first, double draw)
    {
        var second = (Phase)(((int)first + 1) % PhaseSet.PhaseCount);
        return Car(id, PhaseSet.Of(first), draw) with { FirstPhase = PhaseSet.Of(first), LeadingPhases = PhaseSet.Of(first, second) };
    }

    [Fact]
    public void A_single_phase_vehicle_drawing_less_than_its_minimum_leaves_its_phase_lighter_and_the_limit_holds_on_that()
    {
        // A (L1) trickles at 2 A: it keeps its slot at the 6 A minimum but will draw 2 A, so L1 is 4 A lighter than
        // its allocation. B (L2) and C (L3) want 32 A: L2 - L1 <= 20 on what is drawn gives L2 <= 2 + 20 = 22 A (not
        // 6 + 20 = 26, which would leave L2 24 A above the real L1).
        var controller = Controller();
        Assert.Equal([6, 6, 6], At(controller, 0, Car("A"), Car("B"), Car("C")));
        var decided = At(controller, 30, Car("A", PhaseSet.Of(Phase.L1), 2), Car("B", PhaseSet.Of(Phase.L2), 6), Car("C", PhaseSet.Of(Phase.L3), 6));
        Assert.Equal([6, 22, 22], decided);
    }
}
