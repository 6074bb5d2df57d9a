using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.VirtualMeter.Sources;

namespace Amtron.VirtualMeter.Tests;

/// <summary>A scenario's external loads served as meter samples, scenario time running at a speed-up from an origin.</summary>
public sealed class ScenarioLoadSourceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Origin = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // A constant 2 A per phase, plus a time series already running at the start:
    //   start − 5 min .. start + 1 h: 1 A per phase       → total 3, 3, 3 A
    //   start + 1 h   .. start + 2 h: 10 A on L1          → total 12, 2, 2 A
    //   from start + 2 h:             5 A on L2           → total 2, 7, 2 A
    private static readonly SiteSpec Site = new(Start, TimeSpan.FromDays(1), Seed: 1)
    {
        VoltageV = 240,
        ExternalLoads =
        [
            new ConstantLoad("base", PhaseCurrents.FromDoubles(2, 2, 2)),
            new TimeSeriesLoad("heat pump",
            [
                (Start.AddMinutes(-5), PhaseCurrents.FromDoubles(1, 1, 1)),
                (Start.AddHours(1), PhaseCurrents.FromDoubles(10, 0, 0)),
                (Start.AddHours(2), PhaseCurrents.FromDoubles(0, 5, 0)),
            ]),
        ],
    };

    [Theory]
    // At 60× a wall-clock second is a scenario minute.
    [InlineData(60, 0, 3, 3, 3)] // the scenario's start
    [InlineData(60, 59, 3, 3, 3)] // start + 59 min
    [InlineData(60, 60, 12, 2, 2)] // start + 1 h
    [InlineData(60, 150, 2, 7, 2)] // start + 2 h 30 min
    [InlineData(60, -600, 3, 3, 3)] // before the origin the scenario stays at its start, not 10 h before it
    // At 0.5× two wall-clock hours are one scenario hour.
    [InlineData(0.5, 3599, 3, 3, 3)] // start + 29 min 59.5 s
    [InlineData(0.5, 7200, 12, 2, 2)] // start + 1 h
    public void The_external_loads_at_scenario_time_are_the_currents(double speed, double wallSeconds, double l1, double l2, double l3)
    {
        var sample = new ScenarioLoadSource(Site, Origin, speed).Sample(Origin.AddSeconds(wallSeconds));
        Assert.Equal(PhaseCurrents.FromDoubles(l1, l2, l3), sample.Currents);
    }

    [Theory]
    // The downgrade input is energised from start + 1 h to start + 2 h; at 60× that is wall seconds 60 to 120.
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(119.9, true)]
    [InlineData(120, false)]
    public void The_digital_input_follows_the_scenario_s_windows(double wallSeconds, bool energised)
    {
        var site = Site with { Meter = new MeterSpec(TimeSpan.FromSeconds(1)) { DigitalInputActive = [new TimeWindow(Start.AddHours(1), Start.AddHours(2))] } };
        Assert.Equal(energised, new ScenarioLoadSource(site, Origin, speed: 60).Sample(Origin.AddSeconds(wallSeconds)).DigitalInput);
    }

    [Fact]
    public void Every_phase_has_the_sites_voltage_and_power_factor_1()
    {
        var sample = new ScenarioLoadSource(Site, Origin, speed: 60).Sample(Origin);
        Assert.Equal([new Volts(240), new Volts(240), new Volts(240)], sample.Voltages);
        Assert.Equal([1.0, 1.0, 1.0], sample.PowerFactors);
        Assert.Equal(MeterSample.NominalFrequencyHz, sample.FrequencyHz);
        Assert.False(sample.DigitalInput);
    }
}
