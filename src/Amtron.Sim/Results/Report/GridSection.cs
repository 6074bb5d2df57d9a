using System.Globalization;
using System.Text;
using Amtron.Grid.Dimming;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Results.Report;

/// <summary>
/// Grid compliance (docs/grid.md): each named device's trip risk and its worst episode, the unbalance at the connection
/// against VDE-AR-N 4100, and the §14a dimming; with what each figure is and is not.
/// </summary>
internal static class GridSection
{
    public static void Write(StringBuilder html, SiteSpec site, SimulationResult result)
    {
        html.Append("<h2>Grid compliance</h2>\n");
        Devices(html, site, result);
        if (result.Unbalance is { } unbalance)
        {
            html.Append("<h3>Unbalance at the connection point (VDE-AR-N 4100 5.5.2)</h3>\n");
            new HtmlTable(html).Open()
                .Pair("limit", $"4.6 kVA / {site.VoltageV.ToString("0.###", CultureInfo.InvariantCulture)} V = {KpiUnit.Amperes.Shown(unbalance.Limit.Value)} between the most and the least loaded phase")
                .Pair("largest spread", KpiUnit.Amperes.Shown(unbalance.MaxSpread.Value))
                .Pair("time above", HumanDuration.Of(unbalance.Above))
                .Pair("of it, charging's doing", HumanDuration.Of(unbalance.AboveByCharging) + " (the other loads alone within the limit)")
                .Pair("of it, the other loads alone above", HumanDuration.Of(unbalance.AboveByExternalLoads))
                .Close();
        }

        if (result.Dimming is { } dimming && site.GridOperator is { } gridOperator)
        {
            Dimming(html, site, dimming, gridOperator);
        }
    }

    private static void Devices(StringBuilder html, SiteSpec site, SimulationResult result)
    {
        html.Append("<h3>Trip risk of the protective devices</h3>\n");
        if (result.Devices.Count == 0)
        {
            html.Append("<p>The site names no protective device (write grid.mainFuse or a network's supplyLineCapacity as {rating: 63, type: gG}).</p>\n");
            return;
        }

        html.Append("<p>Damage D accumulates time over the time to trip at each current above the non-tripping current and cools with a 10-minute memory below it; D ≥ 1: the device opens. A screen for how close a run came, not a prediction: real devices differ, and the curves are cold-start (docs/grid.md).</p>\n");
        var table = new HtmlTable(html).Head("device", "non-tripping current", "max D, fastest allowed", "max D, typical", "time above non-tripping", "worst episode (UTC)", "verdict");
        foreach (var risk in result.Devices)
        {
            var damage = risk.Damage;
            var episode = damage.WorstEpisode is { } e
                ? $"{SessionsSection.Time(site.Start + e.Start)}, {HumanDuration.Of(e.Duration)}, up to {KpiUnit.Amperes.Shown(e.Peak.Value)} on L{e.Phase + 1}"
                : "–";
            var verdict = damage.TripExpected ? "trip expected" : damage.TripPossible ? "trip possible (a fast, still compliant device)" : "no trip";
            table.Row(
                $"{LimitIds.Describe(risk.Id)} ({damage.Device})",
                KpiUnit.Amperes.Shown(damage.Device.NonTripCurrent.Value),
                KpiUnit.Damage.Shown(damage.MaxWorst),
                KpiUnit.Damage.Shown(damage.MaxTypical),
                HumanDuration.Of(damage.AboveNonTrip),
                episode,
                verdict);
        }

        table.Close();
    }

    private static void Dimming(StringBuilder html, SiteSpec site, DimmingCompliance dimming, GridOperatorSpec gridOperator)
    {
        html.Append("<h3>§14a EnWG dimming</h3>\n");
        new HtmlTable(html).Open()
            .Pair("signal", gridOperator.Signal == DimmingSignal.DigitalInput ? "the meter's digital input (downgrade offset, manual 6.5)" : "an EMS writing the Operator limit (manual 6.4)")
            .Pair("controllable consumers", gridOperator.ControllableConsumers.ToString(CultureInfo.InvariantCulture))
            .Pair("P_min", MinimumPower.Explained(Math.Max(1, gridOperator.ControllableConsumers), gridOperator.HeatPumpsKW, gridOperator.AirConditionersKW)
                + $"; at whole amps {KpiUnit.Amperes.Shown(gridOperator.MinimumPerPhase(site.VoltageV).Value)} per phase, {KpiUnit.KiloWatts.Shown(dimming.MinimumKW)}")
            .Pair("the operator's request", KpiUnit.KiloWatts.Shown(dimming.RequestKW))
            .Pair("dimmed", $"{HumanDuration.Of(dimming.Dimmed)} in {dimming.Windows.ToString(CultureInfo.InvariantCulture)} windows; {KpiUnit.KilowattHours.Shown(dimming.EnergyWhileDimmedKWh)} charged meanwhile")
            .Pair("charging above the request", $"{HumanDuration.Of(dimming.NotDimmed)}, up to {KpiUnit.KiloWatts.Shown(dimming.MaxExcessKW)} above, {KpiUnit.KilowattHours.Shown(dimming.EnergyAboveRequestKWh)} in all")
            .Pair("longest time to keep the request", HumanDuration.Of(dimming.MaxLatency))
            .Pair("charging granted below P_min", $"{HumanDuration.Of(dimming.BelowMinimum)}, up to {KpiUnit.KiloWatts.Shown(dimming.MaxShortfallKW)} short")
            .Close();
    }
}
