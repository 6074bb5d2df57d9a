using System.Globalization;

namespace Amtron.Site.Scenarios.AcnData;

/// <summary>One ACN-Data session as its export records it, each value with where it was written.</summary>
/// <param name="Where">The session's object or row.</param>
internal sealed record AcnSession(Place Where)
{
    public string? SessionId { get; init; }

    public string? SpaceId { get; init; }

    public string? StationId { get; init; }

    public DateTimeOffset Connection { get; init; }

    public Place ConnectionPlace { get; init; }

    public DateTimeOffset Disconnect { get; init; }

    public Place DisconnectPlace { get; init; }

    public double KWhDelivered { get; init; }

    /// <summary>The driver's request (the last of its <c>userInputs</c>); null where none was given.</summary>
    public double? KWhRequested { get; init; }

    /// <summary>The driver's stay as told at plug-in (the last of its <c>userInputs</c>); null where none was given.</summary>
    public TimeSpan? Announced { get; init; }
}

/// <summary>
/// The text of one field of a session (a JSON value or a CSV cell) and where it is; null text = absent or null.
/// Failed: the value was reported already (e.g. a JSON list where a text belongs).
/// </summary>
internal readonly record struct AcnField(string? Text, Place Where, bool Failed = false);

/// <summary>
/// The fields of one session, by ACN-Data's names, turned into an <see cref="AcnSession"/>: every bad value is reported
/// where it was written, and a session with one is left out (null).
/// </summary>
internal static class AcnSessionFields
{
    public const string ConnectionTime = "connectionTime";
    public const string DisconnectTime = "disconnectTime";
    public const string DoneChargingTime = "doneChargingTime";
    public const string KWhDelivered = "kWhDelivered";
    public const string SessionId = "sessionID";
    public const string SpaceId = "spaceID";
    public const string StationId = "stationID";
    public const string KWhRequested = "kWhRequested";
    public const string MinutesAvailable = "minutesAvailable";

    /// <summary>The names read; any other field of an export (_id, clusterID, siteID, timezone, userID, ...) is not used.</summary>
    public static readonly string[] Names = [ConnectionTime, DisconnectTime, DoneChargingTime, KWhDelivered, SessionId, SpaceId, StationId, KWhRequested, MinutesAvailable];

    /// <summary>The fields a session cannot do without.</summary>
    public static readonly string[] Required = [ConnectionTime, DisconnectTime, KWhDelivered];

    /// <summary>The largest energy of one session: far above any car's battery (a typo in the data, not a session).</summary>
    private const double MaximumKWh = 10_000;

    /// <summary>The longest announced stay: a year.</summary>
    private const double MaximumMinutes = 366 * 24 * 60;

    public static AcnSession? Build(IReadOnlyDictionary<string, AcnField> fields, Place where, DiagnosticList diagnostics)
    {
        var before = diagnostics.Count;
        void Report(Place at, string problem) => diagnostics.Add(at.File, at.Line, at.Column, problem);
        AcnField? Present(string name) => fields.TryGetValue(name, out var f) && f is { Text: not null, Failed: false } ? f : null;

        AcnField RequiredField(string name)
        {
            if (Present(name) is { } field)
            {
                return field;
            }

            if (!fields.TryGetValue(name, out var given))
            {
                Report(where, $"the session has no {name}");
            }
            else if (!given.Failed)
            {
                Report(given.Where, $"{name} is empty or null: the session needs it");
            }

            return new AcnField(null, where);
        }

        DateTimeOffset Time(AcnField field, string name)
        {
            if (field.Text is null)
            {
                return default;
            }

            if (AcnTime.Parse(field.Text, out var problem) is { } time)
            {
                return time;
            }

            Report(field.Where, $"{name}: {problem}");
            return default;
        }

        double? Number(AcnField? field, string name, double maximum)
        {
            if (field is not { Text: { } text } f)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= maximum)
            {
                return value;
            }

            Report(f.Where, string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from 0 to {maximum}, not '{text}'"));
            return null;
        }

        var connection = RequiredField(ConnectionTime);
        var disconnection = RequiredField(DisconnectTime);
        var delivered = RequiredField(KWhDelivered);
        var session = new AcnSession(where)
        {
            SessionId = Present(SessionId)?.Text,
            SpaceId = Present(SpaceId)?.Text,
            StationId = Present(StationId)?.Text,
            Connection = Time(connection, ConnectionTime),
            ConnectionPlace = connection.Where,
            Disconnect = Time(disconnection, DisconnectTime),
            DisconnectPlace = disconnection.Where,
            KWhDelivered = Number(delivered, KWhDelivered, MaximumKWh) ?? 0,
            KWhRequested = Number(Present(KWhRequested), KWhRequested, MaximumKWh),
            Announced = Number(Present(MinutesAvailable), MinutesAvailable, MaximumMinutes) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        };

        // Not used (the simulation finds when charging ends), but a broken value is a broken export.
        if (Present(DoneChargingTime) is { } done)
        {
            Time(done, DoneChargingTime);
        }

        if (diagnostics.Count == before && session.Disconnect <= session.Connection)
        {
            Report(session.DisconnectPlace, $"{DisconnectTime} must be after {ConnectionTime}");
        }

        return diagnostics.Count == before ? session : null;
    }
}
