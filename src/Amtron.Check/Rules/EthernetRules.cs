using static Amtron.Check.RuleCatalog;

namespace Amtron.Check.Rules;

/// <summary>Manual 3: stations are cabled in a star to a central switch or router, with cables of at most 100 m.</summary>
internal static class EthernetRules
{
    /// <summary>The Ethernet limit for one cable run.</summary>
    public const double MaximumCableMetres = 100;

    public static IEnumerable<Finding> Check(SitePlan plan)
    {
        var ids = plan.Stations.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var station in plan.Stations)
        {
            if (station.Network.Uplink is { } uplink && ids.Contains(uplink))
            {
                yield return EthernetStar.At(station.Id, $"{station.Id} is cabled to {uplink}, not to the central switch or router", $"run {station.Id}'s cable to the switch or router (star topology)");
            }

            if (station.Network.CableLengthMetres is { } metres and > MaximumCableMetres)
            {
                yield return EthernetCableLength.At(station.Id, FormattableString.Invariant($"{station.Id}'s Ethernet cable is {metres:0.#} m long; Ethernet allows {MaximumCableMetres:0} m"), "put a switch closer to the station, or use a fibre link between switches");
            }
        }
    }
}
