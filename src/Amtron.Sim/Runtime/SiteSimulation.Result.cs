namespace Amtron.Sim.Runtime;

/// <summary>The result of a run, built the same way from one thread or from parallel partitions.</summary>
public sealed partial class SiteSimulation
{
    /// <summary>
    /// The result from the ledger that accounted the whole site and the runs that simulated its networks (this
    /// instance alone, or one per partition).
    /// </summary>
    private SimulationResult ResultOf(SiteLedger ledger, SiteSimulation[] runs)
    {
        // Load steps and limit boundaries ran in every partition; count them once.
        var events = runs.Sum(r => r._sim.ProcessedEvents - r._siteEvents) + runs[0]._siteEvents;
        var recorder = ledger.Recorder;
        return new SimulationResult(
            [.. runs.SelectMany(r => r._sessions).OrderBy(s => s.Arrival).ThenBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.ChargePointId, StringComparer.Ordinal)],
            [.. recorder.MaxGrid],
            ToSeconds(recorder.ViolationTicks),
            ToSeconds(recorder.ImbalanceViolationTicks),
            recorder.ViolationTicksByLimit.ToDictionary(kv => kv.Key, kv => ToSeconds(kv.Value), StringComparer.Ordinal),
            recorder.PeakOvershoot,
            ledger.Unbalance.MaxSpread,
            runs.Sum(r => r._chargePoints.Values.Sum(cp => cp.ContactorCycles)),
            _spec.Duration.TotalSeconds,
            events,
            runs.Sum(r => r._decisions))
        {
            LimitExcursions = recorder.Excursions(),
            LimitViolationSteadySeconds = ToSeconds(recorder.SteadyViolationTicks),
            ImbalanceViolationSteadySeconds = ToSeconds(recorder.SteadyImbalanceViolationTicks),
            EnergyWithheldKWh = runs.Sum(r => r._networks.Sum(n => n.Withheld.WattHours)) / 1000,
            Devices = ledger.Devices,
            Unbalance = ledger.Unbalance.Figures,
            Dimming = ledger.Dimming,
        };
    }

    private static double ToSeconds(long ticks) => ticks / (double)TimeSpan.TicksPerSecond;
}
