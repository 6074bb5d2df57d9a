using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 3 and 3.3: firmware 4.52 is not compatible with higher versions.</summary>
internal static class FirmwareRules
{
    private static readonly Version Incompatible = new(4, 52, 0);

    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var versions = plan.Stations
            .Select(s => (Station: s, Version: Parse(s.Network.Firmware)))
            .Where(v => v.Version is not null)
            .ToList();
        var newer = versions.FirstOrDefault(v => v.Version! > Incompatible);
        if (newer.Station is null)
        {
            yield break;
        }

        foreach (var (station, _) in versions.Where(v => v.Version == Incompatible))
        {
            yield return Firmware452.At(station.Id, $"{station.Id} runs firmware 4.52, which cannot be networked with {newer.Station.Id}'s {newer.Station.Network.Firmware}", $"update {station.Id}'s firmware before networking it");
        }
    }

    /// <summary>"4.52", "4.52.0" and "V4.52" are 4.52; text that is no version is not compared.</summary>
    private static Version? Parse(string? text)
    {
        if (text is null || !Version.TryParse(text.TrimStart('v', 'V'), out var version))
        {
            return null;
        }

        return new Version(version.Major, version.Minor, Math.Max(0, version.Build));
    }
}
