using System.Collections;
using Amtron.Grid.Protection;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results;

/// <summary>
/// Every KPI of a run, in the order summary.json, the report and the terminal table list them. A new KPI is one entry
/// here; docs/scenarios.md describes each for scenario authors.
/// </summary>
public static class KpiCatalogue
{
    /// <summary>The KPIs, in order.</summary>
    public static IReadOnlyList<Kpi> All { get; } =
    [
        new ScalarKpi("energyDeliveredKWh", "energy delivered", KpiUnit.KilowattHours, r => r.EnergyDeliveredKWh),
        new ScalarKpi("energyRequestedKWh", "energy wanted", KpiUnit.KilowattHours, r => r.EnergyRequestedKWh),
        new ScalarKpi("energyWithheldKWh", "energy withheld (signalled, not drawn, wanted by others)", KpiUnit.KilowattHours, r => r.EnergyWithheldKWh),
        new ScalarKpi("energyWithheldPercent", "energy withheld, of energy delivered", KpiUnit.Percent, r => r.EnergyWithheldPercent),
        new ScalarKpi("sessions", "sessions", KpiUnit.Count, r => r.Sessions.Count),
        new ScalarKpi("sessionsFullySatisfied", "sessions fully satisfied", KpiUnit.Count, r => r.SessionsFullySatisfied),
        new ScalarKpi("sessionsRejected", "sessions rejected", KpiUnit.Count, r => r.Sessions.Count(s => s.Rejected)),
        new PhaseKpi("maxPhaseCurrentA", "max grid current", KpiUnit.Amperes, r => [.. r.MaxPhaseCurrent.Select(a => a.Value)]),
        new ScalarKpi("limitViolationSeconds", "time above a current limit", KpiUnit.Seconds, r => r.LimitViolationSeconds),
        new ScalarKpi("limitViolationTransientSeconds", "time above a current limit: transient (in a reaction window)", KpiUnit.Seconds, r => r.LimitViolationSeconds - r.LimitViolationSteadySeconds),
        new ScalarKpi("limitViolationSteadySeconds", "time above a current limit: steady (outside reaction windows)", KpiUnit.Seconds, r => r.LimitViolationSteadySeconds),
        new ScalarKpi("imbalanceViolationSeconds", "time above an imbalance limit", KpiUnit.Seconds, r => r.ImbalanceViolationSeconds),
        new ScalarKpi("imbalanceViolationTransientSeconds", "time above an imbalance limit: transient (in a reaction window)", KpiUnit.Seconds, r => r.ImbalanceViolationSeconds - r.ImbalanceViolationSteadySeconds),
        new ScalarKpi("imbalanceViolationSteadySeconds", "time above an imbalance limit: steady (outside reaction windows)", KpiUnit.Seconds, r => r.ImbalanceViolationSteadySeconds),
        new LimitKpi("limitViolationSecondsByLimit", "time above each limit", KpiUnit.Seconds, r => r.LimitViolationSecondsByLimit),
        new ScalarKpi("peakOvershootA", "peak overshoot", KpiUnit.Amperes, r => r.PeakOvershoot.Value),
        new ScalarKpi("maxImbalanceA", "max imbalance at the grid connection", KpiUnit.Amperes, r => r.MaxImbalance.Value),
        new ScalarKpi("connectionUnbalanceSeconds", "time above 4.6 kVA unbalance at the connection (VDE-AR-N 4100)", KpiUnit.Seconds, r => Seconds(r.Unbalance?.Above)),
        new ScalarKpi("connectionUnbalanceChargingSeconds", "of it, charging's doing (the other loads alone within)", KpiUnit.Seconds, r => Seconds(r.Unbalance?.AboveByCharging)),
        new ScalarKpi("connectionUnbalanceExternalSeconds", "of it, the other loads alone above", KpiUnit.Seconds, r => Seconds(r.Unbalance?.AboveByExternalLoads)),
        new DeviceRiskKpi("tripRiskWorst", "trip risk, fastest device the standard allows (1 = opens)", CurveEdge.Worst),
        new DeviceRiskKpi("tripRiskTypical", "trip risk, typical device (1 = opens)", CurveEdge.Typical),
        new DimmingKpi("dimmedSeconds", "time dimmed by the grid operator (§14a EnWG)", KpiUnit.Seconds, d => d.Dimmed.TotalSeconds),
        new DimmingKpi("dimmingNotDimmedSeconds", "of it, charging above the operator's request (not dimmed)", KpiUnit.Seconds, d => d.NotDimmed.TotalSeconds),
        new DimmingKpi("dimmingEnergyAboveRequestKWh", "charging energy above the request while dimmed", KpiUnit.KilowattHours, d => d.EnergyAboveRequestKWh),
        new DimmingKpi("dimmingLatencySeconds", "longest time from a dimming signal to the request kept", KpiUnit.Seconds, d => d.MaxLatency.TotalSeconds),
        new DimmingKpi("dimmingBelowMinimumSeconds", "of it, charging granted below the §14a minimum", KpiUnit.Seconds, d => d.BelowMinimum.TotalSeconds),
        new DimmingKpi("dimmingMaxShortfallKW", "largest shortfall below the §14a minimum", KpiUnit.KiloWatts, d => d.MaxShortfallKW),
        new ScalarKpi("contactorCycles", "contactor cycles", KpiUnit.Count, r => r.ContactorCycles),
        new ScalarKpi("simulatedSeconds", "simulated time", KpiUnit.Seconds, r => r.SimulatedSeconds),
        new ScalarKpi("events", "events", KpiUnit.Count, r => r.Events),
        new ScalarKpi("decisions", "DLM decisions", KpiUnit.Count, r => r.Decisions),
        new ScalarKpi("limitExcursions", "current limit excursions", KpiUnit.Count, r => r.LimitExcursions.Count(e => !e.Imbalance)),
        new ScalarKpi("imbalanceExcursions", "imbalance limit excursions", KpiUnit.Count, r => r.LimitExcursions.Count(e => e.Imbalance)),
    ];

