using Amtron.Dlm;
using Amtron.Site.Csv;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Sessions from a CSV file of plain columns (ACN-Data exports as published: <see cref="AcnData.AcnDataReader"/>):
/// <c>arrival,departure,kWh,maxA,phases[,chargePoint]</c>. Without a charge point, a session takes the first free
/// charge point (<see cref="PointOccupancy"/>). A header line names the columns, in any order (names as
/// above, any case); an unknown, repeated or missing name is an error at the header. Every bad cell is reported; a row
/// with one is left out.
/// </summary>
internal sealed class SessionCsvReader(YamlFields y, string directory, bool allChargePointsKnown)
{
    /// <summary>The sessions of the file <paramref name="node"/> names; unless <paramref name="defaultsKnown"/> is false (the vehicle defaults had an error), each row's kWh is checked against the defaults' battery.</summary>
    public List<(VehicleSpec Spec, SessionPlace Place)> Read(YamlNode node, VehicleSpec defaults, bool defaultsKnown, SiteSpec site, int numbered)
    {
        var relative = y.String(node, "csv");
        var rows = new List<(VehicleSpec Spec, SessionPlace Place, bool Placed)>();
        var file = y.DataFile(relative);
        if (y.Failed(node))
        {
            return [];
        }

        try
        {
            using var csv = CsvDataReader.Open(Path.Combine(directory, relative));
            var cells = new CsvCells(csv, file, y.Diagnostics);
            var number = numbered;
            SessionColumns? columns = null;
            while (csv.Read())
            {
                columns ??= SessionColumns.Of(csv, file, y.Diagnostics);
                if (columns is { Valid: false })
                {
                    return [];
                }

                // Numbered by row, good or bad, so an error does not renumber the sessions after it.
                number++;
                if (Row(cells, columns, defaults with { Id = $"S{number}" }, defaultsKnown, site) is { } row)
                {
                    var point = columns.ChargePoint(csv.Count);
                    Place At(int column) => new(file, csv.Line, csv.Column(column));
                    var session = new Place(file, csv.Line, 1);
                    rows.Add((row, new SessionPlace(session, At(columns.Arrival), At(columns.Departure), point >= 0 ? At(point) : session, At(columns.Phases)), point >= 0));
                }
            }

            // A file with a header and no sessions: the header is still checked.
            columns ??= SessionColumns.Of(csv, file, y.Diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            y.Reject(node, $"cannot read '{relative}': {e.Message}");
            return [];
        }

        var occupancy = new PointOccupancy([.. site.Networks.SelectMany(n => n.Stations).SelectMany(s => s.ChargePoints)]);
        foreach (var (spec, _, _) in rows.Where(r => r.Placed))
        {
            occupancy.Occupy(spec.ChargePointId, spec.Arrival, spec.Departure);
        }

        var result = new List<(VehicleSpec, SessionPlace)>();
        foreach (var (spec, place, placed) in rows.OrderBy(r => r.Spec.Arrival).ThenBy(r => r.Place.Session.Line))
        {
            if (placed)
            {
                result.Add((spec, place));
            }
            else if (occupancy.TakeFirstFree(spec.Arrival, spec.Departure, spec.Phases) is { } free)
            {
                result.Add((spec with { ChargePointId = free.Id }, place));
            }
            else if (allChargePointsKnown)
            {
                // Placement needs every charge point; with some unreadable, "none free" could be wrong.
                y.ReportAt(place.Session, $"no charge point is free at {spec.Arrival:u} for this session");
            }
        }

        return result;
    }

    private static VehicleSpec? Row(CsvCells cells, SessionColumns columns, VehicleSpec defaults, bool defaultsKnown, SiteSpec site)
    {
        if (!cells.CountBetween(columns.MinimumCount, columns.MaximumCount, columns.Names))
        {
            return null;
        }

        var before = cells.Errors;
        var arrival = cells.Time(columns.Arrival, site.Start);
        var departure = cells.Time(columns.Departure, site.Start);
        var energy = cells.Number(columns.Energy, "kWh", 0, 10_000);
        // IEC 61851: no vehicle charges below 6 A, so a smaller on-board limit is a mistake in the data, not a session.
        var maxCurrent = cells.Number(columns.MaxCurrent, "maxA", DlmConstants.MinimumChargingCurrentWholeAmps, 1000);
        var phases = cells.Whole(columns.Phases, "phases", 1, 3);
        if (cells.Errors != before)
        {
            return null;
        }

        if (departure <= arrival)
        {
            cells.Report(columns.Departure, "departure must be after arrival");
        }

        // The file has no battery columns: every row's vehicle has the defaults' battery.
        if (defaultsKnown && BatteryRoom.Overflow("kWh", energy, defaults) is { } problem)
        {
            cells.Report(columns.Energy, $"{problem} (batteryKWh and initialSoc of the vehicle defaults)");
        }

        if (cells.Errors != before)
        {
            return null;
        }

        return defaults with
        {
            Arrival = arrival,
            Departure = departure,
            EnergyWantedKWh = energy,
            MaxCurrent = Dlm.Units.Amps.FromDouble(maxCurrent),
            Phases = (int)phases,
            ChargePointId = columns.ChargePoint(cells.Count) is var point and >= 0 ? cells.Text(point) : string.Empty,
        };
    }
}
