using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Amtron.Hil.Recording;

/// <summary>
/// Writes a recording as JSON Lines: the header, then one line per cycle, each flushed at once (a loop stopped hard
/// keeps every cycle before). Safe to call from several networks' loops.
/// </summary>
public sealed class CycleRecorder : IDisposable
{
    /// <summary>The format of every line (camelCase), with the contracts generated at compile time.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = RecordJson.Default };

    private readonly TextWriter _writer;
    private readonly Lock _gate = new();

    /// <summary>A recorder writing <paramref name="header"/> first to <paramref name="writer"/> (owned: disposed with it).</summary>
    public CycleRecorder(TextWriter writer, RecordHeader header)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        WriteLine(header);
    }

    /// <summary>Writes one cycle.</summary>
    public void Record(CycleRecord cycle) => WriteLine(cycle);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void WriteLine<T>(T value)
    {
        var line = JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T)));
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
