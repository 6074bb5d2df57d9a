using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>The numbers a scenario's assertions and summary.json speak of, by name.</summary>
public static class RunMetrics
{
    /// <summary>Every metric of a result, keyed as in <see cref="Site.Scenarios.ScenarioAssertion.Metrics"/>.</summary>
    public static IReadOnlyDictionary<string, double> Of(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var max = result.MaxPhaseCurrent;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["energyDeliveredKWh"] = result.EnergyDeliveredKWh,
            ["energyRequestedKWh"] = result.EnergyRequestedKWh,
            ["sessions"] = result.Sessions.Count,
            ["sessionsFullySatisfied"] = result.SessionsFullySatisfied,
            ["sessionsRejected"] = result.Sessions.Count(s => s.Rejected),
            ["maxPhaseCurrentA"] = max.Max(a => a.Value),
            ["maxPhaseCurrentA.L1"] = max[0].Value,
            ["maxPhaseCurrentA.L2"] = max[1].Value,
            ["maxPhaseCurrentA.L3"] = max[2].Value,
            ["limitViolationSeconds"] = result.LimitViolationSeconds,
            ["imbalanceViolationSeconds"] = result.ImbalanceViolationSeconds,
            ["peakOvershootA"] = result.PeakOvershoot.Value,
            ["maxImbalanceA"] = result.MaxImbalance.Value,
            ["contactorCycles"] = result.ContactorCycles,
            ["simulatedSeconds"] = result.SimulatedSeconds,
            ["events"] = result.Events,
        };
    }
}
