using System.Globalization;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios.AcnData;

/// <summary>
/// <c>vehicles.acnData</c>: the sessions of an ACN-Data export as published (JSON or CSV, docs/scenarios.md), each a
/// vehicle of the vehicle defaults. A session goes to the charge point whose id is its spaceID or stationID, else to the
/// one <c>map:</c> names for them, else to the first charge point free at its arrival. Sessions arriving outside the
/// simulated period are left out, and a session recorded as arriving at its point before the one there left (a
/// hand-over: the first car's unplug is logged late) ends the earlier stay at that arrival; both are said as notes.
/// </summary>
internal sealed class AcnDataReader(YamlFields y, string directory, bool allChargePointsKnown, bool periodKnown)
{
    private const string What = "vehicles acnData";

    /// <summary>The largest JSON export read whole (a year of a large car park is some 20 MB).</summary>
    private const long MaximumJsonBytes = 1L << 30;

    private enum Energy
    {
        Delivered,
        Requested,
    }

    private enum Departure
    {
        Disconnect,
        Announced,
    }

    public List<(VehicleSpec Spec, SessionPlace Place)> Read(YamlNode node, VehicleSpec defaults, bool defaultsKnown, SiteSpec site, int numbered)
    {
        var before = y.Errors;
        var (fileNode, energy, departure, map) = Options(node, site);
        if (y.Errors != before)
        {
            return [];
        }

        var relative = y.String(fileNode, $"{What} file");
        var file = y.DataFile(relative);
        List<AcnSession> raw;
        try
        {
            raw = ReadFile(Path.Combine(directory, relative), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            y.Reject(fileNode, $"cannot read '{relative}': {e.Message}");
            return [];
        }

        var points = site.Networks.SelectMany(n => n.Stations).SelectMany(s => s.ChargePoints).ToList();
        var pointIds = points.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var sessions = new List<(VehicleSpec Spec, SessionPlace Place, bool Placed)>();
        var outside = 0;
        foreach (var (session, index) in raw.Select((s, i) => (s, i)))
        {
            var spec = Vehicle(session, defaults with { Id = session.SessionId ?? $"S{numbered + index + 1}" }, energy, departure);
            if (periodKnown && (spec.Arrival < site.Start || spec.Arrival >= site.End))
            {
                outside++;
                continue;
            }

            if (defaultsKnown && BatteryRoom.Overflow(energy == Energy.Delivered ? AcnSessionFields.KWhDelivered : "energy", spec.EnergyWantedKWh, spec) is { } problem)
            {
                y.ReportAt(session.Where, $"session '{spec.Id}': {problem} (the vehicle defaults' battery; model: ideal has none)");
                continue;
            }

            var point = PointOf(session, pointIds, map);
            var place = new SessionPlace(session.Where, session.ConnectionPlace, session.DisconnectPlace, session.Where, session.Where);
            sessions.Add((spec with { ChargePointId = point ?? string.Empty }, place, point is not null));
        }

        if (outside > 0)
        {
            y.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: sessions arriving outside the simulated period are left out: {outside} of {raw.Count}"));
        }

        var placed = EndHandOvers([.. sessions.Where(s => s.Placed).Select(s => (s.Spec, s.Place))], file);
        var occupancy = new PointOccupancy(points);
        foreach (var (spec, _) in placed)
        {
            occupancy.Occupy(spec.ChargePointId, spec.Arrival, spec.Departure);
        }

        foreach (var (spec, place, _) in sessions.Where(s => !s.Placed).OrderBy(s => s.Spec.Arrival))
        {
            if (occupancy.TakeFirstFree(spec.Arrival, spec.Departure, spec.Phases) is { } free)
            {
                placed.Add((spec with { ChargePointId = free.Id }, place));
            }
            else if (allChargePointsKnown)
            {
                y.ReportAt(place.Session, $"session '{spec.Id}': no charge point is free at {spec.Arrival:u} and its spaceID and stationID name none (map: names one)");
            }
        }

        return [.. placed.OrderBy(s => s.Spec.Arrival)];
    }

    private (YamlNode File, Energy Energy, Departure Departure, Dictionary<string, string> Map) Options(YamlNode node, SiteSpec site)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is YamlScalarNode)
        {
            return (node, Energy.Delivered, Departure.Disconnect, map);
        }

