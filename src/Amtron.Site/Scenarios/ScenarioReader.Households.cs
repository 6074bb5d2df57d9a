using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>Household external loads: their settings, and the cap on the appliance uses they generate together.</summary>
internal sealed partial class ScenarioReader
{
    /// <summary>Most appliance uses the household loads of one file generate: each costs about 150 bytes until the run starts.</summary>
    private const double MaximumApplianceUses = 1_000_000;

    /// <summary>A household load as read, at <paramref name="Index"/> among the loads, with the appliance uses it would generate.</summary>
    private sealed record Household(int Index, string Name, YamlNode Node, HouseholdLoad.Settings Settings, double Uses);

    /// <summary>
    /// Whether the household loads together stay within <see cref="MaximumApplianceUses"/>: the cap is on the file, as
    /// many loads each just under it would need as much memory as one far over. Else reported at the load that goes over.
    /// </summary>
    private bool HouseholdsFit(List<Household> households, TimeSpan period)
    {
        var total = 0.0;
        Household? over = null;
        foreach (var household in households)
        {
            total += household.Uses;
            if (over is null && total > MaximumApplianceUses)
            {
                over = household;
            }
        }

        if (over is null)
        {
            return true;
        }

        var days = period.TotalDays.ToString("0.#", CultureInfo.InvariantCulture);
        var which = households.Count == 1
            ? $"external load '{over.Name}' household"
            : "household loads " + string.Join(", ", households.Select(h => string.Create(CultureInfo.InvariantCulture, $"'{h.Name}' ({h.Uses:N0})")));
        y.Report(over.Node, string.Create(CultureInfo.InvariantCulture, $"{which}: count × appliancesPerDay over {days} {(days == "1" ? "day" : "days")} is about {total:N0} appliance uses{(households.Count == 1 ? string.Empty : " in all")}; at most {MaximumApplianceUses:N0} are generated per file (about 150 MB): fewer households or appliances, or a shorter period"));
        return false;
    }

    /// <summary>A household load's settings; null (reported) when they are wrong.</summary>
    private HouseholdLoad.Settings? ReadHousehold(string name, YamlNode node)
    {
        var what = $"external load '{name}' household";
        var before = y.Errors;
        var f = y.Fields(node, what, "count", "appliancesPerDay", "meanCurrent", "maxCurrent", "meanDuration", "baseLoad");
        var settings = new HouseholdLoad.Settings(
            (int)y.Whole(y.Required(f, node, "count", what), "count", 1, 100_000),
            f.TryGetValue("appliancesPerDay", out var a) ? y.Number(a, "appliancesPerDay", 0, 1000) : 20,
            f.TryGetValue("meanCurrent", out var m) ? y.Amps(m, "meanCurrent") : Amps.From(4),
            f.TryGetValue("maxCurrent", out var x) ? y.Amps(x, "maxCurrent") : Amps.From(16),
            f.TryGetValue("meanDuration", out var d) ? y.Duration(d, "meanDuration") : TimeSpan.FromMinutes(20),
            f.TryGetValue("baseLoad", out var b) ? y.Amps(b, "baseLoad") : Amps.FromDouble(0.5));
        if (y.Errors != before)
        {
            return null;
        }

        if (settings.MeanCurrent.Milliamps <= 0 || settings.MaxCurrent < settings.MeanCurrent)
        {
            y.Report(node, $"{what}: meanCurrent must be above 0 and not above maxCurrent");
            return null;
        }

        return settings;
    }
}
