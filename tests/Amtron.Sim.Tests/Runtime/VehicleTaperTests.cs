using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// The CC-CV taper worked by hand from the model (VehicleSpec.TaperAboveStateOfCharge, VehicleRuntime.LimitAt): above
/// the taper point T the on-board charger takes at most max(1 A, floor(M x (1 - soc) / (1 - T))) per phase, M its
/// maximum current. So the limit drops by one amp each time the state of charge crosses 1 - d x (1 - T) / M
/// (d = M, M - 1, ..., 2): between two crossings the vehicle draws d - 1 A, and each step holds the same energy,
/// B x (1 - T) / M, B the battery. The last two steps (d = 2 and d = 1) are both the 1 A trickle.
/// <para>
/// The vehicles here: B = 48 kWh, T = 0.8, M = 16 A, three phases at 400 V, so 1 200 W per amp and each step is
/// 48 000 x 0.2 / 16 = 600 Wh, drawn at d A in 600 / (1 200 x d) h = 1 800 / d s. Energies are exact; taper steps are
/// scheduled at the first whole tick after their boundary plus one, so each step may come up to 2 ticks (2e-7 s) late:
/// step times are compared to 1e-5 s (under 50 steps), energies to 1e-9 relative (a step 2e-7 s late moves
/// 1 A x 1 200 W x 2e-7 s = 7e-8 Wh).
/// </para>
/// </summary>
public sealed class VehicleTaperTests
{
    private const double StepTolerance = 1e-5;

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One vehicle on a 16 A point of a 63 A line (nothing but its own charger and taper limits it).</summary>
    private static (SimulationResult Result, CurrentRecorder Currents) Run(double initialSoc, double energyKWh, string departure, string duration)
    {
        var currents = new CurrentRecorder(Start);
        var result = OneVehicleLine.Run(duration, 400, FormattableString.Invariant($"departure: {departure}, batteryKWh: 48, initialSoc: {initialSoc}, energyKWh: {energyKWh}, phases: 3, taperAboveSoc: 0.8"), currents);
        return (result, currents);
    }

    /// <summary>
    /// The second at which each taper step begins, from <paramref name="from"/>: d - 1 A after <paramref name="ampSeconds"/> / d s
    /// at d A (1 800 s for the vehicles above: a 600 Wh step at 1 200 W).
    /// </summary>
    private static List<(double Second, double Amps)> Steps(double from, int firstAmps, double ampSeconds = 1800)
    {
        var steps = new List<(double, double)> { (from, firstAmps) };
        var at = from;
        for (var d = firstAmps; d >= 2; d--)
        {
            at += ampSeconds / d;
            steps.Add((at, d - 1));
        }

        return steps;
    }

    [Theory]
    [InlineData(0.8, 16, 9.6, 7775.812187812)]
    [InlineData(0.9, 8, 4.8, 6470.142857143)]
    public void A_vehicle_that_arrives_on_a_taper_boundary_steps_down_at_once_and_is_full_when_the_model_says(double initialSoc, int limitAtArrival, double roomKWh, double fullAt)
    {
        // initialSoc 0.8 = T: the limit is M = 16 A at 0.8 and 15 A just above it. initialSoc 0.9 = 1 - 8 x 0.2 / 16:
        // the limit is 8 A at 0.9 and 7 A just above it. The vehicle follows its 16 A signal at 3 s, draws the limit
        // at arrival and steps down at once (d = limitAtArrival - 1), then one amp less after each 600 Wh step: d A for
        // 1 800 / d s, down to 2 A, then the 1 A trickle for the last two steps, 2 x 1 800 s. It is full with
        // 48 x (1 - initialSoc) kWh at
        //   0.8: 3 + 1 800 x (1/15 + 1/14 + ... + 1/2) + 3 600 = 3 + 1 800 x (H15 - 1) + 3 600
        //        = 3 + 1 800 x 2.318 228 993 + 3 600 = 7 775.812 188 s, 9.6 kWh (16 steps of 600 Wh)
        //   0.9: 3 + 1 800 x (1/7 + 1/6 + ... + 1/2) + 3 600 = 3 + 1 800 x (H7 - 1) + 3 600
        //        = 3 + 1 800 x 1.592 857 143 + 3 600 = 6 470.142 857 s, 4.8 kWh (8 steps of 600 Wh)
        var (result, currents) = Run(initialSoc, roomKWh, "3h", "3h");
        var expected = Steps(3, limitAtArrival - 1);
        var full = expected[^1].Second + 3600;
        Assert.Equal(fullAt, full, 6);
        currents.AssertPoint("CP1", [(0, 0), (3, limitAtArrival), .. expected, (full, 0)], StepTolerance);

        var session = Assert.Single(result.Sessions);
        Assert.Equal(roomKWh, session.EnergyDeliveredKWh, roomKWh * 1e-9);
        Assert.True(session.FullySatisfied);
    }

