using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 3 and 3.3: firmware 4.52 is not compatible with higher versions.</summary>
internal static partial class FirmwareRules
{
    private static readonly Version Incompatible = new(4, 52);

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

    /// <summary>
    /// The release line (major.minor) of a version text: "4.52", "4.52.3" and "V4.52" are all 4.52, "5.12.4-rc1" is
    /// 5.12; text without a leading number is not compared.
    /// </summary>
    private static Version? Parse(string? text)
    {
        var match = text is null ? null : LeadingVersion().Match(text);
        if (match is not { Success: true })
        {
            return null;
        }

        var major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Version(major, minor);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[vV]?(\d{1,5})(?:\.(\d{1,5}))?")]
    private static partial System.Text.RegularExpressions.Regex LeadingVersion();
}
