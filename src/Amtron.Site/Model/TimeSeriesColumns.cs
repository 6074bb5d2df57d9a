using System.Globalization;

namespace Amtron.Site.Model;

/// <summary>
/// The column names of timeseries.csv, in one place: the writer names the columns with them, and the scenario reader
/// refuses a site where two would have the same name (a reader of the file could not tell them apart).
/// </summary>
public static class TimeSeriesColumns
{
    /// <summary>The first column: the instant (UTC).</summary>
    public const string Time = "time";

    /// <summary>The supply at the grid connection on L1, L2, L3.</summary>
    public static IReadOnlyList<string> Supply { get; } = ["supplyL1A", "supplyL2A", "supplyL3A"];

    /// <summary>A network's available current on L1, L2, L3.</summary>
    public static IReadOnlyList<string> Network(int id) =>
        [.. Enumerable.Range(1, 3).Select(phase => string.Create(CultureInfo.InvariantCulture, $"network{id}AvailableL{phase}A"))];

    /// <summary>
    /// A charge point's current: its id with each character that would need CSV quoting (the separator, a quote, a
    /// line break or another control character) made '_', then "A".
    /// </summary>
    public static string ChargePoint(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return string.Create(id.Length + 1, id, static (column, id) =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                column[i] = id[i] is ',' or '"' || char.IsControl(id[i]) ? '_' : id[i];
            }

            column[^1] = 'A';
        });
    }
}
