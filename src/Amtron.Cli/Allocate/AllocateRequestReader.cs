using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site;

namespace Amtron.Cli.Allocate;

/// <summary>
/// Reads one `amtron allocate` request line: System.Text.Json (source-generated and strict, see
/// <see cref="AllocateJsonContext"/>) for the shapes, <see cref="DlmSettingsRules"/> for the settings, and the
/// request's own rules here. Every failure is a <see cref="RequestError"/> naming the JSON path.
/// </summary>
internal static class AllocateRequestReader
{
    /// <summary>Largest measured current accepted, far above any fuse, so arithmetic in milliamps cannot overflow.</summary>
    public const double MaximumMeasuredAmps = 1_000_000;

    private const int MaximumChargePoints = 100_000;

    public static (AllocateRequest? Request, RequestError? Error) Read(string line) => Read(Encoding.UTF8.GetBytes(line));

    /// <summary>One request line as bytes: UTF-8 (invalid bytes are an error, not replaced), then JSON.</summary>
    public static (AllocateRequest? Request, RequestError? Error) Read(ReadOnlySpan<byte> line)
    {
        if (!Utf8.IsValid(line))
        {
            return (null, new RequestError("$", $"not UTF-8 text (byte {FirstInvalidByte(line) + 1} is invalid)"));
        }

        try
        {
            var json = JsonSerializer.Deserialize(line, AllocateJsonContext.Default.AllocateRequestJson)
                ?? throw new RequestException("$", "must be an object, not null");
            return (Request(json), null);
        }
        catch (JsonException exception)
        {
            return (null, JsonErrors.Describe(exception, AllocateJsonContext.Default.AllocateRequestJson));
        }
        catch (RequestException exception)
        {
            return (null, new RequestError(exception.Path, exception.Message));
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> line)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(line);
            return 0;
        }
        catch (DecoderFallbackException e)
        {
            return e.Index;
        }
    }

    private static AllocateRequest Request(AllocateRequestJson json)
    {
        var result = DlmSettingsRules.Validate(json.Settings ?? throw new RequestException("settings", "is required"));
        if (result.Problems.Count > 0 || result.Settings is not { } settings)
        {
            var problem = result.Problems[0];
            throw new RequestException(problem.Path.Length == 0 ? "settings" : $"settings.{problem.Path}", problem.Message);
        }

        var time = json.TimeUtc is { } text ? UtcTime(text)
            : settings.MaximumCurrentScheduler is null ? DateTimeOffset.UnixEpoch
            : throw new RequestException("timeUtc", "is required when maximumCurrentScheduler is set (its hours are UTC)");
        return new AllocateRequest(settings, new DecisionInput(time, Meter(json.Meter), json.DigitalInputActive ?? false), ChargePoints(json.ChargePoints));
    }

    private static DateTimeOffset UtcTime(string text) =>
        IsoTime.TryParse(text, out var time)
            ? time
            : throw new RequestException("timeUtc", $"must be an ISO 8601 time such as 2026-06-01T16:30:00Z, not \"{text}\"");

    private static MeterReading Meter(MeterJson? meter) => meter switch
    {
        null => MeterReading.Failed,
        { Failed: true, Currents: null } => MeterReading.Failed,
        { Failed: true } => throw new RequestException("meter.currents", "must be absent when the meter failed"),
        { Currents: { } currents } => MeterReading.Of(Measured(currents, -MaximumMeasuredAmps, "meter.currents")),
        _ => throw new RequestException("meter.currents", "is required unless \"failed\":true"),
    };

    private static ChargePointDemand[] ChargePoints(IReadOnlyList<ChargePointJson?>? items)
    {
        if (items is null)
        {
            return [];
        }

        if (items.Count > MaximumChargePoints)
        {
            throw new RequestException("chargePoints", $"must have at most {MaximumChargePoints} items, not {items.Count}");
        }

        var result = new ChargePointDemand[items.Count];
        var ids = new HashSet<string>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var point = items[i] ?? throw new RequestException($"chargePoints[{i}]", "must be an object, not null");
            result[i] = ChargePoint(point, i);
            if (!ids.Add(result[i].Id))
            {
                throw new RequestException($"chargePoints[{i}].id", $"\"{result[i].Id}\" is used by an earlier charge point");
            }
        }

        return result;
    }

    private static ChargePointDemand ChargePoint(ChargePointJson point, int index)
    {
        var id = point.Id ?? throw Missing(index, "id");
        if (id.Length == 0)
        {
            throw new RequestException($"chargePoints[{index}].id", "must not be empty");
        }

        // The Installation Current Limit is a setting like those of the DLM page: the same rule for whole amps.
        var limit = point.InstallationCurrentLimit ?? throw Missing(index, "installationCurrentLimit");
        if (DlmSettingsRules.ProblemWithAmps(limit) is { } problem)
        {
            throw new RequestException($"chargePoints[{index}].installationCurrentLimit", problem);
        }

        var phases = point.Phases ?? throw Missing(index, "phases");
        var installation = Amps.From((long)limit);
        var vehicle = point.MaxCurrent is { } max
            ? Amps.FromDouble(InRange(max, 0) ? max : throw OutOfRange($"chargePoints[{index}].maxCurrent", 0, max))
            : installation;
        var measured = point.MeasuredCurrents is { } m ? Measured(m, 0, "measuredCurrents", index) : PhaseCurrents.Zero;
        return new ChargePointDemand(id, phases, installation, vehicle, point.Requesting ?? true, measured);
    }

    private static RequestException Missing(int index, string field) => new($"chargePoints[{index}].{field}", "is required");

    /// <summary>
    /// A measurement per phase: fractional amps from <paramref name="minimum"/> up. Its path (<paramref name="field"/>,
    /// of charge point <paramref name="point"/> if not negative) is only spelt out for an error.
    /// </summary>
    private static PhaseCurrents Measured(PhaseValues values, double minimum, string field, int point = -1)
    {
        string Path(int p = -1) =>
            (point < 0 ? field : $"chargePoints[{point}].{field}") + (p < 0 || values.IsSame ? string.Empty : $"[{p}]");

        var v = values.Values;
        if (v.Count != PhaseSet.PhaseCount)
        {
            throw new RequestException(Path(), $"must have 3 values [L1, L2, L3], not {v.Count}");
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (!InRange(v[p], minimum))
            {
                throw OutOfRange(Path(p), minimum, v[p]);
            }
        }

        return PhaseCurrents.FromDoubles(v[0], v[1], v[2]);
    }

    private static bool InRange(double value, double minimum) => value >= minimum && value <= MaximumMeasuredAmps;

    private static RequestException OutOfRange(string path, double minimum, double value) =>
        new(path, string.Create(CultureInfo.InvariantCulture, $"must be between {minimum:0.###} and {MaximumMeasuredAmps:0.###}, not {value:0.###}"));

    /// <summary>Thrown inside the reader only, and turned into a <see cref="RequestError"/> at its boundary.</summary>
    private sealed class RequestException(string path, string message) : Exception(message)
    {
        public string Path { get; } = path;
    }
}
