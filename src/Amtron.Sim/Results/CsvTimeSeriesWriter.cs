using System.Globalization;
using System.Text;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

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
    private readonly StringBuilder _header = new();
    private char[] _line = [];
    private char[] _previousLine = [];
    private long[] _values = [];
    private long[] _previousValues = [];

    // Where each column (its leading comma) starts in the line, plus the end of the last one.
    private int[] _starts = [];
    private int[] _previousStarts = [];
    private bool _hasPrevious;

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        ArgumentNullException.ThrowIfNull(networkIds);
        ArgumentNullException.ThrowIfNull(chargePointIds);
        _header.Clear().Append(TimeSeriesColumns.Time).Append(',').AppendJoin(',', TimeSeriesColumns.Supply);
        foreach (var id in networkIds)
        {
            _header.Append(',').AppendJoin(',', TimeSeriesColumns.Network(id));
        }

        foreach (var id in chargePointIds)
        {
            _header.Append(',').Append(TimeSeriesColumns.ChargePoint(id));
        }

        output.Write(_header.Append('\n').ToString());
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        // A year of a large site writes ~10^8 numbers, and from one row to the next only a few change: copy the
        // unchanged stretches of the previous row's text and format only the values that changed (same text as "0.###").
        var columns = 3 + (3 * available.Length) + chargePoints.Length;
        EnsureCapacity(columns);
        var values = _values.AsSpan(0, columns);
        values[0] = supply.L1.Milliamps;
        values[1] = supply.L2.Milliamps;
        values[2] = supply.L3.Milliamps;
        for (var n = 0; n < available.Length; n++)
        {
            values[3 + (3 * n)] = available[n].L1.Milliamps;
            values[4 + (3 * n)] = available[n].L2.Milliamps;
            values[5 + (3 * n)] = available[n].L3.Milliamps;
        }

        var first = 3 + (3 * available.Length);
        for (var i = 0; i < chargePoints.Length; i++)
        {
            values[first + i] = chargePoints[i].Milliamps;
        }

        var line = _line.AsSpan();
        if (!time.UtcDateTime.TryFormat(line, out var length, "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("time column does not fit");
        }

        var previous = _previousLine.AsSpan();
        var runStart = -1;
        for (var c = 0; c < columns; c++)
        {
            if (_hasPrevious && values[c] == _previousValues[c])
            {
                runStart = runStart < 0 ? c : runStart;
                continue;
            }

            length = CopyRun(previous, line, length, runStart, c);
            runStart = -1;
            _starts[c] = length;
            Append(line, ref length, Amps.FromMilliamps(values[c]));
        }

        length = CopyRun(previous, line, length, runStart, columns);
        _starts[columns] = length;
        line[length++] = '\n';
        output.Write(_line, 0, length);
        Rows++;

        (_line, _previousLine) = (_previousLine, _line);
        (_starts, _previousStarts) = (_previousStarts, _starts);
        values.CopyTo(_previousValues);
        _hasPrevious = true;
    }

    /// <summary>Copies columns [from, to) of the previous row's text to the end of this row's; returns the new length.</summary>
    private int CopyRun(ReadOnlySpan<char> previous, Span<char> line, int length, int from, int to)
    {
        if (from < 0)
        {
            return length;
        }

        var source = previous[_previousStarts[from].._previousStarts[to]];
        var shift = length - _previousStarts[from];
        for (var c = from; c < to; c++)
        {
            _starts[c] = _previousStarts[c] + shift;
        }

        source.CopyTo(line[length..]);
        return length + source.Length;
    }

    private void EnsureCapacity(int columns)
    {
        var chars = TimeChars + (columns * MaxNumberChars) + 2;
        if (_values.Length == columns && _line.Length >= chars)
        {
            return;
        }

        _values = new long[columns];
        _previousValues = new long[columns];
        _starts = new int[columns + 1];
        _previousStarts = new int[columns + 1];
        _line = new char[chars];
        _previousLine = new char[chars];
        _hasPrevious = false;
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time) => output.Flush();

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
