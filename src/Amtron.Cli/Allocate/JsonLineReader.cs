namespace Amtron.Cli.Allocate;

/// <summary>
/// JSON Lines from a byte stream, as the format defines them: lines end at LF (a CR before it is dropped; a CR alone
/// is part of the line, JSON whitespace), bytes stay bytes until the request reader checks them. A line longer than
/// <see cref="MaximumLineBytes"/> is skipped to its end without being kept, so one huge line cannot exhaust memory and
/// the lines after it are still answered.
/// </summary>
internal sealed class JsonLineReader(Stream input)
{
    /// <summary>The longest line read: room for the largest request accepted (100,000 charge points).</summary>
    public const int MaximumLineBytes = 32 << 20;

    private readonly byte[] _chunk = new byte[1 << 16];
    private byte[] _line = new byte[1 << 12];
    private int _chunkStart;
    private int _chunkEnd;
    private bool _atStart = true;

    /// <summary>1-based number of the line last read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line's bytes (valid until the next call), or false at the end. <paramref name="tooLong"/> when it was skipped.</summary>
    public bool TryRead(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        var length = 0;
        tooLong = false;
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
            if (!tooLong && length + take.Length > MaximumLineBytes)
            {
                tooLong = true;
            }

            if (!tooLong)
            {
                if (_line.Length < length + take.Length)
                {
                    Array.Resize(ref _line, Math.Min(MaximumLineBytes, Math.Max(_line.Length * 2, length + take.Length)));
                }

                take.CopyTo(_line.AsSpan(length));
                length += take.Length;
            }

            _chunkStart += take.Length;
            if (newline >= 0)
            {
                _chunkStart++;
                LineNumber++;
                var end = length > 0 && _line[length - 1] == (byte)'\r' ? length - 1 : length;
                line = tooLong ? default : _line.AsSpan(0, end);
                return true;
            }
        }
    }

    private bool Fill()
    {
        _chunkStart = 0;
        _chunkEnd = input.Read(_chunk, 0, _chunk.Length);
        if (_atStart && _chunkEnd >= 3 && _chunk.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
        {
            // A byte order mark some editors write at the start of a file: not part of the first request.
            _chunkStart = 3;
        }

        _atStart = false;
        return _chunkEnd > _chunkStart;
    }
}
