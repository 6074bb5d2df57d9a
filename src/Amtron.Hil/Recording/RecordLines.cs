using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amtron.Dlm.Units;

namespace Amtron.Hil.Recording;

/// <summary>
/// One line of a recording read for a replay, or its problem in words, located as <c>FILE:LINE: ...</c>: never the
/// serializer's own text (.NET type names, "Path: $ | LineNumber: 0"), and never a line that would make the replay
/// throw (a null where the recorder always writes a value, a phase list that is not three values).
/// </summary>
internal static class RecordLines
{
    /// <summary>The recorder's format, read strictly: a field the recorder always writes may not be missing or null.</summary>
    private static readonly JsonSerializerOptions Read = new(CycleRecorder.Json)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private const string MissingFields = "missing required properties including: ";

    /// <summary>
    /// The line as a <typeparamref name="T"/>, or null with its problem added to <paramref name="problems"/>;
    /// <paramref name="misshapen"/> replaces the words for JSON of another shape.
    /// </summary>
    public static T? Parse<T>(ReadOnlySpan<byte> line, bool tooLong, string file, int number, List<string> problems, string? misshapen = null)
        where T : class
    {
        // Stryker disable once Bitwise : the limit is positive, so >> and >>> agree
        var problem = tooLong
            ? $"the line is longer than {Replay.MaximumLineBytes >> 20} MiB, the most a line of a recording may be; the replay stops here"
            : null;
        T? value = null;
        if (problem is null)
        {
            try
            {
                value = JsonSerializer.Deserialize(line, (JsonTypeInfo<T>)Read.GetTypeInfo(typeof(T)));
                problem = value is null ? "null, not a line of a recording" : value is CycleRecord cycle ? Problem(cycle) : null;
            }
            catch (JsonException e)
            {
                problem = Describe(e, misshapen);
            }
        }

        if (problem is null)
        {
            return value;
        }

        problems.Add($"{file}:{number}: {problem}");
        return null;
    }

    /// <summary>The serializer's error in words: where on the line, and what.</summary>
    private static string Describe(JsonException e, string? misshapen)
    {
        if (e.InnerException is JsonException)
        {
            // The reader's own error: the line is not JSON at all; its position is what helps.
            return $"not valid JSON (at byte {e.BytePositionInLine + 1})";
        }

        if (misshapen is not null)
        {
            return misshapen;
        }

        // Stryker disable once String : every path of a recording's line is "$" or starts "$." (its fields are plain names, never "$['a b']")
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? $"{path[2..]}: " : string.Empty;
        var missing = e.Message.IndexOf(MissingFields, StringComparison.Ordinal);
        // Stryker disable once Equality : the message names the type first, so the words are never at index 0
        if (missing >= 0)
        {
            // "... missing required properties including: 'input', 'decision'.": the names are the recording's own
            // (the message ends there; the tests hold it to that).
            var names = e.Message[(missing + MissingFields.Length)..].TrimEnd('.').Replace("'", string.Empty, StringComparison.Ordinal);
            return $"{field}lacks {names}, which amtron hil records";
        }

        return e.InnerException is InvalidOperationException
            ? $"{field}text that is not valid Unicode (a lone surrogate such as \\ud800)"
            : $"{field}not as amtron hil records it (a field missing, null, or a value of another kind)";
    }

    /// <summary>What the serializer lets through that a replay could not decide on; null when the cycle is whole.</summary>
    private static string? Problem(CycleRecord cycle)
    {
        if (cycle.Input.MeterMilliamps.Length != PhaseSet.PhaseCount)
        {
            return $"input.meterMilliamps: {Three(cycle.Input.MeterMilliamps)}";
        }

        for (var i = 0; i < cycle.Observations.Count; i++)
        {
            if (Problem(cycle.Observations[i]) is { } problem)
            {
                return $"observations[{i}]{problem}";
            }
        }

        var commands = cycle.Decision.Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i] is null)
            {
                return $"decision.commands[{i}]: null, not a command";
            }
        }

        return null;
    }

    private static string? Problem(RecordedObservation? o) => o switch
    {
        null => ": null, not a status report",
        _ when o.MeasuredMilliamps.Length != PhaseSet.PhaseCount => $".measuredMilliamps: {Three(o.MeasuredMilliamps)}",
        _ => Mask("connectorPhases", o.ConnectorPhases) ?? Mask("leadingPhases", o.LeadingPhases) ?? Mask("firstPhase", o.FirstPhase),
    };

    private static string Three(long[] values) => $"must have {PhaseSet.PhaseCount} values [L1, L2, L3], not {values.Length}";

    private static string? Mask(string field, int mask) =>
        mask >= 0 && mask <= PhaseSet.ThreePhase.Mask ? null : $".{field}: must be a phase mask from 0 to {PhaseSet.ThreePhase.Mask}, not {mask}";
}
