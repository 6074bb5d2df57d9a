using System.Globalization;
using System.Text;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>
/// timeseries.csv: one row per instant at which anything changed, holding until the next row: UTC time, supply
/// current per phase at the grid connection, each network's available current per phase, each charge point's
/// current per phase. Fixed decimals, invariant culture: the same run gives the same bytes.
/// </summary>
public sealed class CsvTimeSeriesWriter(TextWriter output) : ITimeSeriesSink
{
    private readonly StringBuilder _line = new();

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        ArgumentNullException.ThrowIfNull(networkIds);
        ArgumentNullException.ThrowIfNull(chargePointIds);
        _line.Clear().Append("time,supplyL1A,supplyL2A,supplyL3A");
        foreach (var id in networkIds)
        {
            _line.Append(CultureInfo.InvariantCulture, $",network{id}AvailableL1A,network{id}AvailableL2A,network{id}AvailableL3A");
        }

        foreach (var id in chargePointIds)
        {
            _line.Append(',').Append(id.Replace(",", "_", StringComparison.Ordinal)).Append('A');
        }

        output.WriteLine(_line.ToString());
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        _line.Clear().Append(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
        AppendPhases(supply);
        foreach (var network in available)
        {
            AppendPhases(network);
        }

        foreach (var current in chargePoints)
        {
            Append(current);
        }

        output.WriteLine(_line.ToString());
        Rows++;
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time) => output.Flush();

    private void AppendPhases(PhaseCurrents currents)
    {
        Append(currents.L1);
        Append(currents.L2);
        Append(currents.L3);
    }

    private void Append(Amps amps) => _line.Append(',').Append((amps.Milliamps / 1000m).ToString("0.###", CultureInfo.InvariantCulture));
}
