using Amtron.Dlm.Units;
using Amtron.Sim.Results.Plots;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Results.Plots;

/// <summary>The plots show every limit in force, as the plot model says before anything is drawn.</summary>
public sealed class PlotFiguresTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A house with a meter (Main Distribution Limit 100 A), a 125 A main fuse, a 10 A building load, one network on an
    /// 80 A line with a 63 A Operator limit, a 50 A downgrade offset from 17:00 to 19:00, and a scheduler.
    /// </summary>
    private const string House = """
        name: house
        start: 2026-06-01T00:00:00Z
        duration: DURATION
        grid: {mainFuse: 125}
        externalLoads:
          - {name: building, constant: 10}
        meter:
          type: PAC2200
          digitalInput: [{from: 17h, to: 19h}]
        networks:
          - id: 7
            settings:
              evseSubDistributionLimit: 80
              operatorEvseSubDistributionLimit: 63
              meterDigitalInputCurrentOffset: 50
              externalMeter: {location: excluding, mainDistributionLimit: 100}
              currentImbalancePrevention: true
              currentImbalanceLimit: 16
              maximumCurrentScheduler: [{hour: 0, limit: 80}, {hour: 7, limit: 40}, {hour: 16, limit: 45}, {hour: 20, limit: 80}]
            stations:
              - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
        vehicles:
          sessions:
            - {chargePoint: CP1, arrival: 6h, departure: 22h, energyKWh: 30}
        """;

    private static (Scenario Scenario, IReadOnlyList<PlotFigure> Figures) Run(string yaml)
    {
        var scenario = ScenarioLoader.Parse(yaml, "house.yaml");
        var collector = new PlotCollector(scenario.Site);
        _ = new SiteSimulation(scenario.Site, collector).Run();
        return (scenario, PlotFigures.Build(scenario, collector));
    }

    private static PlotSeries Series(PlotPanel panel, string name) =>
        Assert.Single(panel.Series, s => s.Name.Contains(name, StringComparison.Ordinal));

    private static double Oa(int hour) => Start.AddHours(hour).UtcDateTime.ToOADate();

    [Fact]
    public void The_supply_figure_shows_the_grid_limits_on_the_supply_and_the_network_limits_on_its_draw()
    {
        var (_, figures) = Run(House.Replace("DURATION", "1d", StringComparison.Ordinal));
        var supply = Assert.Single(figures, f => f.File == "supply.png");
        Assert.Equal(AxisKind.UtcTime, supply.XKind);
        Assert.Equal("time (UTC)", supply.XLabel);
        Assert.Equal(2, supply.Panels.Count);

        var grid = supply.Panels[0];
        Assert.All(["L1 supply", "L2 supply", "L3 supply"], name => Assert.Equal(SeriesRole.Measured, Series(grid, name).Role));
        Assert.Equal([125.0, 125.0], Series(grid, "main fuse 125 A").Y);
        Assert.Equal([100.0, 100.0], Series(grid, "network 7 Main Distribution Limit 100 A").Y);
        Assert.Contains("peak per 2 min", Series(grid, "L1 supply").Name, StringComparison.Ordinal);

        var line = supply.Panels[1];
        Assert.Contains("Network 7", line.Title, StringComparison.Ordinal);
        Assert.Equal(SeriesRole.Limit, Series(line, "EVSE Sub-Distribution Limit 80 A").Role);

        // min(80 A line, Operator 63 A or 63 − 50 = 13 A while the input is energised, scheduler), a step at each change.
        var dlm = Series(line, "DLM limit (Operator, downgrade offset, scheduler)");
        Assert.Equal([Oa(0), Oa(7), Oa(16), Oa(17), Oa(19), Oa(20), Oa(24)], dlm.X);
        Assert.Equal([63.0, 40.0, 45.0, 13.0, 45.0, 63.0, 63.0], dlm.Y);
        Assert.Equal(SeriesRole.Available, Series(line, "available current").Role);
        Assert.Equal(3, line.Series.Count(s => s.Name.Contains("draw", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_available_current_never_exceeds_the_dlm_limit_in_its_bucket()
    {
        var (_, figures) = Run(House.Replace("DURATION", "1d", StringComparison.Ordinal));
        var line = figures.Single(f => f.File == "supply.png").Panels[1];
        var available = Series(line, "available current");
        var dlm = Series(line, "DLM limit");
        for (var b = 0; b < available.X.Length - 1; b++)
        {
            // The step of the DLM limit in force at the bucket's start (the available current is that bucket's lowest).
            var step = Array.FindLastIndex(dlm.X, x => x <= available.X[b]);
            Assert.True(available.Y[b] <= dlm.Y[step], $"bucket {b}: {available.Y[b]} A available above {dlm.Y[step]} A");
        }
    }

    [Fact]
    public void The_imbalance_figure_shows_the_spread_against_the_current_imbalance_limit()
    {
        var (_, figures) = Run(House.Replace("DURATION", "1d", StringComparison.Ordinal));
        var panel = Assert.Single(Assert.Single(figures, f => f.File == "imbalance.png").Panels);
        Assert.Contains("at the meter", panel.Title, StringComparison.Ordinal);
        var limit = Series(panel, "Current Imbalance Limit 16 A");
        Assert.Equal(SeriesRole.Limit, limit.Role);

        // The building's constant load is balanced, so the rule allows its own 16 A all day.
        Assert.All(limit.Y, y => Assert.Equal(16, y));
        Assert.Equal(SeriesRole.Measured, Series(panel, "highest minus lowest phase").Role);
    }

    [Fact]
    public void Charge_points_are_stacked_per_phase()
    {
        var (_, figures) = Run(House.Replace("DURATION", "1d", StringComparison.Ordinal));
        var points = Assert.Single(figures, f => f.File == "charge-point-currents.png");
        Assert.Equal(["L1", "L2", "L3"], points.Panels.Select(p => p.Title[..2]));
        Assert.All(points.Panels, p => Assert.NotNull(Assert.Single(p.Series).Baseline));
    }

    [Fact]
    public void A_short_run_has_no_load_duration_curve_and_a_week_has_one_with_the_supply_limits()
    {
        var (_, day) = Run(House.Replace("DURATION", "1d", StringComparison.Ordinal));
        Assert.DoesNotContain(day, f => f.File is "load-duration.png" or "typical-day.png");

        var (_, week) = Run(House.Replace("DURATION", "7d", StringComparison.Ordinal));
        var curve = Assert.Single(Assert.Single(week, f => f.File == "load-duration.png").Panels);
        Assert.Equal(7 * 24, Assert.Single(week, f => f.File == "load-duration.png").XMax);
        Assert.Equal([125.0, 125.0], Series(curve, "main fuse").Y);
        Assert.Equal([100.0, 100.0], Series(curve, "Main Distribution Limit").Y);

        // At least 10 A (the building) all week long: the curve's lowest level is held for all 168 h.
        var l1 = Series(curve, "L1 supply");
        Assert.Equal(168, l1.X[^1], 6);
        Assert.True(l1.Y[^1] >= 10);

        var day24 = Assert.Single(Assert.Single(week, f => f.File == "typical-day.png").Panels);
        Assert.Equal(TypicalDay.Slots + 1, Series(day24, "L1 mean").X.Length);
        Assert.Equal(SeriesRole.Limit, Series(day24, "main fuse").Role);
    }

    [Fact]
    public void One_network_that_is_the_whole_supply_shows_every_limit_in_one_panel()
    {
        var yaml = House.Replace("DURATION", "1d", StringComparison.Ordinal)
            .Replace("externalLoads:\n  - {name: building, constant: 10}\n", string.Empty, StringComparison.Ordinal);
        var (scenario, figures) = Run(yaml);
        Assert.Empty(scenario.Site.ExternalLoads);
        var panel = Assert.Single(figures.Single(f => f.File == "supply.png").Panels);
        Assert.Contains("= network 7 supply line", panel.Title, StringComparison.Ordinal);
        foreach (var limit in new[] { "main fuse", "Main Distribution Limit", "EVSE Sub-Distribution Limit", "DLM limit", "available current" })
        {
            Assert.Contains(panel.Series, s => s.Name.Contains(limit, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_limit_that_differs_per_phase_is_drawn_per_phase()
    {
        var yaml = House.Replace("DURATION", "1d", StringComparison.Ordinal).Replace("grid: {mainFuse: 125}", "grid: {mainFuse: [125, 100, 125]}", StringComparison.Ordinal);
        var (_, figures) = Run(yaml);
        var grid = figures.Single(f => f.File == "supply.png").Panels[0];
        Assert.Equal([100.0, 100.0], Series(grid, "L2 main fuse").Y);
        Assert.Equal([125.0, 125.0], Series(grid, "L1 main fuse").Y);
        Assert.Equal(2, Series(grid, "L3 main fuse").Phase);
    }

    [Fact]
    public void Limit_steps_merge_equal_neighbours_and_end_with_the_run()
    {
        var site = ScenarioLoader.Parse(House.Replace("DURATION", "2d", StringComparison.Ordinal), "house.yaml").Site;
        var steps = LimitSteps.DlmLimit(site, site.Networks[0]);
        Assert.Equal(site.End, steps.Times[^1]);
        Assert.Equal(steps.Times.Count - 1, steps.Values.Count);
        Assert.All(steps.Values.Zip(steps.Values.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));

        // Midnight of the second day keeps the 63 A Operator limit from 20:00 (scheduler 80 A): no step there.
        Assert.DoesNotContain(Start.AddHours(24), steps.Times);
        Assert.Equal(PhaseCurrents.Uniform(40), steps.Values[steps.Times.ToList().IndexOf(Start.AddHours(31))]);
        Assert.True(steps.Symmetric);
        Assert.False(steps.IsConstant);
    }
}
