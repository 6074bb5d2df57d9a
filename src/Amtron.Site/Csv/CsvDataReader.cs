using nietras.SeparatedValues;

namespace Amtron.Site.Csv;

/// <summary>
/// The one reader of the comma-separated data files (session lists, load series, meter profiles), row by row.
/// <c>#</c> starts a comment to the end of the line; blank and comment-only lines are skipped, and so is the first
/// remaining line when it starts with a letter or an underscore (a header). Cells are trimmed. Each cell is located by its line and
/// the 1-based character column of its first character, so an error points at the cell itself even when the same
/// text appears earlier in the row.
/// </summary>
public sealed class CsvDataReader : IDisposable
{
    private readonly SepReader _reader;
    private readonly List<(int Start, int Length)> _cells = [];
    private char[] _row = new char[256];
    private int _nextLine = 1;
    private bool _dataSeen;

    private CsvDataReader(SepReader reader) => _reader = reader;

    /// <summary>The header's names, when the file has one (known once the first data row is read, or the file ended).</summary>
    public IReadOnlyList<string>? Header { get; private set; }

    /// <summary>1-based line of the header.</summary>
    public int HeaderLine { get; private set; }

    /// <summary>1-based character column of each header name.</summary>
    public IReadOnlyList<int> HeaderColumns { get; private set; } = [];

    /// <summary>1-based line of the current row.</summary>
    public int Line { get; private set; }

    /// <summary>Cells in the current row.</summary>
    public int Count => _cells.Count;

    /// <summary>The trimmed text of a cell of the current row; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> this[int index] => _row.AsSpan(_cells[index].Start, _cells[index].Length);

    /// <summary>The largest data file read (a year of one-second meter samples is about 1.6 GB).</summary>
    public const long MaximumFileBytes = 2L << 30;

    /// <summary>The longest line of a data file: far above any row of numbers.</summary>
    public const int MaximumLineBytes = 64 << 10;

    /// <summary>
    /// Opens a file; throws <see cref="IOException"/> (also for a directory, a file above <see cref="MaximumFileBytes"/>
    /// or a line above <see cref="MaximumLineBytes"/>, met while reading) or <see cref="UnauthorizedAccessException"/>
    /// when it cannot be read.
    /// </summary>
    public static CsvDataReader Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("it is a directory, not a data file");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new(Options().From(new BoundedStream(file, MaximumFileBytes, MaximumLineBytes)));
    }

    /// <summary>Reads CSV text (for tests and in-memory data).</summary>
    public static CsvDataReader FromText(string text) => new(Options().FromText(text));

    /// <summary>The 1-based character column where a cell of the current row starts.</summary>
    public int Column(int index) => _cells[index].Start + 1;

    /// <summary>The column just after the last cell, for a cell that is missing from the current row.</summary>
    public int EndColumn => _cells.Count == 0 ? 1 : _cells[^1].Start + _cells[^1].Length + 1;

    /// <summary>A cell as a string.</summary>
    public string Text(int index) => this[index].ToString();

    /// <summary>Moves to the next data row; false at the end of the file.</summary>
    public bool Read()
    {
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            // Sep numbers a headerless file's first row as line 2; the line after the previous row is always right.
            Line = _nextLine;
            _nextLine = row.LineNumberToExcl;
            if (!Split(row))
            {
                continue;
            }

            if (IsHeader())
            {
                Header = [.. Enumerable.Range(0, Count).Select(Text)];
                HeaderColumns = [.. Enumerable.Range(0, Count).Select(Column)];
                HeaderLine = Line;
                _dataSeen = true;
                continue;
            }

            _dataSeen = true;
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private static SepReaderOptions Options() =>
        Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true });

    /// <summary>The row's cells up to any comment, trimmed; false when nothing is left.</summary>
    private bool Split(SepReader.Row row)
    {
        var text = row.Span;
        if (_row.Length < text.Length)
        {
            _row = new char[Math.Max(text.Length, _row.Length * 2)];
        }

        _cells.Clear();
        var comment = text.IndexOf('#');
        var end = -1;
        for (var i = 0; i < row.ColCount; i++)
        {
            var cell = row[i].Span;
            // An empty cell overlaps nothing; it starts right after the separator that ends the cell before it.
            var start = text.Overlaps(cell, out var offset) ? offset : end + 1;
            end = start + cell.Length;
            if (comment >= 0 && start > comment)
            {
                break;
            }

            var length = comment >= start ? Math.Min(cell.Length, comment - start) : cell.Length;
            var leading = cell[..length].Length - cell[..length].TrimStart().Length;
            _cells.Add((start + leading, cell[leading..length].TrimEnd().Length));
        }

        // Unescaping rewrites quoted cells in place, so the row is copied after the cells were read.
        text.CopyTo(_row);
        return _cells.Count > 1 || (_cells.Count == 1 && _cells[0].Length > 0);
    }

    /// <summary>A first line whose first cell starts with a letter or an underscore (exports name a key <c>_id</c>).</summary>
    private bool IsHeader() => !_dataSeen && this[0].Length > 0 && (char.IsLetter(this[0][0]) || this[0][0] == '_');
}
