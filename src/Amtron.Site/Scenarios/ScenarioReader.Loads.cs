using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The external loads and the meter: constant, daily, CSV and generated household loads.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] LoadKinds = ["constant", "daily", "csv", "household"];

    private List<IExternalLoad> ReadLoads(YamlNode node, DateTimeOffset start, DateTimeOffset end, ulong seed)
    {
        var loads = new List<IExternalLoad>();
        foreach (var item in y.Sequence(node, "externalLoads"))
        {
            var f = y.Fields(item, "an external load", "name", "constant", "daily", "csv", "household");
            var name = y.String(y.Required(f, item, "name", "an external load"), "external load name");
            var kinds = LoadKinds.Where(f.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                throw y.Error(item, $"external load '{name}' needs exactly one of: constant, daily, csv, household");
            }

            loads.Add(kinds[0] switch
            {
                "constant" => new ConstantLoad(name, y.PhaseAmps(f["constant"], $"external load '{name}' constant", whole: false)),
                "daily" => ReadDaily(name, f["daily"]),
                "household" => ReadHousehold(name, f["household"], start, end, seed),
                _ => ReadCsvLoad(name, f["csv"], start),
            });
        }

        return loads;
    }

    private TimeSeriesLoad ReadHousehold(string name, YamlNode node, DateTimeOffset start, DateTimeOffset end, ulong seed)
    {
        var what = $"external load '{name}' household";
        var f = y.Fields(node, what, "count", "appliancesPerDay", "meanCurrent", "maxCurrent", "meanDuration", "baseLoad");
        var settings = new HouseholdLoad.Settings(
            (int)y.Whole(y.Required(f, node, "count", what), "count", 1, 100_000),
            f.TryGetValue("appliancesPerDay", out var a) ? y.Number(a, "appliancesPerDay", 0, 1000) : 20,
            f.TryGetValue("meanCurrent", out var m) ? y.Amps(m, "meanCurrent") : Amps.From(4),
            f.TryGetValue("maxCurrent", out var x) ? y.Amps(x, "maxCurrent") : Amps.From(16),
            f.TryGetValue("meanDuration", out var d) ? y.Duration(d, "meanDuration") : TimeSpan.FromMinutes(20),
            f.TryGetValue("baseLoad", out var b) ? y.Amps(b, "baseLoad") : Amps.FromDouble(0.5));
        if (settings.MeanCurrent.Milliamps <= 0 || settings.MaxCurrent < settings.MeanCurrent)
        {
            throw y.Error(node, $"{what}: meanCurrent must be above 0 and not above maxCurrent");
        }

        return HouseholdLoad.Generate(name, settings, start, end, new RandomStreams(seed).Stream($"household:{name}"));
    }

    private DailyProfileLoad ReadDaily(string name, YamlNode node)
    {
        var steps = new List<(TimeSpan, PhaseCurrents)>();
        foreach (var item in y.Sequence(node, $"external load '{name}' daily"))
        {
            var f = y.Fields(item, $"a daily step of '{name}'", "at", "currents");
            var atNode = y.Required(f, item, "at", "a daily step");
            var at = y.String(atNode, "at");
            if (!TimeSpan.TryParseExact(at, @"hh\:mm", CultureInfo.InvariantCulture, out var timeOfDay) || timeOfDay >= TimeSpan.FromDays(1))
            {
                throw y.Error(atNode, $"'at' must be a UTC time of day hh:mm such as 07:30, not '{at}'");
            }

            if (steps.Any(st => st.Item1 == timeOfDay))
            {
                throw y.Error(atNode, $"{at} appears twice in '{name}'");
            }

            steps.Add((timeOfDay, y.PhaseAmps(y.Required(f, item, "currents", "a daily step"), "currents", whole: false)));
        }

        return steps.Count == 0 ? throw y.Error(node, $"external load '{name}' daily needs at least one step") : new DailyProfileLoad(name, steps);
    }

    private TimeSeriesLoad ReadCsvLoad(string name, YamlNode node, DateTimeOffset start)
    {
        var relative = y.String(node, "csv");
        var path = Path.Combine(directory, relative);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw y.Error(node, $"cannot read '{relative}': {e.Message}");
        }

        var steps = new List<(DateTimeOffset, PhaseCurrents)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && char.IsLetter(line[0])))
            {
                continue;
            }

            steps.Add(CsvLoadRow(relative, i + 1, line, start));
        }

        if (steps.Select(st => st.Item1).Distinct().Count() != steps.Count)
        {
            throw y.Error(node, $"'{relative}' has a time twice");
        }

        return new TimeSeriesLoad(name, steps);
    }

    private static (DateTimeOffset, PhaseCurrents) CsvLoadRow(string file, int lineNumber, string line, DateTimeOffset start)
    {
        var cells = line.Split(',');
        if (cells.Length != 4)
        {
            throw new ScenarioException(file, lineNumber, 1, $"expected 4 columns time,I1,I2,I3, found {cells.Length}");
        }

        var timeText = cells[0].Trim();
        DateTimeOffset time;
        if (YamlFields.TryDuration(timeText, out var offset))
        {
            time = start + offset;
        }
        else if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            throw new ScenarioException(file, lineNumber, 1, $"'{timeText}' is not a UTC time or a duration after the start");
        }

        var currents = new double[3];
        for (var p = 0; p < 3; p++)
        {
            if (!double.TryParse(cells[p + 1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out currents[p]) || !double.IsFinite(currents[p]) || currents[p] < 0)
            {
                throw new ScenarioException(file, lineNumber, line.IndexOf(cells[p + 1], StringComparison.Ordinal) + 1, $"I{p + 1} must be a current in A of at least 0, not '{cells[p + 1].Trim()}'");
            }
        }

        return (time, PhaseCurrents.FromDoubles(currents[0], currents[1], currents[2]));
    }

    private MeterSpec ReadMeter(YamlNode node, DateTimeOffset start)
    {
        var f = y.Fields(node, "meter", "type", "pollInterval", "failures", "digitalInput", "measures");
        if (f.TryGetValue("type", out var type) && y.String(type, "meter type") is not (MeterSpec.Pac2200 or MeterSpec.EemMb371))
        {
            throw y.Error(type, "meter type must be PAC2200 or EEM-MB371");
        }

        return new MeterSpec(f.TryGetValue("pollInterval", out var poll) ? y.Duration(poll, "meter pollInterval") : TimeSpan.FromSeconds(5))
        {
            Failures = f.TryGetValue("failures", out var failures) ? [.. y.Windows(failures, "meter failures", start).Select(w => w.Window)] : [],
            DigitalInputActive = f.TryGetValue("digitalInput", out var input) ? [.. y.Windows(input, "meter digitalInput", start).Select(w => w.Window)] : [],
            Wiring = f.TryGetValue("measures", out var measures) ? ReadMeterWiring(measures) : null,
            Type = type is null ? MeterSpec.Pac2200 : y.String(type, "meter type"),
        };
    }
}
