using System.Globalization;
using System.Text.Json;
using Amtron.Grid.Dimming;
using Amtron.Grid.Protection;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Results;

/// <summary>
/// summary.json's <c>grid</c> object (docs/grid.md): each named protective device's trip risk with its worst episode,
/// and the unbalance at the connection point.
/// </summary>
internal static class GridSummary
{
    public static void Write(Utf8JsonWriter json, SimulationResult result, SiteSpec site)
    {
        var start = site.Start;
        json.WriteStartObject("grid");
        json.WriteStartArray("devices");
        foreach (var risk in result.Devices)
        {
            WriteDevice(json, risk, start);
        }

        json.WriteEndArray();
        if (result.Unbalance is { } unbalance)
        {
            json.WriteStartObject("unbalance");
            json.WriteString("rule", "VDE-AR-N 4100 5.5.2: at most 4.6 kVA unbalanced power at the connection point");
            json.WriteNumber("limitA", KpiUnit.Amperes.Rounded(unbalance.Limit.Value));
            json.WriteNumber("maxA", KpiUnit.Amperes.Rounded(unbalance.MaxSpread.Value));
            json.WriteNumber("secondsAbove", KpiUnit.Seconds.Rounded(unbalance.Above.TotalSeconds));
            json.WriteNumber("secondsAboveByCharging", KpiUnit.Seconds.Rounded(unbalance.AboveByCharging.TotalSeconds));
            json.WriteNumber("secondsAboveByExternalLoads", KpiUnit.Seconds.Rounded(unbalance.AboveByExternalLoads.TotalSeconds));
            json.WriteEndObject();
        }

        if (result.Dimming is { } dimming && site.GridOperator is { } gridOperator)
        {
            WriteDimming(json, dimming, gridOperator, site.VoltageV);
        }

        json.WriteEndObject();
    }

    private static void WriteDimming(Utf8JsonWriter json, DimmingCompliance dimming, GridOperatorSpec gridOperator, double voltage)
    {
        json.WriteStartObject("dimming");
        json.WriteString("rule", "§14a EnWG (BNetzA BK6-22-300 Anlage 1): while dimmed, controllable consumers keep at least P_min");
        json.WriteString("signal", gridOperator.Signal == DimmingSignal.DigitalInput ? "digitalInput" : "ems");
        json.WriteNumber("controllableConsumers", gridOperator.ControllableConsumers);
        json.WriteString("minimum", MinimumPower.Explained(Math.Max(1, gridOperator.ControllableConsumers), gridOperator.HeatPumpsKW, gridOperator.AirConditionersKW));
        json.WriteNumber("minimumKW", KpiUnit.KiloWatts.Rounded(gridOperator.MinimumKW));
        json.WriteNumber("minimumPerPhaseA", KpiUnit.Amperes.Rounded(gridOperator.MinimumPerPhase(voltage).Value));
        json.WriteNumber("minimumGrantKW", KpiUnit.KiloWatts.Rounded(dimming.MinimumKW));
        json.WriteNumber("requestKW", KpiUnit.KiloWatts.Rounded(dimming.RequestKW));
        json.WriteNumber("windows", dimming.Windows);
        json.WriteNumber("dimmedSeconds", KpiUnit.Seconds.Rounded(dimming.Dimmed.TotalSeconds));
        json.WriteNumber("energyWhileDimmedKWh", KpiUnit.KilowattHours.Rounded(dimming.EnergyWhileDimmedKWh));
        json.WriteNumber("notDimmedSeconds", KpiUnit.Seconds.Rounded(dimming.NotDimmed.TotalSeconds));
        json.WriteNumber("maxExcessKW", KpiUnit.KiloWatts.Rounded(dimming.MaxExcessKW));
        json.WriteNumber("energyAboveRequestKWh", KpiUnit.KilowattHours.Rounded(dimming.EnergyAboveRequestKWh));
        json.WriteNumber("maxLatencySeconds", KpiUnit.Seconds.Rounded(dimming.MaxLatency.TotalSeconds));
        json.WriteNumber("belowMinimumSeconds", KpiUnit.Seconds.Rounded(dimming.BelowMinimum.TotalSeconds));
        json.WriteNumber("maxShortfallKW", KpiUnit.KiloWatts.Rounded(dimming.MaxShortfallKW));
        json.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter json, DeviceRisk risk, DateTimeOffset start)
    {
        var damage = risk.Damage;
        var device = damage.Device;
        json.WriteStartObject();
        json.WriteString("id", risk.Id);
        json.WriteString("name", LimitIds.Describe(risk.Id));
        json.WriteString("type", DeviceKindNames.Of(device.Kind));
        json.WriteNumber("ratingA", KpiUnit.Amperes.Rounded(device.Rating.Value));
        json.WriteNumber("nonTripA", KpiUnit.Amperes.Rounded(device.NonTripCurrent.Value));
        json.WriteNumber("maxDamageWorst", KpiUnit.Damage.Rounded(damage.MaxWorst));
        json.WriteNumber("maxDamageTypical", KpiUnit.Damage.Rounded(damage.MaxTypical));
        json.WriteBoolean("tripPossible", damage.TripPossible);
        json.WriteBoolean("tripExpected", damage.TripExpected);
        json.WriteNumber("secondsAboveNonTrip", KpiUnit.Seconds.Rounded(damage.AboveNonTrip.TotalSeconds));
        if (damage.WorstEpisode is { } episode)
        {
            json.WriteStartObject("worstEpisode");
            json.WriteString("start", ResultWriter.Time(start + episode.Start));
            json.WriteNumber("seconds", KpiUnit.Seconds.Rounded(episode.Duration.TotalSeconds));
            json.WriteNumber("peakA", KpiUnit.Amperes.Rounded(episode.Peak.Value));
            json.WriteString("phase", string.Create(CultureInfo.InvariantCulture, $"L{episode.Phase + 1}"));
            json.WriteString("maxDamageWorstAt", ResultWriter.Time(start + damage.MaxWorstAt));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("worstEpisode");
        }

        json.WriteEndObject();
    }
}
