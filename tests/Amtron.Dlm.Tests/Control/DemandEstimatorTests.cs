using Amtron.Dlm.Control;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Control;

/// <summary>
/// The demand estimator's thresholds at their edges, with the defaults of <see cref="DemandEstimationOptions"/>:
/// under-draw 1 A, cap margin 0, probe step 4 A every 5 min (×2 after an untaken probe, at most 40 min), a phase counts
/// from 1 A, and a draw is judged only more than 5 s after the signal changed.
/// </summary>
public sealed class DemandEstimatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Judged = T0.AddSeconds(30);

    [Fact]
    public void A_draw_exactly_one_amp_below_its_signal_is_capped_there()
    {
        // 16 A signalled, 15.000 A drawn: 16 − 15 = 1 A, the threshold itself ("at least this much below").
        var session = Signalled(16);
        Estimator().Learn(session, Drawing(15.0), Judged);
        Assert.Equal(Amps.From(15), session.Cap);
        Assert.Equal(Judged + TimeSpan.FromMinutes(5), session.NextProbe);
    }

    [Fact]
    public void A_cap_is_the_draw_plus_the_margin_rounded_up()
    {
        // 16 A signalled, 7.2 A drawn, margin 2 A: ⌈7.2 + 2⌉ = 10 A.
        var session = Signalled(16);
        Estimator(new DemandEstimationOptions { CapMargin = Amps.From(2) }).Learn(session, Drawing(7.2), Judged);
        Assert.Equal(Amps.From(10), session.Cap);
    }

    [Fact]
    public void A_vehicle_drawing_exactly_the_phase_threshold_keeps_the_minimum_as_its_cap()
    {
        // 1 A drawn is "drawing" (≥ 1 A): capped at max(⌈1⌉, 6) = 6 A, not paused at 1 A.
        var session = Signalled(16);
        Estimator().Learn(session, Drawing(1.0), Judged);
        Assert.Equal(Amps.From(6), session.Cap);
        Assert.False(session.NotDrawing);
    }

    [Fact]
    public void A_phase_drawing_exactly_the_threshold_is_a_phase_it_charges_on()
    {
        var session = Signalled(16);
        Estimator().Learn(session, Drawing(10, 1.0, 0.999), Judged);
        Assert.Equal(PhaseSet.Of(Phase.L1, Phase.L2), session.Phases);
    }

    [Fact]
    public void A_vehicle_drawing_one_amp_above_its_cap_loses_the_cap()
    {
        // Capped at 10 A, signalled 11 A (its satellite had lost the master), draws 11 A = cap + 1 A: the cap is lifted.
        var session = Signalled(11);
        session.Cap = Amps.From(10);
        session.NextProbe = Judged.AddHours(1);
        session.ProbeInterval = TimeSpan.FromMinutes(20);
        Estimator().Learn(session, Drawing(11.0), Judged);
        Assert.Null(session.Cap);
        Assert.False(session.Probing);
        Assert.Equal(TimeSpan.FromMinutes(5), session.ProbeInterval);
    }

    [Fact]
    public void A_due_probe_offers_the_step_more_and_comes_again_after_the_interval()
    {
        // Capped at 10 A, drawing 10 A (no news), probe due: cap 10 + 4 = 14 A, next probe 5 min later.
        var session = Signalled(10);
        session.Cap = Amps.From(10);
        session.NextProbe = Judged;
        session.ProbeInterval = TimeSpan.FromMinutes(5);
        Estimator().Learn(session, Drawing(10.0), Judged);
        Assert.Equal(Amps.From(14), session.Cap);
        Assert.Equal(Amps.From(10), session.CapBeforeProbe);
        Assert.True(session.Probing);
        Assert.Equal(Judged + TimeSpan.FromMinutes(5), session.NextProbe);
    }

    [Fact]
    public void The_same_cap_learned_again_does_not_move_the_next_probe()
    {
        // Signalled 12 A, draws 9.6 A: capped at ⌈9.6⌉ = 10 A, next probe 5 min later. A minute on, the same draw gives
        // the same cap: nothing is learned, and the probe stays where it was.
        var session = Signalled(12);
        var estimator = Estimator();
        estimator.Learn(session, Drawing(9.6), Judged);
        Assert.Equal(Amps.From(10), session.Cap);
        var nextProbe = session.NextProbe;

        estimator.Learn(session, Drawing(9.6), Judged.AddMinutes(1));
        Assert.Equal(Amps.From(10), session.Cap);
        Assert.Equal(nextProbe, session.NextProbe);
    }

    [Fact]
    public void A_probe_taken_in_part_raises_the_cap_and_probes_again_soon()
    {
        // Cap 10 A, probed to 14 A, draws 12 A: ⌈12⌉ = 12 > 10, so the interval goes back to 5 min (from 20).
        var session = Probing(from: 10, to: 14, interval: TimeSpan.FromMinutes(20));
        Estimator().Learn(session, Drawing(12.0), Judged);
        Assert.Equal(Amps.From(12), session.Cap);
        Assert.False(session.Probing);
        Assert.Equal(TimeSpan.FromMinutes(5), session.ProbeInterval);
        Assert.Equal(Judged + TimeSpan.FromMinutes(5), session.NextProbe);
    }

    [Theory]
    [InlineData(10, 20)] // 10 min × 2
    [InlineData(30, 40)] // 30 min × 2 = 60 min, at most 40 min
    public void A_probe_not_taken_backs_off_up_to_the_maximum(int intervalMinutes, int expectedMinutes)
    {
        // Cap 10 A, probed to 14 A, still draws 9.5 A: ⌈9.5⌉ = 10 A, not above the cap before the probe.
        var session = Probing(from: 10, to: 14, interval: TimeSpan.FromMinutes(intervalMinutes));
        Estimator().Learn(session, Drawing(9.5), Judged);
        Assert.Equal(Amps.From(10), session.Cap);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), session.ProbeInterval);
    }

    [Fact]
    public void Waking_a_vehicle_restarts_its_reaction_allowance()
    {
        // Offered 16 A, draws nothing, Allow EV Wakeup on: woken, and not judged again until 5 s have passed.
        var session = Signalled(16);
        var estimator = Estimator();
        Assert.True(estimator.Learn(session, Drawing(0), Judged));
        Assert.False(session.Judged);
        Assert.Equal(Judged, session.SignalChangedAt);
        Assert.False(estimator.CanJudge(session, Judged.AddSeconds(5)));
        Assert.True(estimator.CanJudge(session, Judged.AddSeconds(5).AddTicks(1)));
    }

    [Fact]
    public void Short_of_signal_when_judged_at_the_minimum_current()
    {
        // Signalled 6 A, judged, draws 4 A: 2 A short.
        var session = Signalled(6);
        session.Judged = true;
        Assert.Equal(Amps.From(2), DemandEstimator.ShortOfSignal(session, Drawing(4.0)));
    }

    [Fact]
    public void Short_of_signal_counts_from_the_cap_when_it_is_below_the_signal()
    {
        // Signalled 10 A, capped at 8 A, draws 5 A: min(8, 10) − 5 = 3 A.
        var session = Signalled(10);
        session.Judged = true;
        session.Cap = Amps.From(8);
        Assert.Equal(Amps.From(3), DemandEstimator.ShortOfSignal(session, Drawing(5.0)));
    }

    [Fact]
    public void Short_of_signal_before_judging_is_the_trickle_below_the_minimum()
    {
        // Not judged yet, capped from a 2 A trickle: it keeps 6 − 2 = 4 A of its 6 A slot unused.
        var session = Signalled(6);
        session.Cap = Amps.From(6);
        session.CapDraw = Amps.From(2);
        Assert.Equal(Amps.From(4), DemandEstimator.ShortOfSignal(session, Drawing(2.0)));
        session.Cap = null;
        Assert.Equal(Amps.Zero, DemandEstimator.ShortOfSignal(session, Drawing(2.0)));
    }

    [Fact]
    public void Would_learn_a_vehicle_at_the_minimum_that_draws_nothing()
    {
        Assert.True(Estimator().WouldLearn(Signalled(6), Drawing(0)));
    }

    [Fact]
    public void Would_not_learn_a_waiting_vehicle_that_draws_nothing()
    {
        Assert.False(Estimator().WouldLearn(Signalled(0), Drawing(0)));
    }

    [Fact]
    public void Would_not_learn_a_vehicle_that_draws_its_signal()
    {
        Assert.False(Estimator().WouldLearn(Signalled(16), Drawing(16.0)));
    }

    [Fact]
    public void Would_not_learn_the_cap_it_already_has()
    {
        // Signalled 16 A, draws 10 A under a 10 A cap: ⌈10⌉ = 10 A, already known.
        var session = Signalled(16);
        session.Cap = Amps.From(10);
        Assert.False(Estimator().WouldLearn(session, Drawing(10.0)));
    }

    [Fact]
    public void Would_not_learn_a_cap_of_the_minimum_from_a_vehicle_drawing_the_phase_threshold()
    {
        // Signalled 16 A, draws exactly 1 A (drawing, not asleep) under a 6 A cap: its cap stays max(⌈1⌉, 6) = 6 A.
        var session = Signalled(16);
        session.Cap = Amps.From(6);
        Assert.False(Estimator().WouldLearn(session, Drawing(1.0)));
    }

    [Fact]
    public void Would_learn_a_vehicle_drawing_one_amp_above_its_cap()
    {
        // Cap 10 A, signalled 12 A, draws 11.5 A: not 1 A below the signal, but ≥ cap + 1 A: its cap goes.
        var session = Signalled(12);
        session.Cap = Amps.From(10);
        Assert.True(Estimator().WouldLearn(session, Drawing(11.5)));
    }

    [Fact]
    public void Would_not_learn_a_vehicle_just_below_its_cap()
    {
        // Cap 10 A, signalled 10 A, draws 9.5 A: not 1 A below the signal, not above the cap.
        var session = Signalled(10);
        session.Cap = Amps.From(10);
        Assert.False(Estimator().WouldLearn(session, Drawing(9.5)));
    }

    private static DemandEstimator Estimator(DemandEstimationOptions? estimation = null) =>
        new(new DlmControllerOptions { DemandEstimation = estimation ?? new DemandEstimationOptions() });

    private static VehicleSession Signalled(int amps) =>
        new(0, T0) { LastSignalled = amps, ProbeInterval = TimeSpan.FromMinutes(5), NextProbe = T0.AddHours(1) };

    private static VehicleSession Probing(int from, int to, TimeSpan interval)
    {
        var session = Signalled(to);
        session.Cap = Amps.From(to);
        session.CapBeforeProbe = Amps.From(from);
        session.Probing = true;
        session.ProbeInterval = interval;
        return session;
    }

    private static ChargePointObservation Drawing(double l1, double l2, double l3) =>
        new("cp", PhaseSet.ThreePhase, Amps.From(32), true, PhaseCurrents.FromDoubles(l1, l2, l3));

    private static ChargePointObservation Drawing(double amps) => Drawing(amps, amps, amps);
}
