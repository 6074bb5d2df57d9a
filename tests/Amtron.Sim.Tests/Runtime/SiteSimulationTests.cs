using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Runtime;

public sealed class SiteSimulationTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static NetworkSpec Network(DlmSettings settings, int chargePoints, DlmControllerOptions? options = null)
    {
        var points = Enumerable.Range(1, chargePoints)
            .Select(i => new ChargePointSpec($"CP{i}", "CS1", Amps.From(32), ChargePointSpec.NoRotation))
            .ToList();
        return new NetworkSpec(0, settings, options ?? new DlmControllerOptions(), [new StationSpec("CS1", StationRole.MasterWithInternalSlave, points)]);
    }

    private static VehicleSpec Vehicle(int cp, TimeSpan arrival, TimeSpan departure, double kWh, double maxA = 32, int phases = 3) =>
        new($"V{cp}-{arrival.TotalMinutes}", $"CP{cp}", Start + arrival, Start + departure, kWh)
        {
            MaxCurrent = Amps.FromDouble(maxA),
            Phases = phases,
            BatteryKWh = 100,
        };

    [Fact]
    public void Car_park_6_1_four_vehicles_share_the_supply_line_and_no_limit_is_broken()
    {
        var site = new SiteSpec(Start, TimeSpan.FromHours(1), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(100)), 4)],
            Vehicles = [.. Enumerable.Range(1, 4).Select(i => Vehicle(i, TimeSpan.Zero, TimeSpan.FromHours(2), 60))],
        };
        var result = new SiteSimulation(site).Run();
        Assert.Equal(0, result.LimitViolationSeconds);
        Assert.All(result.MaxPhaseCurrent, a => Assert.Equal(Amps.From(100), a));
        Assert.Equal(4, result.ContactorCycles);

        // 25 A per phase from 3 s (reaction) to the end of the hour: 230 V x 25 A x 3 x 3597 s.
        var expectedKWh = 230 * 25 * 3 * 3597 / 3600.0 / 1000;
        Assert.All(result.Sessions, s => Assert.Equal(expectedKWh, s.EnergyDeliveredKWh, 6));
    }

    [Fact]
    public void Energy_integrates_exactly_and_a_satisfied_vehicle_stops()
    {
        // 16 A x 3 phases x 230 V = 11.04 kW: 11.04 kWh takes exactly one hour after the 3 s reaction.
        var site = new SiteSpec(Start, TimeSpan.FromHours(3), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(63)), 1)],
            Vehicles = [Vehicle(1, TimeSpan.Zero, TimeSpan.FromHours(2), 11.04, maxA: 16)],
        };
        var result = new SiteSimulation(site).Run();
        var session = Assert.Single(result.Sessions);
        Assert.Equal(11.04, session.EnergyDeliveredKWh, 9);
        Assert.True(session.FullySatisfied);
    }

    [Fact]
    public void A_departure_frees_current_for_the_others_at_the_next_decision()
    {
        var site = new SiteSpec(Start, TimeSpan.FromHours(2), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(32)), 2)],
            Vehicles = [Vehicle(1, TimeSpan.Zero, TimeSpan.FromHours(1), 100), Vehicle(2, TimeSpan.Zero, TimeSpan.FromHours(2), 100)],
        };
        var result = new SiteSimulation(site).Run();
        var second = result.Sessions.Single(s => s.ChargePointId == "CP2");

        // 16 A from 3 s until it follows the 1 h decision at 1 h + 3 s, then 32 A to the end.
        var expected = 230 * 3 * ((16 * 3600.0) + (32 * 3597.0)) / 3600 / 1000;
        Assert.Equal(expected, second.EnergyDeliveredKWh, 6);
        Assert.Equal(0, result.LimitViolationSeconds);
    }

    [Fact]
    public void Transient_overshoot_from_a_load_step_is_measured_not_hidden()
    {
        // Meter excluding; the house jumps from 0 to 40 A at 00:10:05. The master reads the meter every 5 s and
        // decides every 30 s; the vehicle follows 3 s later: the 63 A main limit is exceeded from 00:10:05 until
        // the 00:10:30 decision takes effect at 00:10:33 — 28 s, by 32 + 40 - 63 = 9 A.
        var meter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(63));
        var site = new SiteSpec(Start, TimeSpan.FromHours(1), 1)
        {
            Meter = new MeterSpec(TimeSpan.FromSeconds(5)),
            ExternalLoads = [new TimeSeriesLoad("house", [(Start, PhaseCurrents.Zero), (Start.AddSeconds(605), PhaseCurrents.Uniform(40))])],
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(63)) { ExternalMeter = meter }, 1)],
            Vehicles = [Vehicle(1, TimeSpan.Zero, TimeSpan.FromHours(2), 100)],
        };
        var result = new SiteSimulation(site).Run();
        Assert.Equal(28, result.LimitViolationSeconds, 9);
        Assert.Equal(Amps.From(9), result.PeakOvershoot);
        Assert.Equal(28, result.LimitViolationSecondsByLimit["network0.mainDistributionLimit"], 9);
    }

    [Fact]
    public void A_nearly_full_battery_tapers_and_stops_when_full()
    {
        // 10 kWh at 90 %, a 32 A charger tapering above 80 %: its limit is floor(32 x (1 - soc) / 0.2) A, one amp less
        // every 10 000 x 0.2 / 32 = 62.5 Wh. At 0.9 that is 16 A, and 15 A just above: it draws 16 A from 3 s and
        // steps down at once. At d A (690 W per amp) a step takes 62.5 x 3 600 / (690 x d) = 326.087 / d s; from
        // 15 A down to 2 A, then the last two steps at the 1 A trickle:
        //   full at 3 + 326.087 x (1/15 + ... + 1/2) + 2 x 326.087 = 3 + 326.087 x (2.318 229 + 2) = 1 411.118 s
        // (without the taper it would be full after 1 000 Wh / 11 040 W = 326.1 s, at 329.1 s).
        var vehicle = Vehicle(1, TimeSpan.Zero, TimeSpan.FromHours(10), 100) with { BatteryKWh = 10, InitialStateOfCharge = 0.9 };
        var site = new SiteSpec(Start, TimeSpan.FromHours(10), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(63)), 1)],
            Vehicles = [vehicle],
        };
        var currents = new CurrentRecorder(Start);
        var result = new SiteSimulation(site, currents).Run();
        var session = Assert.Single(result.Sessions);
        Assert.Equal(1.0, session.EnergyDeliveredKWh, 6);
        Assert.True(session.FullySatisfied);

        const double Step = 62.5 * 3600 / 690;
        var changes = currents.Point("CP1");
        Assert.Equal([0, 16, .. Enumerable.Range(1, 15).Select(a => 16.0 - a), 0], changes.Select(c => c.Current.Value));
        Assert.Equal(3 + (Step * (Enumerable.Range(2, 14).Sum(d => 1.0 / d) + 2)), changes[^1].Second, 1e-5);
    }

    [Fact]
    public void A_vehicle_asleep_after_a_long_pause_charges_again_only_with_ev_wakeup()
    {
        // 6 A on the line: the first vehicle charges, the second waits until the first leaves after 2 h; by then it
        // has slept for 90 min (asleep 30 min after its arrival at 60 s, at 1 860 s).
        //   With EV wakeup: the decision at 7 200 s offers it 6 A, it follows at 7 203 s but draws nothing (asleep);
        //   the decision at 7 230 s sees that and wakes it, 3 s later: 6 A x 690 W from 7 233 s to 14 400 s.
        //   Without: it is never woken and gets nothing.
        static SessionResult SecondVehicle(bool wakeup)
        {
            var site = new SiteSpec(Start, TimeSpan.FromHours(4), 1)
            {
                Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(6)), 2, new DlmControllerOptions { AllowEvWakeup = wakeup })],
                Vehicles = [Vehicle(1, TimeSpan.Zero, TimeSpan.FromHours(2), 100), Vehicle(2, TimeSpan.FromMinutes(1), TimeSpan.FromHours(4), 100)],
            };
            return new SiteSimulation(site).Run().Sessions.Single(s => s.ChargePointId == "CP2");
        }

        Assert.Equal(690.0 * 6 * (14400 - 7233) / 3600 / 1000, SecondVehicle(wakeup: true).EnergyDeliveredKWh, 1e-9);
        Assert.Equal(0, SecondVehicle(wakeup: false).EnergyDeliveredKWh);
    }

    [Fact]
    public void A_vehicle_woken_at_a_signal_it_already_has_closes_its_contactor_when_it_wakes()
    {
        // As above with EV wakeup. The first vehicle's contactor closes at the 0 s decision's 6 A: one cycle; it stays
        // closed until it leaves at 7 200 s. The second is asleep when the decision at 7 200 s signals it 6 A, so its
        // contactor stays open (state B); the decision at 7 230 s wakes it without a new signal, and when it wakes at
        // 7 233 s (asking for energy at 6 A) the contactor closes: the second cycle.
        var site = new SiteSpec(Start, TimeSpan.FromHours(4), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(6)), 2, new DlmControllerOptions { AllowEvWakeup = true })],
            Vehicles = [Vehicle(1, TimeSpan.Zero, TimeSpan.FromHours(2), 100), Vehicle(2, TimeSpan.FromMinutes(1), TimeSpan.FromHours(4), 100)],
        };
        Assert.Equal(2, new SiteSimulation(site).Run().ContactorCycles);
    }

    [Fact]
    public void Sessions_of_one_id_arriving_together_are_listed_in_charge_point_order()
    {
        // A site built in code may repeat a session id (a scenario file may not). Two sessions "V" arrive at 0 s: at CP2
        // (listed first, leaving first, at 10 min) and at CP1 (leaving at 20 min). Arrival and id tie, so the charge
        // point orders them: CP1, then CP2, whatever order they were listed or ended in.
        var site = new SiteSpec(Start, TimeSpan.FromHours(1), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(63)), 2)],
            Vehicles = [new VehicleSpec("V", "CP2", Start, Start.AddMinutes(10), 10), new VehicleSpec("V", "CP1", Start, Start.AddMinutes(20), 10)],
        };
        Assert.Equal(["CP1", "CP2"], new SiteSimulation(site).Run().Sessions.Select(s => s.ChargePointId));
    }

    [Fact]
    public void A_run_is_repeatable()
    {
        var site = new SiteSpec(Start, TimeSpan.FromDays(1), 7)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(40)), 3)],
            Vehicles = [Vehicle(1, TimeSpan.FromHours(1), TimeSpan.FromHours(9), 30), Vehicle(2, TimeSpan.FromHours(2), TimeSpan.FromHours(5), 20, phases: 1), Vehicle(3, TimeSpan.FromHours(2), TimeSpan.FromHours(20), 50)],
        };
        var first = new SiteSimulation(site).Run();
        var second = new SiteSimulation(site).Run();
        Assert.Equal(first.Sessions, second.Sessions);
        Assert.Equal(first.Events, second.Events);
    }

    [Fact]
    public void Idle_time_costs_nothing()
    {
        var site = new SiteSpec(Start, TimeSpan.FromDays(365), 1)
        {
            Networks = [Network(new DlmSettings(PhaseCurrents.Uniform(100)), 10)],
        };
        // No vehicle, no load step, no setting that changes: nothing is ever scheduled, not even a decision.
        var result = new SiteSimulation(site).Run();
        Assert.Equal(0, result.Events);
        Assert.Equal(0, result.Decisions);
    }
}
