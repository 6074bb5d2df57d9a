using Amtron.Sim.Results.Plots;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Results.Plots;

/// <summary>trip-risk.png's data: the device nearest to opening, over a short run whole, over a long one the day around its maximum.</summary>
public sealed class TripRiskFigureTests
{
    private static (Scenario Scenario, SimulationResult Result) Run(string duration, string grid) =>
        RunText($$"""
            name: figure
            start: 2026-06-01T00:00:00Z
            duration: {{duration}}
            {{grid}}
            externalLoads:
              - {name: welder, daily: [{at: "12:00", currents: [120, 0, 0]}, {at: "12:01", currents: 0}]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 20}
                supplyLineCapacity: {rating: 16, type: mcbB}
                stations: [{id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 20}]}]
            """);

    private static (Scenario Scenario, SimulationResult Result) RunText(string yaml)
    {
        var scenario = ScenarioLoader.Parse(yaml, "figure.yaml");
        return (scenario, new SiteSimulation(scenario.Site).Run());
    }

    [Fact]
    public void A_short_run_is_shown_whole_with_the_device_nearest_to_opening()
    {
        var (scenario, result) = Run("1d", "grid: {mainFuse: {rating: 63, type: gG}}");

        var figure = TripRiskFigure.Of(scenario.Site, result)!;

        // The main fuse (D 0.55 at 12:01) against an idle supply line: the main fuse.
        Assert.StartsWith("Trip risk of the grid main fuse (63 A gG): max 0.551", figure.Title, StringComparison.Ordinal);
        Assert.Equal((scenario.Site.Start.UtcDateTime.ToOADate(), scenario.Site.End.UtcDateTime.ToOADate()), (figure.XMin, figure.XMax));
        var worst = figure.Panels[0].Series[0];
        Assert.Equal(result.Devices[0].Damage.MaxWorst, worst.Y.Max());
        Assert.Equal([1.0, 1.0], figure.Panels[0].Series[2].Y);
    }

    [Fact]
    public void A_long_run_shows_the_day_around_the_maximum()
    {
        var (scenario, result) = Run("5d", "grid: {mainFuse: {rating: 63, type: gG}}");

        var figure = TripRiskFigure.Of(scenario.Site, result)!;

        // Every day the same arc: the first reaches the maximum (memory fades overnight), at 12:01 on the first day,
        // so the day shown is 00:01 on June 1 to 00:01 on June 2.
        var from = new DateTimeOffset(2026, 6, 1, 0, 1, 0, TimeSpan.Zero);
        Assert.Equal((from.UtcDateTime.ToOADate(), from.AddDays(1).UtcDateTime.ToOADate()), (figure.XMin, figure.XMax));
        Assert.Contains("the day around its maximum", figure.Panels[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_without_a_named_device_has_no_figure()
    {
        var (scenario, result) = Run("1d", "grid: {mainFuse: 63}");
        var plain = scenario.Site with { Networks = [scenario.Site.Networks[0] with { SupplyLineDevice = null }] };

        Assert.NotNull(TripRiskFigure.Of(scenario.Site, result));
        Assert.Null(TripRiskFigure.Of(plain, new SiteSimulation(plain).Run()));
    }
}
