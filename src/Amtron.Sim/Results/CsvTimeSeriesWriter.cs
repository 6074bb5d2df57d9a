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
    private const int TimeChars = 32;
    private const int MaxNumberChars = 24;
    private const ulong MilliampsPerAmp = 1000;
    private readonly StringBuilder _line = new();
    private char[] _buffer = [];

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

        output.Write(_line.Append('\n').ToString());
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        // A year of a large site writes ~10^8 numbers: format by hand into one buffer (same text as "0.###").
        var needed = TimeChars + ((3 + (3 * available.Length) + chargePoints.Length) * MaxNumberChars) + 2;
        if (_buffer.Length < needed)
        {
            _buffer = new char[needed];
        }

        var span = _buffer.AsSpan();
        if (!time.UtcDateTime.TryFormat(span, out var length, "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("time column does not fit");
        }

        AppendPhases(span, ref length, supply);
        foreach (var network in available)
        {
            AppendPhases(span, ref length, network);
        }

        foreach (var current in chargePoints)
        {
            Append(span, ref length, current);
        }

        span[length++] = '\n';
        output.Write(_buffer, 0, length);
        Rows++;
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time) => output.Flush();

    private static void AppendPhases(Span<char> span, ref int length, PhaseCurrents currents)
    {
        Append(span, ref length, currents.L1);
        Append(span, ref length, currents.L2);
        Append(span, ref length, currents.L3);
    }

    /// <summary>Appends ",A[.mmm]" with trailing zeros of the fraction dropped, as decimal "0.###" would.</summary>
    private static void Append(Span<char> span, ref int length, Amps amps)
    {
        span[length++] = ',';
        var milliamps = amps.Milliamps;
        if (milliamps < 0)
        {
            span[length++] = '-';
        }

        var magnitude = (ulong)Math.Abs(milliamps);
        var whole = magnitude / MilliampsPerAmp;
        var fraction = (int)(magnitude % MilliampsPerAmp);
        whole.TryFormat(span[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        if (fraction == 0)
        {
            return;
        }

        span[length++] = '.';
        var digits = 3;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        for (var d = digits - 1; d >= 0; d--)
        {
            span[length + d] = (char)('0' + (fraction % 10));
            fraction /= 10;
        }

        length += digits;
    }
}
