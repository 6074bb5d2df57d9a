namespace Amtron.Site.Csv;

/// <summary>
/// Reads a data file with two bounds, so that a device or pipe that never ends (/dev/zero) or a file that is not line
/// data is refused with a clear error instead of filling memory: the file's size and the length of one line.
/// </summary>
internal sealed class BoundedStream(Stream inner, long maximumBytes, int maximumLineBytes) : Stream
{
    private long _read;
    private long _sinceLineBreak;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        _read += bytes.Length;
        if (_read > maximumBytes)
        {
            throw new IOException($"the file is larger than {maximumBytes >> 20} MB, the most a data file may be");
        }

        while (true)
        {
            var lineBreak = bytes.IndexOfAny((byte)'\n', (byte)'\r');
            _sinceLineBreak += lineBreak < 0 ? bytes.Length : lineBreak;
            if (_sinceLineBreak > maximumLineBytes)
            {
                throw new IOException($"a line is longer than {maximumLineBytes >> 10} KB: not a file of data rows");
            }

            if (lineBreak < 0)
            {
                return;
            }

            _sinceLineBreak = 0;
            bytes = bytes[(lineBreak + 1)..];
        }
    }
}