    [Fact]
    public void A_vehicle_in_its_taper_draws_the_stepped_limit_and_its_energy_counts_up_to_its_departure()
    {
        // initialSoc 0.7: 16 A until soc 0.8, 0.1 x 48 = 4.8 kWh at 16 x 1 200 = 19.2 kW = 900 s, so from 3 s to 903 s.
        // Then 15 A for 120 s (to 1 023 s), 14 A from 1 023 s; it leaves at 1 123 s, 100 s into the 14 A step:
        //   4.8 kWh + 0.6 kWh + 14 A x 1 200 W x 100 s / 3 600 = 5.4 + 0.466 667 = 5.866 667 kWh
        // (without the taper it would have drawn 16 A for 1 120 s: 5.973 333 kWh; counted only to its last own
        // change at 1 023 s it would have 5.4 kWh).
        var (result, currents) = Run(0.7, 14.4, "1123s", "1h");
        currents.AssertPoint("CP1", [(0, 0), (3, 16), (903, 15), (1023, 14), (1123, 0)], StepTolerance);

        var expectedKWh = 4.8 + 0.6 + (14 * 1200 * 100 / 3600.0 / 1000);
        var session = Assert.Single(result.Sessions);
        Assert.Equal(expectedKWh, session.EnergyDeliveredKWh, expectedKWh * 1e-9);
        Assert.False(session.FullySatisfied);
    }

    [Fact]
    public void A_session_started_charging_at_its_first_draw_not_at_a_later_taper_step()
    {
        // As above: 16 A from 3 s, 15 A from 903 s, 14 A from 1 023 s. It began charging at 3 s, when it first drew.
        var (result, _) = Run(0.7, 14.4, "1123s", "1h");
        Assert.Equal(Start.AddSeconds(3), Assert.Single(result.Sessions).ChargingFrom);
    }

    [Fact]
    public void A_vehicle_exactly_on_a_boundary_that_rounds_below_its_state_of_charge_still_steps_down_at_once()
    {
        // A 12 A charger tapering above 0.7 on a 48 kWh battery, three phases at 400 V (1 200 W per amp): its limit is
        // floor(12 x (1 - soc) / 0.3), one amp less each 48 000 x 0.3 / 12 = 1 200 Wh, the limit d until the state of
        // charge reaches 1 - d x 0.3 / 12 = 1 - 0.025 d. It arrives at 0.725 = 1 - 11 x 0.025: 11 A at that instant,
        // 10 A just above (in doubles, 1 - 11 x 0.3 / 12 is 0.724 999..., a hair below 0.725: the boundary it is on
        // must still count as now). So it follows its 16 A signal at 3 s at 11 A and steps down at once: d A for
        // 1 200 Wh / (1 200 W x d) = 3 600 / d s, d = 10 .. 2, then the 1 A trickle for the last two steps, 2 x 3 600 s.
        // Its room, 48 x 0.275 = 13.2 kWh, is 11 steps (10 .. 2 and twice 1 A); it is full at
        //   3 + 3 600 x (1/10 + 1/9 + ... + 1/2) + 7 200 = 3 + 3 600 x (H10 - 1) + 7 200
        //   = 3 + 3 600 x 1.928 968 254 + 7 200 = 14 147.285 714 s
        // (at 11 A all along it would be full after 13.2 kWh / 13.2 kW = 1 h, at 3 603 s).
        var currents = new CurrentRecorder(Start);
        var result = new SiteSimulation(ScenarioLoader.Parse("""
            name: on a rounded boundary
            start: 2026-06-01T00:00:00Z
            duration: 5h
            voltage: 400
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, departure: 5h, maxCurrent: 12, reactionDelay: 3s, batteryKWh: 48, initialSoc: 0.725, energyKWh: 13.2, phases: 3, taperAboveSoc: 0.7}
            """, "rounded-boundary.yaml").Site, currents).Run();
        var expected = Steps(3, 10, 3600);
        var full = expected[^1].Second + 7200;
        Assert.Equal(14147.285714, full, 6);
        currents.AssertPoint("CP1", [(0, 0), (3, 11), .. expected, (full, 0)], StepTolerance);

        var session = Assert.Single(result.Sessions);
        Assert.Equal(13.2, session.EnergyDeliveredKWh, 13.2 * 1e-9);
        Assert.True(session.FullySatisfied);
    }
}
