using System.Text;
using System.Text.Json;

namespace Amtron.Site.Scenarios.AcnData;

/// <summary>
/// ACN-Data sessions in JSON: the API's document (<c>{"_items": [...], "_meta": ...}</c>) or a plain list of the same
/// session objects. Each value is located at its line and character column; a session's <c>userInputs</c> gives its
/// last entry's <c>kWhRequested</c> and <c>minutesAvailable</c> (a driver may change them; the last one stands).
/// </summary>
internal sealed class AcnJsonReader(string file, DiagnosticList diagnostics)
{
    private byte[] _bytes = [];
    private int _offset;
    private List<int> _lineStarts = [];

    public List<AcnSession> Read(byte[] bytes)
    {
        _bytes = bytes;
        _offset = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        _lineStarts = LineStarts(bytes);
        var sessions = new List<AcnSession>();
        if (bytes.AsSpan(_offset).Trim(" \t\r\n"u8).IsEmpty)
        {
            Report(0, "the file holds no JSON: expected a list of ACN-Data sessions or the API's {\"_items\": [...]}");
            return sessions;
        }

        var reader = new Utf8JsonReader(bytes.AsSpan(_offset), new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            reader.Read();

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                ReadSessions(ref reader, sessions);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadDocument(ref reader, sessions);
            }
            else
            {
                Report(reader.TokenStartIndex, "expected a list of ACN-Data sessions or the API's {\"_items\": [...]}");
                return sessions;
            }

            // Anything after the document is a broken file (Read throws on it).
            reader.Read();
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" LineNumber:", 2)[0];
            diagnostics.Add(file, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, $"not valid JSON: {message}");
        }

        return sessions;
    }

    private void ReadDocument(ref Utf8JsonReader reader, List<AcnSession> sessions)
    {
        var start = reader.TokenStartIndex;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "_items" && reader.TokenType == JsonTokenType.StartArray)
            {
                found = true;
                ReadSessions(ref reader, sessions);
            }
            else
            {
                reader.Skip();
            }
        }

        if (!found)
        {
            Report(start, "an object without a list \"_items\": ACN-Data's API document holds its sessions there");
        }
    }

    private void ReadSessions(ref Utf8JsonReader reader, List<AcnSession> sessions)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Report(reader.TokenStartIndex, "a session must be an object of ACN-Data's fields");
                reader.Skip();
                continue;
            }

            var where = Place(reader.TokenStartIndex);
            var fields = ReadFields(ref reader);
            if (AcnSessionFields.Build(fields, where, diagnostics) is { } session)
            {
                sessions.Add(session);
            }
        }
    }

    private Dictionary<string, AcnField> ReadFields(ref Utf8JsonReader reader)
    {
        var fields = new Dictionary<string, AcnField>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString() ?? string.Empty;
            var nameAt = reader.TokenStartIndex;
            reader.Read();
            if (name == "userInputs")
            {
                ReadUserInputs(ref reader, fields);
            }
            else if (Array.IndexOf(AcnSessionFields.Names, name) >= 0)
            {
                if (fields.ContainsKey(name))
                {
                    Report(nameAt, $"{name} appears twice in this session");
                }

                fields[name] = Value(ref reader, name);
            }
            else
            {
                reader.Skip();
            }
        }

        return fields;
    }

    /// <summary>null, or a list of objects whose last entry's request stands.</summary>
    private void ReadUserInputs(ref Utf8JsonReader reader, Dictionary<string, AcnField> fields)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Report(reader.TokenStartIndex, "userInputs must be a list of objects or null");
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Report(reader.TokenStartIndex, "an entry of userInputs must be an object");
                reader.Skip();
                continue;
            }

            fields.Remove(AcnSessionFields.KWhRequested);
            fields.Remove(AcnSessionFields.MinutesAvailable);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name is AcnSessionFields.KWhRequested or AcnSessionFields.MinutesAvailable)
                {
                    fields[name] = Value(ref reader, name);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    /// <summary>A text or a number as its text; null for JSON null; anything else reported.</summary>
    private AcnField Value(ref Utf8JsonReader reader, string name)
    {
        var where = Place(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new AcnField(reader.GetString(), where);
            case JsonTokenType.Number:
                return new AcnField(Encoding.UTF8.GetString(reader.ValueSpan), where);
            case JsonTokenType.Null:
                return new AcnField(null, where);
            default:
                diagnostics.Add(where.File, where.Line, where.Column, $"{name} must be a text or a number");
                reader.Skip();
                return new AcnField(null, where, Failed: true);
        }
    }

    private void Report(long index, string problem)
    {
        var at = Place(index);
        diagnostics.Add(at.File, at.Line, at.Column, problem);
    }

    /// <summary>The line and character column of a byte of the document (after any byte order mark).</summary>
    private Place Place(long index)
    {
        var at = (int)index + _offset;
        var line = _lineStarts.BinarySearch(at);
        line = line >= 0 ? line : ~line - 1;
        var lineStart = Math.Max(_lineStarts[line], _offset);
        return new Place(file, line + 1, Encoding.UTF8.GetCharCount(_bytes, lineStart, at - lineStart) + 1);
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
