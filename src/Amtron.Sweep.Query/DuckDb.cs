using DuckDB.NET.Data;

namespace Amtron.Sweep.Query;

/// <summary>An in-memory DuckDB with the sweep's results as the table or view <c>runs</c>.</summary>
internal static class DuckDb
{
    /// <summary>A path as a SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The shards' tables as one, one row per variant (a variant in two tables, from runs with two shard counts, once), in variant order.</summary>
    public static string UnionOfParts(IEnumerable<string> parts) =>
        $"SELECT * EXCLUDE (amtron_copy) FROM (SELECT *, row_number() OVER (PARTITION BY variant) AS amtron_copy FROM read_parquet([{string.Join(", ", parts.Select(Literal))}], union_by_name = true)) WHERE amtron_copy = 1 ORDER BY variant";

    public static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
