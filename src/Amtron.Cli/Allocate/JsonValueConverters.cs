using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Cli.Allocate;

/// <summary>
/// A value of the wrong kind, worded for the request's author. System.Text.Json fills in <see cref="JsonException.Path"/>
/// (the property); <see cref="Item"/> adds the array item a converter was reading, e.g. "[1]".
/// </summary>
internal sealed class JsonValueException(string message, string item = "") : JsonException(message)
{
    public string Item { get; } = item;

    /// <summary>An array item's path suffix, made only when an error is reported.</summary>
    public static string ItemPath(int index) => string.Create(CultureInfo.InvariantCulture, $"[{index}]");

    /// <summary>"must be X, not Y", naming what the value is.</summary>
    public static JsonValueException Wrong(ref Utf8JsonReader reader, string expected, string item = "") =>
        new($"must be {expected}, not {Describe(ref reader)}", item);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"the string \"{Text(ref reader)}\"",
        JsonTokenType.Number => $"the number {Raw(ref reader)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => "null",
    };

    /// <summary>
    /// A string's text; one that has none (an escaped lone surrogate such as "\ud800") as written. GetString's
    /// InvalidOperationException would otherwise reach the serializer, which words it with the target's .NET type name.
    /// </summary>
    public static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return Raw(ref reader);
        }
    }

    public static string Raw(ref Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
}

/// <summary>A JSON number as a double; no strings, no NaN.</summary>
internal sealed class NumberConverter : JsonConverter<double>
{
    public const string Expected = "a number";

    /// <summary>The number at the reader; <paramref name="item"/> is the array index it sits at, if any.</summary>
    public static double ReadNumber(ref Utf8JsonReader reader, int item = -1)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }

        var at = item < 0 ? string.Empty : JsonValueException.ItemPath(item);
        throw reader.TokenType == JsonTokenType.Number
            ? new JsonValueException($"is too large a number: {JsonValueException.Raw(ref reader)}", at)
            : JsonValueException.Wrong(ref reader, Expected, at);
    }

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadNumber(ref reader);

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>true or false only.</summary>
internal sealed class BooleanConverter : JsonConverter<bool>
{
    public const string Expected = "true or false";

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw JsonValueException.Wrong(ref reader, Expected),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}

/// <summary>A JSON string only (a number is not taken as its digits).</summary>
internal sealed class TextConverter : JsonConverter<string>
{
    public const string Expected = "a string";

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JsonValueException.Wrong(ref reader, Expected);
        }

        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new JsonValueException("must be a string of valid Unicode text (no lone surrogate such as \\ud800)");
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Per-phase values: <c>[L1, L2, L3]</c>, or one number for all three phases (docs/allocate.md).</summary>
internal sealed class PhaseValuesConverter : JsonConverter<PhaseValues>
{
    public const string Expected = "a number or an array [L1, L2, L3]";

    public override PhaseValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return PhaseValues.Same(NumberConverter.ReadNumber(ref reader));
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonValueException.Wrong(ref reader, Expected);
        }

        // Three values fit on the stack; a longer array is read to its end only so the rules can report its length.
        Span<double> values = stackalloc double[PhaseSet.PhaseCount];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = NumberConverter.ReadNumber(ref reader, count);
            if (count < values.Length)
            {
                values[count] = value;
            }

            count++;
        }

        return PhaseValues.Of(count <= values.Length ? values[..count] : new double[count]);
    }

    public override void Write(Utf8JsonWriter writer, PhaseValues value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var v in value.Values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}

/// <summary>The grid phases a vehicle draws from: 1 to 3 distinct of "L1", "L2", "L3".</summary>
internal sealed class PhaseSetConverter : JsonConverter<PhaseSet>
{
    public const string Expected = "an array of 1 to 3 phases such as [\"L1\", \"L2\", \"L3\"]";

    public override PhaseSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonValueException.Wrong(ref reader, Expected);
        }

        var mask = 0;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var bit = Bit(ref reader);
            if (bit == 0)
            {
                throw JsonValueException.Wrong(ref reader, "\"L1\", \"L2\" or \"L3\"", JsonValueException.ItemPath(count));
            }

            if ((mask & bit) != 0)
            {
                throw new JsonValueException("names a phase twice", JsonValueException.ItemPath(count));
            }

            mask |= bit;
            count++;
        }

        return count == 0 ? throw new JsonValueException("must have 1 to 3 phases, not 0") : PhaseSet.FromMask(mask);
    }

    /// <summary>The phase's bit in the mask, 0 if the value names none.</summary>
    private static int Bit(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return 0;
        }

        try
        {
            return reader.ValueTextEquals("L1"u8) ? 1 : reader.ValueTextEquals("L2"u8) ? 2 : reader.ValueTextEquals("L3"u8) ? 4 : 0;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\udfff") has no text to compare: no phase.
            return 0;
        }
    }

    public override void Write(Utf8JsonWriter writer, PhaseSet value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (value.Contains(p))
            {
                writer.WriteStringValue($"L{p + 1}");
            }
        }

        writer.WriteEndArray();
    }
}
