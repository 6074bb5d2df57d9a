using System.Text;
using Amtron.Site.Csv;

namespace Amtron.Site.Tests.Csv;

public sealed class BoundedStreamTests
{
    private static int ReadAll(Stream stream, int chunk)
    {
        var buffer = new byte[chunk];
        var total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static BoundedStream Over(string text, long maximumBytes, int maximumLineBytes) =>
        new(new MemoryStream(Encoding.ASCII.GetBytes(text)), maximumBytes, maximumLineBytes);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public void Lines_up_to_the_bound_pass_whatever_the_chunks(int chunk)
    {
        // Lines of 5, 5 and 4 bytes (CR, LF and CRLF breaks) under a 5-byte bound: 14 bytes and 4 of breaks, 18 in all.
        Assert.Equal(18, ReadAll(Over("12345\r12345\n1234\r\n", 18, 5), chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(64)]
    public void A_line_one_byte_too_long_is_refused_wherever_the_chunks_end(int chunk)
    {
        var error = Assert.Throws<IOException>(() => ReadAll(Over("1234\n123456\n12", 1000, 5), chunk));
        Assert.StartsWith("a line is longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_one_byte_above_the_size_bound_is_refused()
    {
        Assert.Equal(10, ReadAll(Over("123\n567\n90", 10, 5), 4));
        var error = Assert.Throws<IOException>(() => ReadAll(Over("123\n567\n901", 10, 5), 4));
        Assert.StartsWith("the file is larger than", error.Message, StringComparison.Ordinal);
    }
}
