namespace Amtron.Site.JsonLines;

/// <summary>
/// JSON Lines from a byte stream, as the format defines them: lines end at LF (a CR before it is dropped; a CR alone
/// is part of the line, JSON whitespace), bytes stay bytes until the caller's parser checks them, a byte order mark
/// before the first line is skipped. A line longer than the caller's cap is reported as soon as the cap is passed,
/// without being kept or read to its end (a line may never end: /dev/zero); the next read skips the rest of it. So
/// memory stays bounded whatever the input. Read by `amtron allocate` (requests) and `amtron hil replay` (recordings).
/// </summary>
/// <param name="input">The stream, read from where it is; not disposed.</param>
/// <param name="maximumLineBytes">The longest line returned, in bytes (a CR before the LF included).</param>
public sealed class JsonLineReader(Stream input, int maximumLineBytes)
{
    private readonly byte[] _chunk = new byte[1 << 16];
    private byte[] _line = new byte[1 << 12];
    private int _chunkStart;
    private int _chunkEnd;
    private bool _atStart = true;
    private bool _inLongLine;

    /// <summary>1-based number of the line last read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>
    /// The next line's bytes (valid until the next call), or false at the end. <paramref name="tooLong"/> when the line
    /// passed the cap: <paramref name="line"/> is then empty.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        line = default;
        tooLong = false;
        if (_inLongLine && !SkipRestOfLine())
        {
            return false;
        }

        var length = 0;
        var any = false;
        while (true)
        {
            if (_chunkStart == _chunkEnd && !Fill())
            {
                LineNumber += any ? 1 : 0;
                line = _line.AsSpan(0, length);
                return any;
            }

            any = true;
            var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
            var newline = available.IndexOf((byte)'\n');
            var take = newline < 0 ? available : available[..newline];
            if (length + take.Length > maximumLineBytes)
            {
                LineNumber++;
                tooLong = true;
                _inLongLine = newline < 0;
                _chunkStart += newline < 0 ? take.Length : newline + 1;
                return true;
            }

            if (_line.Length < length + take.Length)
            {
                Array.Resize(ref _line, Math.Min(maximumLineBytes, Math.Max(_line.Length * 2, length + take.Length)));
            }

            take.CopyTo(_line.AsSpan(length));
            length += take.Length;
            _chunkStart += take.Length;
            if (newline >= 0)
            {
                _chunkStart++;
                LineNumber++;
                var end = length > 0 && _line[length - 1] == (byte)'\r' ? length - 1 : length;
                line = _line.AsSpan(0, end);
                return true;
            }
        }
    }

    /// <summary>Reads past the end of the line reported too long; false when the input ends first.</summary>
    private bool SkipRestOfLine()
    {
        while (_chunkStart < _chunkEnd || Fill())
        {
            var newline = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _chunkStart += newline + 1;
                _inLongLine = false;
                return true;
            }

            _chunkStart = _chunkEnd;
        }

        _inLongLine = false;
        return false;
    }

    private bool Fill()
    {
        _chunkStart = 0;
        _chunkEnd = input.Read(_chunk, 0, _chunk.Length);
        if (_atStart && _chunkEnd >= 3 && _chunk.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
        {
            // A byte order mark some editors write at the start of a file: not part of the first line.
            _chunkStart = 3;
        }

        _atStart = false;

        // A read that brought the mark alone (a pipe) is not the end.
        return _chunkEnd > _chunkStart || (_chunkEnd > 0 && Fill());
    }
}
