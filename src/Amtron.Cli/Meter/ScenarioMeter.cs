using System.Globalization;
using Amtron.Cli.Run.Live;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Meter;

/// <summary>
/// What the meter of a scenario measures, for `amtron meter serve --scenario`. A meter that excludes the charge points
/// (manual 6.3.1), or a scenario without a meter, sees the external loads alone: worked out at each request
/// (<see cref="ScenarioLoadSource"/>). A meter upstream of the EVSE sub-distribution (6.3.2) sees the charge points'
/// draw too, which only the simulation knows: the scenario runs alongside, paced by the wall clock, and the meter serves
/// what the live run publishes (<see cref="LiveSnapshot.Meter"/>, where the rule "Including = external + draw" is).
/// </summary>
internal sealed class ScenarioMeter
{
    private readonly SiteSimulation? _simulation;
    private readonly Scenario _scenario;
    private readonly double _speed;

    private ScenarioMeter(Scenario scenario, double speed, IMeterSource source, SiteSimulation? simulation, string description)
    {
        _scenario = scenario;
        _speed = speed;
        Source = source;
        _simulation = simulation;
        Description = description;
    }

    /// <summary>The values served.</summary>
    public IMeterSource Source { get; }

    /// <summary>What is served, one line.</summary>
    public string Description { get; }

    /// <summary>The meter of <paramref name="scenario"/> from <paramref name="now"/> on; FormatException when it has neither a meter nor external loads.</summary>
    public static ScenarioMeter Of(Scenario scenario, string path, DateTimeOffset now, double speed)
    {
        var site = scenario.Site;
        if (site.Meter is null && site.ExternalLoads.Count == 0)
        {
            throw new FormatException($"{path}: the scenario has no meter and no external loads to serve");
        }

        var c = CultureInfo.InvariantCulture;
        var from = string.Create(c, $"from {site.Start:u}, at {speed}x real time");
        if (!site.MeterIncludesDraw)
        {
            var what = site.Meter is null ? "no meter; its external loads" : "external loads only (its meter excludes the charge points, manual 6.3.1)";
            return new(scenario, speed, new ScenarioLoadSource(site, now, speed), null, $"'{scenario.Name}': {what}, {from}");
        }

        var simulation = new SiteSimulation(site);
        return new(scenario, speed, new LiveMeterSource(simulation.Live, site.VoltageV), simulation, $"'{scenario.Name}': external loads + charge points (its meter includes the EVSE sub-distribution, manual 6.3.2; the scenario runs alongside), {from}");
    }

    /// <summary>
    /// Starts the simulation when one runs alongside; it has published the scenario's start when this returns, so the
    /// meter never serves a value before it. At the end of the period the meter keeps its last values (said on
    /// <paramref name="output"/>). Cancelling <paramref name="stop"/> ends it; any other failure is a bug and faults the task.
    /// </summary>
    public Task StartAsync(TextWriter output, CancellationToken stop) =>
        _simulation is null ? Task.CompletedTask : RunAsync(_simulation, output, stop);

    private async Task RunAsync(SiteSimulation simulation, TextWriter output, CancellationToken stop)
    {
        try
        {
            // Runs synchronously up to its first wait, publishing the start: the caller's server starts after it.
            await simulation.RunRealtimeAsync(TimeProvider.System, _speed, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  '{_scenario.Name}' ended at {_scenario.Site.End:u} (simulated); the meter keeps its last values until stopped"));
        output.Flush();
    }
}
