using System.Text.Json;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Hil.Recording;
using Amtron.Site.Model;

namespace Amtron.Hil.Tests;

/// <summary>The recording is JSON Lines, each line on disk as soon as it is written: a loop killed mid-run keeps its record.</summary>
public sealed class CycleRecorderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"amtron-recorder-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_header_and_each_cycle_are_on_disk_as_soon_as_they_are_written()
    {
        using var writer = new StreamWriter(new FileStream(_file, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        using var recorder = new CycleRecorder(writer, new RecordHeader("header", "amtron test", "site.yaml", "name: s\n", false));
        var settings = new DlmSettings(PhaseCurrents.Uniform(32));
        var station = new StationSpec("CS1", StationRole.MasterWithInternalSlave, [new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation)]);
        var network = new NetworkSpec(3, settings, new DlmControllerOptions(), [station]);
        var loop = new HilLoop(network, [new HilPoint(station.ChargePoints[0], station, new FakeCharger("cp1:502"))], null, new HilOptions(), TimeProvider.System, recorder.Record, TextWriter.Null);
        await loop.CycleAsync(CancellationToken.None);

        // Read while the recorder is still open, as after a crash: nothing may be waiting in a buffer.
        using var reader = new StreamReader(new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var header = JsonDocument.Parse(lines[0]);
        using var cycle = JsonDocument.Parse(lines[1]);
        Assert.Equal("header", header.RootElement.GetProperty("type").GetString());
        Assert.Equal("cycle", cycle.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, cycle.RootElement.GetProperty("network").GetInt32());
    }
}
