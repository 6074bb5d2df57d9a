using Amtron.Site.Model;

namespace Amtron.Site.Scenarios;

/// <summary>The names the site's currents get in timeseries.csv, which must all differ.</summary>
internal sealed partial class ScenarioReader
{
    /// <summary>
    /// A charge point's column is its id plus "A" (commas made '_'), so an id can give the same name as the supply
    /// ("supplyL1"), a network's available current ("network0AvailableL1") or another point ("CP,1" and "CP_1"):
    /// refused at the charge point written later, before anything runs, so `run` and `check` agree.
    /// </summary>
    private void CheckTimeSeriesColumns(IEnumerable<int> networkIds)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var phase = 0; phase < 3; phase++)
        {
            owners[TimeSeriesColumns.Supply[phase]] = $"the supply on L{phase + 1} at the grid connection";
            foreach (var id in networkIds)
            {
                owners[TimeSeriesColumns.Network(id)[phase]] = $"network {id}'s available current on L{phase + 1}";
            }
        }

        foreach (var (id, (_, idNode, _)) in _chargePoints.OrderBy(p => p.Value.IdNode.Start.Index))
        {
            var column = TimeSeriesColumns.ChargePoint(id);
            if (owners.TryGetValue(column, out var owner))
            {
                y.Report(idNode, $"charge point '{id}' and {owner} would both be the timeseries.csv column '{column}': rename {(owner.StartsWith("charge point", StringComparison.Ordinal) ? "one" : "the charge point")}");
            }
            else
            {
                owners[column] = $"charge point '{id}' (line {idNode.Start.Line})";
            }
        }
    }
}
