using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Grid.Dimming;
using Amtron.Site.Model;
using static System.FormattableString;
using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>
/// §14a EnWG: while the grid operator dims, the charging the masters allow (the DLM limit with the downgrade offset, or
/// the Operator limit an EMS writes) must neither fall below P_min nor stay above the operator's request (docs/grid.md).
/// </summary>
internal static class GridRules
{
    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var site = plan.Site;
        if (site.GridOperator is not { } gridOperator || site.Networks.Count == 0)
        {
            yield break;
        }

        var voltage = site.VoltageV;
        var at = gridOperator.Dimming.Count > 0 ? gridOperator.Dimming.Min(w => w.From) : site.Start;
        var dimmed = site.Networks.Select(n => (Network: n, Limit: Dimmed(n, gridOperator, at))).ToList();
        var kiloWatts = dimmed.Sum(d => (d.Limit.L1 + d.Limit.L2 + d.Limit.L3).Value) * voltage / 1000;
        var minimumPerPhase = gridOperator.MinimumPerPhase(voltage);
        var minimumKW = minimumPerPhase.Value * PhaseSet.PhaseCount * voltage / 1000;
        var rule = MinimumPower.Explained(Math.Max(1, gridOperator.ControllableConsumers), gridOperator.HeatPumpsKW, gridOperator.AirConditionersKW);
        var how = string.Join("; ", dimmed.Select(d => Describe(d.Network, d.Limit, gridOperator.Signal)));
        var where = plan.FirstStation;
        var power = Invariant($"{Sum(dimmed.Select(d => d.Limit))} × {voltage:0.###} V = {kiloWatts:0.###} kW");
        var fix = Invariant($"{(gridOperator.Signal == DimmingSignal.DigitalInput ? "set meterDigitalInputCurrentOffset" : "set gridOperator operatorLimit")} so that {minimumPerPhase.Value:0.###} A per phase remain while dimmed ({minimumKW:0.###} kW on three phases at {voltage:0.###} V)");
        if (kiloWatts < minimumKW)
        {
            yield return Grid14aMinimum.At(where, Invariant($"dimmed, {how}: {power}, below the §14a minimum P_min = {rule} ({minimumPerPhase.Value:0.###} A per phase, {minimumKW:0.###} kW)"), fix);
        }
        else if (kiloWatts > gridOperator.EffectiveRequestKW)
        {
            yield return Grid14aMinimum.At(where, Invariant($"dimmed, {how}: {power}, above the operator's request {gridOperator.EffectiveRequestKW:0.###} kW (P_min = {rule}): charging cannot be brought down to it"), fix);
        }
    }

    /// <summary>A network's DLM limit while dimmed: with its downgrade offset, or under the Operator limit the EMS writes.</summary>
    private static PhaseCurrents Dimmed(NetworkSpec network, GridOperatorSpec gridOperator, DateTimeOffset at) =>
        gridOperator.Signal == DimmingSignal.DigitalInput
            ? network.DlmLimitAt(at, digitalInputActive: true)
            : PhaseCurrents.Min(network.SettingsAt(at).EvseSubDistributionLimit, gridOperator.EmsOperatorLimit ?? network.Settings.OperatorEvseSubDistributionLimit);

    private static string Describe(NetworkSpec network, PhaseCurrents limit, DimmingSignal signal)
    {
        var settings = network.Settings;
        return signal == DimmingSignal.DigitalInput
            ? Invariant($"network {network.Id}'s DLM limit is Operator {settings.OperatorEvseSubDistributionLimit} − offset {settings.MeterDigitalInputCurrentOffset} = {limit}")
            : Invariant($"network {network.Id}'s DLM limit under the Operator limit the EMS writes is {limit}");
    }

    private static string Sum(IEnumerable<PhaseCurrents> limits)
    {
        var all = limits.ToList();
        var total = all.Aggregate(PhaseCurrents.Zero, (a, b) => a + b);
        return Invariant($"({total.L1.Value:0.###} + {total.L2.Value:0.###} + {total.L3.Value:0.###}) A");
    }
}
