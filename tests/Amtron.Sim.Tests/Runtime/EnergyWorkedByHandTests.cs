using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Energy is the phase voltage (the scenario's <c>voltage</c>) x the current per phase x the phases the vehicle
/// draws on x the time it draws, counted up to the instant it leaves. Every current here is constant between whole
/// seconds, so the expected energies are exact up to floating-point rounding: compared to 1e-9 relative.
/// </summary>
public sealed class EnergyWorkedByHandTests
{
    private const double Relative = 1e-9;

    /// <summary>
    /// One vehicle of <paramref name="phases"/> phases and a 16 A on-board charger at a 16 A point of a 63 A line,
    /// plugged in from 0 s to 45 min (2 700 s), wanting 90 kWh (far more than it can get: it leaves before it is full).
    /// </summary>
    private static SimulationResult Run(int voltage, int phases) =>
        OneVehicleLine.Run("1h", voltage, FormattableString.Invariant($"departure: 45m, batteryKWh: 100, initialSoc: 0, energyKWh: 90, phases: {phases}"));

    [Theory]
    [InlineData(230, 1)]
    [InlineData(230, 2)]
    [InlineData(230, 3)]
    [InlineData(400, 1)]
    [InlineData(400, 2)]
    [InlineData(400, 3)]
    public void A_vehicle_leaving_before_it_is_full_gets_voltage_times_current_times_its_phases_counted_to_its_departure(int voltage, int phases)
    {
        // The decision at 0 s signals 16 A; the vehicle follows at 3 s and draws 16 A on each of its phases (L1, then
        // L2, then L3 of the point) until it leaves at 2 700 s: 2 697 s. Nothing happens between the follow and the
        // departure, so all of it is counted when it leaves.
        //   230 V: 1 phase 230 x 16 x 2 697 / 3 600 = 2 756.87 Wh; 2 phases 5 513.73 Wh; 3 phases 8 270.60 Wh
        //   400 V: 1 phase 400 x 16 x 2 697 / 3 600 = 4 794.67 Wh; 2 phases 9 589.33 Wh; 3 phases 14 384.00 Wh
        var expectedKWh = voltage * 16.0 * phases * 2697 / 3600 / 1000;
        var result = Run(voltage, phases);

        var session = Assert.Single(result.Sessions);
        Assert.Equal(expectedKWh, session.EnergyDeliveredKWh, expectedKWh * Relative);
        Assert.False(session.FullySatisfied);
        Assert.Equal(expectedKWh, KpiCatalogue.Metrics(result)["energyDeliveredKWh"], expectedKWh * Relative);

        // At the grid it is 16 A on the phases it draws on and nothing on the others.
        Assert.Equal([Amps.From(16), Amps.From(phases >= 2 ? 16 : 0), Amps.From(phases == 3 ? 16 : 0)], result.MaxPhaseCurrent);
    }

    [Fact]
    public void A_session_starts_charging_when_the_vehicle_follows_the_first_decision()
    {
        // The decision at 0 s signals 16 A and the vehicle follows after its 3 s reaction delay: it waited 3 s.
        var session = Assert.Single(Run(230, 3).Sessions);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 3, TimeSpan.Zero), session.ChargingFrom);
        Assert.Equal(TimeSpan.FromSeconds(3), session.Waited);
        Assert.Equal(90 - session.EnergyDeliveredKWh, session.ShortfallKWh, 9);
    }

    [Fact]
    public void A_session_that_never_draws_has_no_start_and_no_wait()
    {
        // Gone at 2 s, before its 3 s reaction delay has passed: it never drew current.
        var session = Assert.Single(OneVehicleLine.Run("1h", 230, "departure: 2s, batteryKWh: 100, initialSoc: 0, energyKWh: 10").Sessions);
        Assert.Null(session.ChargingFrom);
        Assert.Null(session.Waited);
        Assert.Equal(10, session.ShortfallKWh, 9);
    }
}
