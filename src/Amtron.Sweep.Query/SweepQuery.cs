using System.Globalization;
using DuckDB.NET.Data;

namespace Amtron.Sweep.Query;

/// <summary>
/// <c>amtron sweep query DIR "SQL"</c>: SQL over the sweep's results as the table <c>runs</c> (summary.parquet when
/// merged, else the shards' tables), printed as a table, so an engineer needs nothing else installed. Exit 0, or 2 for
/// a folder without results or SQL DuckDB refuses (its message, in one line).
/// </summary>
public static class SweepQuery
{
    /// <summary>Runs <paramref name="sql"/> over <paramref name="folder"/>'s results (<see cref="SweepQuery"/>).</summary>
    public static int Run(SweepFolder folder, string sql, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string source;
        if (File.Exists(folder.MergedParquet))
        {
            source = $"SELECT * FROM read_parquet({DuckDb.Literal(folder.MergedParquet)})";
        }
        else if (SweepStatus.Of(folder, out var problem) is { Parts.Count: > 0 } status)
        {
            source = DuckDb.UnionOfParts(status.Parts.Select(p => p.Path));
        }
        else
        {
            error.WriteLine($"amtron sweep query: {(problem.Length > 0 ? problem : $"{folder.Root} holds no results yet (amtron sweep run writes them)")}");
            return SweepRunner.ExitInvalid;
        }

        try
        {
            using var connection = DuckDb.Open();
            DuckDb.Execute(connection, $"CREATE VIEW runs AS {source}");
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<(string Text, bool Number)[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader, i))]);
            }

            Print(output, columns, rows);
            return SweepRunner.ExitOk;
        }
        catch (DuckDBException e)
        {
            error.WriteLine($"amtron sweep query: {e.Message.ReplaceLineEndings(" ")}");
            return SweepRunner.ExitInvalid;
        }
    }

    private static (string, bool) Cell(DuckDBDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return (string.Empty, false);
        }

        return reader.GetValue(i) switch
        {
            double d => (d.ToString(CultureInfo.InvariantCulture), true),
            float f => (f.ToString(CultureInfo.InvariantCulture), true),
            decimal m => (m.ToString(CultureInfo.InvariantCulture), true),
            int or long or short or byte or sbyte or uint or ulong or ushort or System.Numerics.BigInteger => (Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty, true),
            DateTime t => (t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), false),
            var other => (Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty, false),
        };
    }

    /// <summary>Columns padded to their widest cell, numbers to the right; a line of dashes under the names.</summary>
    private static void Print(TextWriter output, List<string> columns, List<(string Text, bool Number)[]> rows)
    {
        var widths = columns.Select((name, i) => rows.Select(r => r[i].Text.Length).Append(name.Length).Max()).ToList();
        output.WriteLine(string.Join("  ", columns.Select((name, i) => name.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.Number ? cell.Text.PadLeft(widths[i]) : cell.Text.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({rows.Count} rows)"));
    }
}
