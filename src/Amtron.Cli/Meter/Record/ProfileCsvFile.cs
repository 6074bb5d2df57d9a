using System.Globalization;
using System.Text;

namespace Amtron.Cli.Meter.Record;

/// <summary>
/// A meter profile being written: rows <c>time,I1,I2,I3</c> as `amtron meter serve --profile` and a scenario's
/// <c>externalLoads[].csv</c> read them. The file is created exclusively (an existing file is never written over)
/// and each row is flushed to the operating system whole as it is taken, not staged and renamed at the end: a
/// recording killed at 59 minutes keeps its 59 minutes, and whoever reads the file meanwhile sees whole rows only
/// (one small write per row).
/// </summary>
internal sealed class ProfileCsvFile : IDisposable
{
    private readonly StreamWriter _writer;

    private ProfileCsvFile(StreamWriter writer) => _writer = writer;

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <summary>Creates <paramref name="path"/> (IOException when it exists) with a comment line and the header.</summary>
    public static ProfileCsvFile Create(string path, string comment)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var file = new ProfileCsvFile(new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" });
        file._writer.Write($"# {comment.ReplaceLineEndings(" ")}\ntime,I1,I2,I3\n");
        file._writer.Flush();
        return file;
    }

    /// <summary>
    /// One row: the time in UTC to the millisecond, each current as the meter's float32 gives it (its shortest exact
    /// decimal: 8.1, not 8.100000381469727), signed as the meter reports it (negative = export).
    /// </summary>
    public void Append(DateTimeOffset time, IReadOnlyList<double> currentsA)
    {
        ArgumentNullException.ThrowIfNull(currentsA);
        var c = CultureInfo.InvariantCulture;
        _writer.Write(string.Create(c, $"{Time(time)},{(float)currentsA[0]},{(float)currentsA[1]},{(float)currentsA[2]}\n"));
        _writer.Flush();
        Rows++;
    }

    /// <summary>An instant as the profile writes it: ISO 8601 UTC, milliseconds.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void Dispose() => _writer.Dispose();
}
