using System.Globalization;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Sessions from a CSV file with the columns of public charging-session data sets (e.g. ACN-Data):
/// <c>arrival,departure,kWh,maxA,phases[,chargePoint]</c>. Without a charge point column, each session takes the first
/// charge point (in file order) that is free at its arrival.
/// </summary>
internal sealed class SessionCsvReader(YamlFields y, string directory)
{
    public List<(VehicleSpec Spec, YamlNode Node)> Read(YamlNode node, VehicleSpec defaults, SiteSpec site, int numbered)
    {
        var relative = y.String(node, "csv");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(directory, relative));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw y.Error(node, $"cannot read '{relative}': {e.Message}");
        }

        var points = site.Networks.SelectMany(n => n.Stations).SelectMany(s => s.ChargePoints).ToList();
        var busyUntil = points.ToDictionary(p => p.Id, _ => DateTimeOffset.MinValue, StringComparer.Ordinal);
        var rows = new List<(VehicleSpec Spec, int Line, bool Placed)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && char.IsLetter(line[0])))
            {
                continue;
            }

            rows.Add(Row(relative, i + 1, line, defaults with { Id = $"S{numbered + rows.Count + 1}" }, site));
        }

        var result = new List<(VehicleSpec, YamlNode)>();
        foreach (var (spec, lineNumber, placed) in rows.OrderBy(r => r.Spec.Arrival).ThenBy(r => r.Line))
        {
            var assigned = spec;
            if (!placed)
            {
                var free = points.FirstOrDefault(p => busyUntil[p.Id] <= spec.Arrival && p.PhaseRotation.Count >= spec.Phases)
                    ?? throw new ScenarioException(relative, lineNumber, 1, $"no charge point is free at {spec.Arrival:u} for this session");
                assigned = spec with { ChargePointId = free.Id };
            }

            if (busyUntil.ContainsKey(assigned.ChargePointId))
            {
                busyUntil[assigned.ChargePointId] = assigned.Departure;
            }

            result.Add((assigned, node));
        }

        return result;
    }

    private static (VehicleSpec, int, bool) Row(string file, int lineNumber, string line, VehicleSpec defaults, SiteSpec site)
    {
        var cells = line.Split(',').Select(c => c.Trim()).ToArray();
        if (cells.Length is < 5 or > 6)
        {
            throw new ScenarioException(file, lineNumber, 1, $"expected the columns arrival,departure,kWh,maxA,phases[,chargePoint], found {cells.Length} columns");
        }

        int Column(int index) => line.IndexOf(cells[index], StringComparison.Ordinal) + 1;
        DateTimeOffset Time(int index)
        {
            if (YamlFields.TryDuration(cells[index], out var offset))
            {
                return site.Start + offset;
            }

            return DateTimeOffset.TryParse(cells[index], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : throw new ScenarioException(file, lineNumber, Column(index), $"'{cells[index]}' is not a UTC time or a duration after the start");
        }

        double Number(int index, double minimum, double maximum) =>
            double.TryParse(cells[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
                ? value
                : throw new ScenarioException(file, lineNumber, Column(index), $"'{cells[index]}' must be a number between {minimum} and {maximum}");

        var phases = Number(4, 1, 3);
        if (phases != Math.Floor(phases))
        {
            throw new ScenarioException(file, lineNumber, Column(4), "phases must be 1, 2 or 3");
        }

        var spec = defaults with
        {
            Arrival = Time(0),
            Departure = Time(1),
            EnergyWantedKWh = Number(2, 0, 10_000),
            MaxCurrent = Dlm.Units.Amps.FromDouble(Number(3, 0, 1000)),
            Phases = (int)phases,
            ChargePointId = cells.Length == 6 ? cells[5] : string.Empty,
        };
        if (spec.Departure <= spec.Arrival)
        {
            throw new ScenarioException(file, lineNumber, Column(1), "departure must be after arrival");
        }

        return (spec, lineNumber, cells.Length == 6);
    }
}
