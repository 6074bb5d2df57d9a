using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Site.Csv;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The external loads and the meter: constant, daily, CSV and generated household loads.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] LoadKinds = ["constant", "daily", "csv", "household"];

    /// <summary>The largest current a load series may give, A (more is a typo, not a load).</summary>
    private const double MaximumLoadAmps = 1_000_000;

    private List<IExternalLoad> ReadLoads(YamlNode node, DateTimeOffset start, DateTimeOffset end, ulong seed)
    {
        // Household loads are generated after all are read, when their uses together are known to fit; until then each
        // holds its place in the list (null).
        var loads = new List<IExternalLoad?>();
        var households = new List<Household>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in y.Sequence(node, "externalLoads"))
        {
            var f = y.Fields(item, "an external load", "name", "constant", "daily", "csv", "household");
            var nameNode = y.Required(f, item, "name", "an external load");
            var name = y.String(nameNode, "external load name");
            if (name.Length > 0 && !names.Add(name))
            {
                // One name, one load: the results name loads by it, and a household's random stream is drawn from it.
                y.Report(nameNode, $"external load name '{name}' is used twice");
            }

            var kinds = LoadKinds.Where(f.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                y.Report(item, $"external load '{name}' needs exactly one of: constant, daily, csv, household");
                continue;
            }

            if (kinds[0] == "household")
            {
                if (ReadHousehold(name, f["household"]) is { } settings)
                {
                    households.Add(new(loads.Count, name, f["household"], settings, settings.Households * settings.AppliancesPerDay * (end - start).TotalDays));
                    loads.Add(null);
                }

                continue;
            }

            loads.Add(kinds[0] switch
            {
                "constant" => new ConstantLoad(name, y.PhaseAmps(f["constant"], $"external load '{name}' constant", whole: false)),
                "daily" => ReadDaily(name, f["daily"]),
                _ => ReadCsvLoad(name, f["csv"], start),
            });
        }

        if (HouseholdsFit(households, end - start))
        {
            foreach (var household in households)
            {
                loads[household.Index] = HouseholdLoad.Generate(household.Name, household.Settings, start, end, new RandomStreams(seed).Stream($"household:{household.Name}"));
            }
        }

        return [.. loads.OfType<IExternalLoad>()];
    }

    private DailyProfileLoad? ReadDaily(string name, YamlNode node)
    {
        var steps = new List<(TimeSpan, PhaseCurrents)>();
        var items = y.Sequence(node, $"external load '{name}' daily");
        foreach (var item in items)
        {
            var f = y.Fields(item, $"a daily step of '{name}'", "at", "currents");
            var atNode = y.Required(f, item, "at", "a daily step");
            var at = y.String(atNode, "at");
            var currents = y.PhaseAmps(y.Required(f, item, "currents", "a daily step"), "currents", whole: false);
            if (y.Failed(atNode))
            {
                continue;
            }

            if (!TimeSpan.TryParseExact(at, [@"hh\:mm", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var timeOfDay) || timeOfDay >= TimeSpan.FromDays(1))
            {
                y.Reject(atNode, $"'at' must be a UTC time of day hh:mm or hh:mm:ss such as 07:30, not '{at}'");
            }
            else if (steps.Any(st => st.Item1 == timeOfDay))
            {
                y.Report(atNode, $"{at} appears twice in '{name}'");
            }
            else
            {
                steps.Add((timeOfDay, currents));
            }
        }

        if (items.Children.Count == 0 && !y.Failed(node))
        {
            y.Report(node, $"external load '{name}' daily needs at least one step");
        }

        return steps.Count == 0 ? null : new DailyProfileLoad(name, steps);
    }

    /// <summary>Rows time,I1,I2,I3 in time order (time a UTC time or a duration after the start); every bad row is reported.</summary>
    private TimeSeriesLoad? ReadCsvLoad(string name, YamlNode node, DateTimeOffset start)
    {
        var relative = y.String(node, "csv");
        if (y.Failed(node))
        {
            return null;
        }

        var file = y.DataFile(relative);
        var steps = new List<(DateTimeOffset, PhaseCurrents)>();
        var previousLine = 0;
        try
        {
            using var csv = CsvDataReader.Open(Path.Combine(directory, relative));
            var cells = new CsvCells(csv, file, y.Diagnostics);
            while (csv.Read())
            {
                if (!cells.CountBetween(4, 4, "time,I1,I2,I3"))
                {
                    continue;
                }

                var before = cells.Errors;
                var time = cells.Time(0, start);
                var currents = PhaseCurrents.FromDoubles(cells.Number(1, "I1", 0, MaximumLoadAmps), cells.Number(2, "I2", 0, MaximumLoadAmps), cells.Number(3, "I3", 0, MaximumLoadAmps));
                if (cells.Errors != before)
                {
                    continue;
                }

                // Rows in time order, as `meter serve --profile` requires of the same file: a row out of order is more
                // likely a typing error than a wish to be sorted.
                if (steps.Count > 0 && time <= steps[^1].Item1)
                {
                    cells.Report(0, $"time {time:u} is not after the previous row's ({steps[^1].Item1:u}, line {previousLine})");
                    continue;
                }

                steps.Add((time, currents));
                previousLine = csv.Line;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            y.Reject(node, $"cannot read '{relative}': {e.Message}");
            return null;
        }

        return new TimeSeriesLoad(name, steps);
    }

    private MeterSpec ReadMeter(YamlNode node, DateTimeOffset start)
    {
        var f = y.Fields(node, "meter", "type", "pollInterval", "failures", "digitalInput", "measures", "host", "port", "unit");
        if (f.TryGetValue("type", out var type) && y.String(type, "meter type") is not (MeterSpec.Pac2200 or MeterSpec.EemMb371))
        {
            y.Reject(type, "meter type must be PAC2200 or EEM-MB371");
        }

        return new MeterSpec(f.TryGetValue("pollInterval", out var poll) ? y.Duration(poll, "meter pollInterval") : TimeSpan.FromSeconds(5))
        {
            Failures = f.TryGetValue("failures", out var failures) ? [.. y.Windows(failures, "meter failures", start).Select(w => w.Window)] : [],
            DigitalInputActive = f.TryGetValue("digitalInput", out var input) ? [.. y.Windows(input, "meter digitalInput", start).Select(w => w.Window)] : [],
            Wiring = f.TryGetValue("measures", out var measures) ? ReadMeterWiring(measures) : null,
            Type = type is null ? MeterSpec.Pac2200 : y.String(type, "meter type"),
            Host = f.TryGetValue("host", out var host) ? y.String(host, "meter host") : null,
            Port = f.TryGetValue("port", out var port) ? (int)y.Whole(port, "meter port", 1, 65535) : 502,
            Unit = f.TryGetValue("unit", out var unit) ? (byte)y.Whole(unit, "meter unit", 0, 255) : (byte)1,
        };
    }
}
