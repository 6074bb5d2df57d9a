using System.Globalization;
using System.Text;
using System.Text.Json;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results;

/// <summary>One assertion after the run.</summary>
public sealed record AssertionOutcome(ScenarioAssertion Assertion, double Actual, bool Passed);

/// <summary>
/// Writes a run's files into a directory: summary.json (the KPIs of <see cref="KpiCatalogue"/>, the assertions, the
/// excursions of <see cref="ExcursionReport"/>) and sessions.csv. Numbers are rounded to fixed decimals and written
/// invariantly, so the same seed gives byte-identical files. wallSeconds measures this machine, so it is written
/// in whole seconds (rounded down): runs that take under a second, and repeated runs of similar length, stay
/// byte-identical; the terminal prints the exact time.
/// </summary>
public static class ResultWriter
{
    /// <summary>An assertion's actual value is written as finely as the finest KPI (energy).</summary>
    private const int ActualDecimals = 6;

    /// <summary>Evaluates the scenario's assertions against the result.</summary>
    public static IReadOnlyList<AssertionOutcome> Check(Scenario scenario, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var metrics = KpiCatalogue.Metrics(result);
        return [.. scenario.Assertions.Select(a => metrics.TryGetValue(a.Metric, out var actual)
            ? new AssertionOutcome(a, actual, a.Holds(actual))
            : throw new ArgumentException($"'{a.Text}' names no KPI; load the scenario with KpiCatalogue.MetricNames", nameof(scenario)))];
    }

    /// <summary>Writes every output file into <paramref name="directory"/> (which must exist).</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds, string toolVersion = "")
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        WriteSummary(directory, scenario, result, assertions, wallSeconds, toolVersion);
        WriteSessions(directory, result);
    }

    /// <summary>Writes summary.json into <paramref name="directory"/> (which must exist).</summary>
    public static void WriteSummary(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds, string toolVersion = "")
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        File.WriteAllBytes(Path.Combine(directory, "summary.json"), Summary(scenario, result, assertions, wallSeconds, toolVersion));
    }

    /// <summary>Writes sessions.csv into <paramref name="directory"/> (which must exist).</summary>
    public static void WriteSessions(string directory, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        File.WriteAllText(Path.Combine(directory, "sessions.csv"), Sessions(result), new UTF8Encoding(false));
    }

    private static byte[] Summary(Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds, string toolVersion)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario.Name);
            json.WriteString("scenarioSha256", scenario.Sha256);
            json.WriteString("toolVersion", toolVersion);
            json.WriteStartArray("overrides");
            foreach (var change in scenario.Overrides)
            {
                json.WriteStringValue(change);
            }

            json.WriteEndArray();
            json.WriteNumber("seed", scenario.Site.Seed);
            json.WriteString("start", scenario.Site.Start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (var kpi in KpiCatalogue.All)
            {
                kpi.Write(json, result);
            }

            json.WriteStartArray("assertions");
            foreach (var outcome in assertions)
            {
                json.WriteStartObject();
                json.WriteString("assert", outcome.Assertion.Text);
                json.WriteNumber("actual", Round(outcome.Actual, ActualDecimals));
                json.WriteBoolean("passed", outcome.Passed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in scenario.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            GridSummary.Write(json, result, scenario.Site);
            WriteExcursions(json, result);
            json.WriteNumber("wallSeconds", Math.Floor(wallSeconds));
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>
    /// The listed excursions and how many were left out (<see cref="ExcursionReport"/>). Each is one compact object on
    /// its own line (written raw, after the line break and indentation the indented writer would put before it), so a
    /// long list stays short and one excursion is one line to grep.
    /// </summary>
    private static void WriteExcursions(Utf8JsonWriter json, SimulationResult result)
    {
        var (listed, notListed) = ExcursionReport.Of(result);
        json.WriteStartArray("excursions");
        var indentation = Encoding.UTF8.GetBytes("\n" + new string(' ', json.Options.IndentSize * json.CurrentDepth));
        using var line = new MemoryStream();
        foreach (var e in listed)
        {
            line.SetLength(0);
            line.Write(indentation);
            using (var compact = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = json.Options.Encoder }))
            {
                compact.WriteStartObject();
                compact.WriteString("limit", e.Limit);
                compact.WriteString("name", LimitIds.Describe(e.Limit));
                compact.WriteString("start", Time(e.Start));
                compact.WriteNumber("seconds", KpiUnit.Seconds.Rounded(e.Duration.TotalSeconds));
                compact.WriteNumber("peakA", KpiUnit.Amperes.Rounded(e.PeakExcess.Value));
                compact.WriteNumber("ampereSeconds", KpiUnit.AmpereSeconds.Rounded(e.ExcessAmpereSeconds));
                compact.WriteEndObject();
            }

            json.WriteRawValue(line.ToArray(), skipInputValidation: true);
        }

        json.WriteEndArray();
        json.WriteNumber("excursionsNotListed", notListed);
    }

    private static string Sessions(SimulationResult result)
    {
        var csv = new StringBuilder("id,chargePoint,arrival,departure,energyWantedKWh,energyDeliveredKWh,fullySatisfied,rejected,chargingFrom\n");
        foreach (var s in result.Sessions)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Escape(s.Id)},{Escape(s.ChargePointId)},{Time(s.Arrival)},{Time(s.Departure)},")
                .Append(CultureInfo.InvariantCulture, $"{KpiUnit.KilowattHours.Rounded(s.EnergyWantedKWh)},{KpiUnit.KilowattHours.Rounded(s.EnergyDeliveredKWh)},")
                .Append(s.FullySatisfied ? "true" : "false").Append(',').Append(s.Rejected ? "true" : "false").Append(',')
                .Append(s.ChargingFrom is { } from ? Time(from) : string.Empty).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A UTC instant as every result file writes it.</summary>
    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;

    private static decimal Round(double value, int decimals) => Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);
}
