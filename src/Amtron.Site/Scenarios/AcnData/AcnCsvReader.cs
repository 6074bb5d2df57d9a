using Amtron.Site.Csv;

namespace Amtron.Site.Scenarios.AcnData;

/// <summary>
/// ACN-Data sessions in CSV: a header naming the fields (any order, any case; <c>kWhRequested</c> and
/// <c>minutesAvailable</c> as flat columns; other columns such as <c>_id</c> or <c>userID</c> are not used), one session
/// per row. RFC 1123 times contain a comma, so such a cell is quoted (<c>"Sat, 01 May 2021 20:42:47 GMT"</c>), as every
/// CSV writer does. An empty cell is an absent value.
/// </summary>
internal sealed class AcnCsvReader(string file, DiagnosticList diagnostics)
{
    /// <summary>Reads the file; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    public List<AcnSession> Read(string path)
    {
        var sessions = new List<AcnSession>();
        using var csv = CsvDataReader.Open(path);
        Dictionary<string, int>? columns = null;
        while (csv.Read())
        {
            columns ??= Columns(csv);
            if (columns is null)
            {
                return sessions;
            }

            var fields = new Dictionary<string, AcnField>(StringComparer.Ordinal);
            foreach (var (name, index) in columns)
            {
                var where = new Place(file, csv.Line, index < csv.Count ? csv.Column(index) : csv.EndColumn);
                fields[name] = new AcnField(index < csv.Count && csv[index].Length > 0 ? csv.Text(index) : null, where);
            }

            if (AcnSessionFields.Build(fields, new Place(file, csv.Line, 1), diagnostics) is { } session)
            {
                sessions.Add(session);
            }
        }

        // A header and no sessions: the header is still checked.
        _ = columns ?? Columns(csv);
        return sessions;
    }

    /// <summary>The column of each field the header names; null (reported) without a header or with a bad one.</summary>
    private Dictionary<string, int>? Columns(CsvDataReader csv)
    {
        if (csv.Header is not { } header)
        {
            diagnostics.Add(file, csv.Line == 0 ? 1 : csv.Line, 1, $"an ACN-Data CSV file starts with a header naming its fields ({string.Join(", ", AcnSessionFields.Required)}, ...)");
            return null;
        }

        var before = diagnostics.Count;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (AcnSessionFields.Names.FirstOrDefault(n => n.Equals(header[i], StringComparison.OrdinalIgnoreCase)) is { } name
                && !columns.TryAdd(name, i))
            {
                diagnostics.Add(file, csv.HeaderLine, csv.HeaderColumns[i], $"column '{name}' appears twice");
            }
        }

        foreach (var missing in AcnSessionFields.Required.Where(n => !columns.ContainsKey(n)))
        {
            diagnostics.Add(file, csv.HeaderLine, 1, $"the header has no column '{missing}' (an ACN-Data session needs {string.Join(", ", AcnSessionFields.Required)})");
        }

        return diagnostics.Count == before ? columns : null;
    }
}
