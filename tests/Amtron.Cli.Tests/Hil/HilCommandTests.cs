using Amtron.Cli.Hil;
using Amtron.Hil;

namespace Amtron.Cli.Tests.Hil;

/// <summary>`amtron hil` refuses what it cannot run before it touches a device: every problem at once, exit 2.</summary>
public sealed class HilCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-hil-cmd-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<(int Exit, string Output, string Error)> Run(string yaml, string? record = null)
    {
        var site = Path.Combine(_work, "site.yaml");
        await File.WriteAllTextAsync(site, yaml);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await HilCommand.RunAsync(site, new HilOptions { Cycles = 1 }, record, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_station_without_its_server_or_an_address_and_a_meter_without_a_host_are_named_together()
    {
        var (exit, output, error) = await Run("""
            name: bench
            start: 2026-06-01T00:00:00Z
            duration: 1d
            meter: {type: PAC2200}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32, externalMeter: {location: excluding, mainDistributionLimit: 40}}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
                  - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
            """);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var lines = error.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("station CS1: its Modbus TCP server is off", lines[0], StringComparison.Ordinal);
        Assert.Contains("station CS2: no address to reach its EMS interface", lines[1], StringComparison.Ordinal);
        Assert.Contains("network 0 uses the external meter, but the site file does not say where it answers", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_is_never_written_over_an_existing_file()
    {
        var record = Path.Combine(_work, "day.jsonl");
        await File.WriteAllTextAsync(record, "the user's\n");
        var (exit, _, error) = await Run("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks: [{id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}]\n", record);

        Assert.Equal(2, exit);
        Assert.Contains("--record", error, StringComparison.Ordinal);
        Assert.Contains("the file exists", error, StringComparison.Ordinal);
        Assert.Equal("the user's\n", await File.ReadAllTextAsync(record));
    }

    [Fact]
    public void A_replay_of_a_missing_file_is_one_line_and_exit_2()
    {
        var error = new StringWriter();
        Assert.Equal(2, HilCommand.Replay(Path.Combine(_work, "none.jsonl"), TextWriter.Null, error));
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.StartsWith("amtron hil replay: ", error.ToString(), StringComparison.Ordinal);
    }
}