    /// <summary>Every name an assertion may use, and whether a site has each (<see cref="Kpi.Unavailable"/>).</summary>
    public static MetricNameList MetricNames { get; } = new([.. All.SelectMany(k => k.MetricNames)]);

    /// <summary>
    /// Every metric of a result, by the name assertions use, rounded as summary.json writes it, and the time above each
    /// limit that was exceeded (<c>limitViolationSecondsByLimit.ID</c>): a sweep's row of KPIs, in catalogue order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, double>> RoundedMetrics(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            .. All.SelectMany(k => k is LimitKpi limits
                ? limits.Values(result).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create($"{k.Name}.{v.Key}", (double)k.Unit.Rounded(v.Value)))
                : k.Metrics(result).Select(m => KeyValuePair.Create(m.Key, (double)k.Unit.Rounded(m.Value)))),
        ];
    }

    /// <summary>Every metric of a result, by the name assertions use.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return All.SelectMany(k => k.Metrics(result)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
    }

    private static double Seconds(TimeSpan? time) => time?.TotalSeconds ?? 0;

    /// <summary>The catalogue's metric names, in order, for the scenario loader (<see cref="IMetricCollection"/>).</summary>
    public sealed class MetricNameList(IReadOnlyList<string> names) : IReadOnlyList<string>, IMetricCollection
    {
        /// <inheritdoc />
        public int Count => names.Count;

        /// <inheritdoc />
        public string this[int index] => names[index];

        /// <inheritdoc />
        public string? Unavailable(string metric, SiteSpec site) =>
            All.Where(k => k.MetricNames.Contains(metric)).Select(k => k.Unavailable(metric, site)).FirstOrDefault(problem => problem is not null);

        /// <inheritdoc />
        public IEnumerator<string> GetEnumerator() => names.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
