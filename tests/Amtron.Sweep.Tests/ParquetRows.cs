using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Amtron.Sweep.Tests;

/// <summary>A Parquet file's rows as text (invariant; null as empty) by column, and its key-value metadata.</summary>
internal static class ParquetRows
{
    public static (List<string> Columns, List<string[]> Rows, IReadOnlyDictionary<string, string> Metadata) Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static async Task<(List<string>, List<string[]>, IReadOnlyDictionary<string, string>)> ReadAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.DataFields;
        var rows = new List<string[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var columns = new List<string[]>();
            foreach (var field in fields)
            {
                columns.Add(await Column(group, field, count));
            }

            rows.AddRange(Enumerable.Range(0, count).Select(r => columns.Select(c => c[r]).ToArray()));
        }

        return ([.. fields.Select(f => f.Name)], rows, reader.CustomMetadata);
    }

    /// <summary>A column whether it is optional (as DuckDB writes every column) or required (as the shards' tables have some).</summary>
    private static async Task Read<T>(ParquetRowGroupReader group, DataField field, T?[] values)
        where T : struct
    {
        if (field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory());
            return;
        }

        var plain = new T[values.Length];
        await group.ReadAsync<T>(field, plain.AsMemory());
        for (var i = 0; i < plain.Length; i++)
        {
            values[i] = plain[i];
        }
    }

    private static async Task<string[]> Column(ParquetRowGroupReader group, DataField field, int count)
    {
        switch (field.ClrType)
        {
            case var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>):
                var texts = new string?[count];
                await group.ReadAsync(field, texts.AsMemory());
                return [.. texts.Select(s => s ?? string.Empty)];
            case var t when t == typeof(int):
                var ints = new int?[count];
                await Read(group, field, ints);
                return [.. ints.Select(i => i?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)];
            case var t when t == typeof(long):
                var longs = new long?[count];
                await Read(group, field, longs);
                return [.. longs.Select(i => i?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)];
            case var t when t == typeof(double):
                var doubles = new double?[count];
                await Read(group, field, doubles);
                return [.. doubles.Select(d => d?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty)];
            default:
                throw new NotSupportedException($"{field.Name}: {field.ClrType}");
        }
    }
}
