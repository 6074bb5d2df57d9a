using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// The smallest site for energy worked by hand: one vehicle, session "A" at CP1, a 16 A point on a 63 A line, so only
/// its own charger (and taper) limits it; 30 s samples, arrival at 0 s.
/// </summary>
internal static class OneVehicleLine
{
    /// <summary>Runs the site for <paramref name="duration"/> at <paramref name="voltage"/> V; <paramref name="session"/> is the rest of A's YAML fields.</summary>
    public static SimulationResult Run(string duration, int voltage, string session, ITimeSeriesSink? sink = null)
    {
        var yaml = FormattableString.Invariant($$"""
            name: one vehicle
            start: 2026-06-01T00:00:00Z
            duration: {{duration}}
            voltage: {{voltage}}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                stations:
                  - {id: M, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: CP1, arrival: 0s, maxCurrent: 16, reactionDelay: 3s, {{session}}}
            """);
        return new SiteSimulation(ScenarioLoader.Parse(yaml, "one-vehicle.yaml").Site, sink).Run();
    }
}
