using Amtron.Site.Csv;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Where a session file's columns are: by position (<c>arrival,departure,kWh,maxA,phases[,chargePoint]</c>) without a
/// header, by name with one (any order, any case).
/// </summary>
internal sealed class SessionColumns
{
    private static readonly string[] Required = ["arrival", "departure", "kWh", "maxA", "phases"];
    private const string Optional = "chargePoint";
    private const string Positional = "arrival,departure,kWh,maxA,phases[,chargePoint]";

    private readonly int[] _index;
    private readonly int _chargePoint;
    private readonly bool _named;

    private SessionColumns(int[] index, int chargePoint, bool named, string names, bool valid)
    {
        _index = index;
        _chargePoint = chargePoint;
        _named = named;
        Names = names;
        Valid = valid;
    }

    /// <summary>False when the header had a problem (reported); the file's rows are then not read.</summary>
    public bool Valid { get; }

    /// <summary>The columns as the error for a row of the wrong length names them.</summary>
    public string Names { get; }

    public int Arrival => _index[0];

    public int Departure => _index[1];

    public int Energy => _index[2];

    public int MaxCurrent => _index[3];

    public int Phases => _index[4];

    /// <summary>
    /// Cells a row must have: its header's, one fewer when the charge point is the header's last column (that row's
    /// session then takes the first free point, as without the column); without a header 5 or 6.
    /// </summary>
    public int MinimumCount => _named ? Required.Length + (_chargePoint >= 0 && _chargePoint < Required.Length ? 1 : 0) : Required.Length;

    public int MaximumCount => _named ? Required.Length + (_chargePoint >= 0 ? 1 : 0) : Required.Length + 1;

    /// <summary>The charge point column of a row with <paramref name="count"/> cells, or -1 when it has none.</summary>
    public int ChargePoint(int count)
    {
        var column = _named ? _chargePoint : Required.Length;
        return column >= 0 && count > column ? column : -1;
    }

    /// <summary>The file's columns, from its header if it has one; problems of the header are reported there.</summary>
    public static SessionColumns Of(CsvDataReader csv, string file, DiagnosticList diagnostics)
    {
        if (csv.Header is not { } header)
        {
            return new SessionColumns([0, 1, 2, 3, 4], -1, named: false, Positional, valid: true);
        }

        var index = new[] { -1, -1, -1, -1, -1 };
        var chargePoint = -1;
        var valid = true;
        var expected = $"{string.Join(", ", Required)} and optionally {Optional}";
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            var known = Array.FindIndex(Required, r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
            var isChargePoint = string.Equals(Optional, name, StringComparison.OrdinalIgnoreCase);
            if (known < 0 && !isChargePoint)
            {
                diagnostics.Add(file, csv.HeaderLine, csv.HeaderColumns[i], $"unknown column '{name}' (expected {expected})");
                valid = false;
            }
            else if ((known >= 0 && index[known] >= 0) || (isChargePoint && chargePoint >= 0))
            {
                diagnostics.Add(file, csv.HeaderLine, csv.HeaderColumns[i], $"column '{name}' appears twice");
                valid = false;
            }
            else if (known >= 0)
            {
                index[known] = i;
            }
            else
            {
                chargePoint = i;
            }
        }

        for (var r = 0; r < Required.Length; r++)
        {
            if (index[r] < 0)
            {
                diagnostics.Add(file, csv.HeaderLine, 1, $"the header has no column '{Required[r]}' (expected {expected})");
                valid = false;
            }
        }

        var names = chargePoint == header.Count - 1 && chargePoint == Required.Length
            ? $"{string.Join(",", header.Take(chargePoint))}[,{header[chargePoint]}]"
            : string.Join(",", header);
        return new SessionColumns(index, chargePoint, named: true, names, valid);
    }
}
