using System.Globalization;
using DuckDB.NET.Data;

namespace Amtron.Sweep.Query;

/// <summary>
/// <c>amtron sweep merge DIR</c>: the shards' tables into <c>summary.parquet</c> and <c>summary.csv</c> (DuckDB,
/// <c>union_by_name</c>, so tables whose limit columns differ line up), each written beside and renamed into place;
/// lists what is missing. Exit 0 when every variant is in, 1 when some are missing (what is there is written), 2 when
/// the folder holds no plan or a table of another sweep.
/// </summary>
public static class SweepMerge
{
    /// <summary>Merges <paramref name="folder"/>'s shard tables (<see cref="SweepMerge"/>).</summary>
    public static int Run(SweepFolder folder, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (SweepStatus.Of(folder, out var problem) is not { } status)
        {
            error.WriteLine($"amtron sweep merge: {problem}");
            return SweepRunner.ExitInvalid;
        }

        if (status.Parts.Count == 0)
        {
            error.WriteLine($"amtron sweep merge: {folder.Parts} holds no shard's table yet: run amtron sweep run first (nothing written)");
            return SweepRunner.ExitRetry;
        }

        if (status.Parts.FirstOrDefault(p => PartWriter.SweepHashOf(p.Path) != status.Plan.SweepHash) is { Path: { } foreign })
        {
            error.WriteLine($"amtron sweep merge: {foreign} is not a table of this folder's sweep (its sweep hash differs from {PlanFile.Name}'s); move it away (nothing written)");
            return SweepRunner.ExitInvalid;
        }

        try
        {
            using var connection = DuckDb.Open();
            DuckDb.Execute(connection, $"CREATE TABLE runs AS {DuckDb.UnionOfParts(status.Parts.Select(p => p.Path))}");
            if (WrongHash(connection, status.Plan) is { } wrong)
            {
                error.WriteLine($"amtron sweep merge: variant {wrong} in the shards' tables has another hash than in {PlanFile.Name}; the tables are not of this plan (nothing written)");
                return SweepRunner.ExitInvalid;
            }

            var rows = Count(connection);
            Copy(connection, folder.MergedParquet, "FORMAT parquet, COMPRESSION zstd");
            Copy(connection, folder.MergedCsv, "FORMAT csv, HEADER true, DELIMITER ','");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} of {status.Plan.Hashes.Count} variants from {status.Parts.Count} shard tables: {folder.MergedParquet}, {folder.MergedCsv}"));
        }
        catch (DuckDBException e)
        {
            error.WriteLine($"amtron sweep merge: {folder.Parts}: {e.Message.ReplaceLineEndings(" ")} (nothing written)");
            return SweepRunner.ExitInvalid;
        }

        if (status.Finished)
        {
            return SweepRunner.ExitOk;
        }

        foreach (var line in status.Describe().Skip(1))
        {
            error.WriteLine($"amtron sweep merge: {line}");
        }

        return SweepRunner.ExitRetry;
    }

    private static int? WrongHash(DuckDBConnection connection, PlannedSweep plan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT variant, hash FROM runs ORDER BY variant";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var variant = reader.GetInt32(0);
            if (variant < 0 || variant >= plan.Hashes.Count || reader.GetString(1) != plan.Hashes[variant])
            {
                return variant;
            }
        }

        return null;
    }

    private static long Count(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM runs";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The table into <paramref name="path"/> through a temporary file beside it, renamed into place.</summary>
    private static void Copy(DuckDBConnection connection, string path, string format)
    {
        var temporary = SweepFolder.Temporary(path);
        try
        {
            DuckDb.Execute(connection, $"COPY runs TO {DuckDb.Literal(temporary)} ({format})");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
