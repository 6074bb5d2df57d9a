using System.Globalization;
using System.Text;
using System.Text.Json;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Results;

/// <summary>One assertion after the run.</summary>
public sealed record AssertionOutcome(ScenarioAssertion Assertion, double Actual, bool Passed);

/// <summary>
/// Writes a run's files into a directory: summary.json and sessions.csv. Numbers are rounded to fixed decimals and
/// written invariantly, so the same seed gives byte-identical files. wallSeconds measures this machine, so it is written
/// in whole seconds (rounded down): runs that take under a second, and repeated runs of similar length, stay
/// byte-identical; the terminal prints the exact time.
/// </summary>
public static class ResultWriter
{
    private const int EnergyDecimals = 6;
    private const int AmpsDecimals = 3;
    private const int SecondsDecimals = 3;

    /// <summary>Evaluates the scenario's assertions against the result.</summary>
    public static IReadOnlyList<AssertionOutcome> Check(Scenario scenario, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var metrics = RunMetrics.Of(result);
        return [.. scenario.Assertions.Select(a => new AssertionOutcome(a, metrics[a.Metric], a.Holds(metrics[a.Metric])))];
    }

    /// <summary>Writes every output file into <paramref name="directory"/> (which must exist).</summary>
    public static void Write(string directory, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        File.WriteAllBytes(Path.Combine(directory, "summary.json"), Summary(scenario, result, assertions, wallSeconds));
        File.WriteAllText(Path.Combine(directory, "sessions.csv"), Sessions(result), new UTF8Encoding(false));
    }

    private static byte[] Summary(Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario.Name);
            json.WriteNumber("seed", scenario.Site.Seed);
            json.WriteString("start", scenario.Site.Start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteNumber("energyDeliveredKWh", Round(result.EnergyDeliveredKWh, EnergyDecimals));
            json.WriteNumber("energyRequestedKWh", Round(result.EnergyRequestedKWh, EnergyDecimals));
            json.WriteNumber("sessions", result.Sessions.Count);
            json.WriteNumber("sessionsFullySatisfied", result.SessionsFullySatisfied);
            json.WriteNumber("sessionsRejected", result.Sessions.Count(s => s.Rejected));
            json.WriteStartArray("maxPhaseCurrentA");
            foreach (var amps in result.MaxPhaseCurrent)
            {
                json.WriteNumberValue(Round(amps.Value, AmpsDecimals));
            }

            json.WriteEndArray();
            json.WriteNumber("limitViolationSeconds", Round(result.LimitViolationSeconds, SecondsDecimals));
            json.WriteNumber("imbalanceViolationSeconds", Round(result.ImbalanceViolationSeconds, SecondsDecimals));
            json.WriteStartObject("limitViolationSecondsByLimit");
            foreach (var (limit, seconds) in result.LimitViolationSecondsByLimit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(limit, Round(seconds, SecondsDecimals));
            }

            json.WriteEndObject();
            json.WriteNumber("peakOvershootA", Round(result.PeakOvershoot.Value, AmpsDecimals));
            json.WriteNumber("maxImbalanceA", Round(result.MaxImbalance.Value, AmpsDecimals));
            json.WriteNumber("contactorCycles", result.ContactorCycles);
            json.WriteNumber("simulatedSeconds", Round(result.SimulatedSeconds, SecondsDecimals));
            json.WriteNumber("events", result.Events);
            json.WriteNumber("decisions", result.Decisions);
            json.WriteStartArray("assertions");
            foreach (var outcome in assertions)
            {
                json.WriteStartObject();
                json.WriteString("assert", outcome.Assertion.Text);
                json.WriteNumber("actual", Round(outcome.Actual, EnergyDecimals));
                json.WriteBoolean("passed", outcome.Passed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("wallSeconds", Math.Floor(wallSeconds));
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static string Sessions(SimulationResult result)
    {
        var csv = new StringBuilder("id,chargePoint,arrival,departure,energyWantedKWh,energyDeliveredKWh,fullySatisfied,rejected\n");
        foreach (var s in result.Sessions)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Escape(s.Id)},{Escape(s.ChargePointId)},{Time(s.Arrival)},{Time(s.Departure)},")
                .Append(CultureInfo.InvariantCulture, $"{Round(s.EnergyWantedKWh, EnergyDecimals)},{Round(s.EnergyDeliveredKWh, EnergyDecimals)},")
                .Append(s.FullySatisfied ? "true" : "false").Append(',').Append(s.Rejected ? "true" : "false").Append('\n');
        }

        return csv.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;

    private static decimal Round(double value, int decimals) => Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);
}