        var f = y.Fields(node, What, "file", "energy", "departure", "map");
        var energy = f.TryGetValue("energy", out var e)
            ? y.Choice(e, $"{What} energy", Energy.Delivered, (AcnSessionFields.KWhDelivered, Energy.Delivered), (AcnSessionFields.KWhRequested, Energy.Requested))
            : Energy.Delivered;
        var departure = f.TryGetValue("departure", out var d)
            ? y.Choice(d, $"{What} departure", Departure.Disconnect, (AcnSessionFields.DisconnectTime, Departure.Disconnect), (AcnSessionFields.MinutesAvailable, Departure.Announced))
            : Departure.Disconnect;
        if (f.TryGetValue("map", out var m))
        {
            var points = site.Networks.SelectMany(n => n.Stations).SelectMany(s => s.ChargePoints).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, value) in y.Mapping(m, $"{What} map").Children)
            {
                var from = y.String(key, $"{What} map key (a spaceID or stationID)");
                var to = y.String(value, $"{What} map value (a charge point id)");
                if (!y.Failed(value) && !points.Contains(to) && allChargePointsKnown)
                {
                    y.Reject(value, $"{What} map: there is no charge point '{to}'");
                }
                else if (!y.Failed(key) && !map.TryAdd(from, to))
                {
                    y.Reject(key, $"{What} map: '{from}' appears twice");
                }
            }
        }

        return (y.Required(f, node, "file", What), energy, departure, map);
    }

    private List<AcnSession> ReadFile(string path, string file)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("it is a directory, not a data file");
        }

        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return new AcnCsvReader(file, y.Diagnostics).Read(path);
        }

        var length = new FileInfo(path).Length;
        if (length > MaximumJsonBytes)
        {
            throw new IOException($"the file is larger than {MaximumJsonBytes >> 20} MB, the most a JSON export may be");
        }

        return new AcnJsonReader(file, y.Diagnostics).Read(File.ReadAllBytes(path));
    }

    private static VehicleSpec Vehicle(AcnSession session, VehicleSpec defaults, Energy energy, Departure departure) => defaults with
    {
        Arrival = session.Connection,
        Departure = departure == Departure.Announced && session.Announced is { } stay && stay > TimeSpan.Zero ? session.Connection + stay : session.Disconnect,
        EnergyWantedKWh = energy == Energy.Requested && session.KWhRequested is { } requested ? requested : session.KWhDelivered,
    };

    /// <summary>Its charge point: the one its spaceID or stationID is the id of, else the one <c>map:</c> names for them; null for the first free one.</summary>
    private static string? PointOf(AcnSession session, HashSet<string> pointIds, Dictionary<string, string> map)
    {
        string?[] keys = [session.SpaceId, session.StationId];
        return keys.FirstOrDefault(k => k is not null && pointIds.Contains(k))
            ?? keys.Where(k => k is not null && map.ContainsKey(k)).Select(k => map[k!]).FirstOrDefault();
    }

    /// <summary>
    /// On each point, a session recorded as arriving before the one there left ends that one's stay at its arrival
    /// (said in a note); two arriving at once on one point are an error.
    /// </summary>
    private List<(VehicleSpec Spec, SessionPlace Place)> EndHandOvers(List<(VehicleSpec Spec, SessionPlace Place)> placed, string file)
    {
        var result = new List<(VehicleSpec Spec, SessionPlace Place)>(placed.Count);
        var cut = 0;
        var longest = (Overlap: TimeSpan.Zero, Id: string.Empty);
        foreach (var point in placed.GroupBy(s => s.Spec.ChargePointId, StringComparer.Ordinal))
        {
            var stays = point.OrderBy(s => s.Spec.Arrival).ToList();
            for (var i = 0; i < stays.Count; i++)
            {
                var (spec, place) = stays[i];
                if (i + 1 < stays.Count && stays[i + 1].Spec.Arrival < spec.Departure)
                {
                    var next = stays[i + 1].Spec;
                    if (next.Arrival == spec.Arrival)
                    {
                        y.ReportAt(stays[i + 1].Place.Arrival, $"session '{next.Id}' arrives at {point.Key} at the same time as '{spec.Id}'");
                        stays.RemoveAt(i + 1);
                        i--;
                        continue;
                    }

                    cut++;
                    if (spec.Departure - next.Arrival > longest.Overlap)
                    {
                        longest = (spec.Departure - next.Arrival, spec.Id);
                    }

                    spec = spec with { Departure = next.Arrival };
                }

                result.Add((spec, place));
            }
        }

        if (cut > 0)
        {
            y.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: a session still at its charge point when the next one arrived there ends at that arrival (a hand-over logged late): {cut} of {placed.Count}, the longest overlap {longest.Overlap.TotalSeconds:0.###} s (session '{longest.Id}')"));
        }

        return result;
    }
}
