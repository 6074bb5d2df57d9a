using System.Globalization;
using System.Text.Json;
using Amtron.Grid.Protection;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>
/// summary.json's <c>grid</c> object (docs/grid.md): each named protective device's trip risk with its worst episode,
/// and the unbalance at the connection point.
/// </summary>
internal static class GridSummary
{
    public static void Write(Utf8JsonWriter json, SimulationResult result, DateTimeOffset start)
    {
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
            json.WriteString("start", Time(start + episode.Start));
            json.WriteNumber("seconds", KpiUnit.Seconds.Rounded(episode.Duration.TotalSeconds));
            json.WriteNumber("peakA", KpiUnit.Amperes.Rounded(episode.Peak.Value));
            json.WriteString("phase", string.Create(CultureInfo.InvariantCulture, $"L{episode.Phase + 1}"));
            json.WriteString("maxDamageWorstAt", Time(start + damage.MaxWorstAt));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("worstEpisode");
        }

        json.WriteEndObject();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);
}
