using Amtron.Cli.Hil;
using Amtron.Hil;
using Amtron.Hil.Recording;

namespace Amtron.Cli.Tests.Hil;

/// <summary>`amtron hil` refuses what it cannot run before it touches a device: every problem at once, exit 2.</summary>
public sealed class HilCommandTests : IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions HeaderJson = new(System.Text.Json.JsonSerializerDefaults.Web);

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
    public void A_replay_of_a_missing_file_or_a_directory_says_so_in_one_line_and_exit_2()
    {
        var missing = Path.Combine(_work, "none.jsonl");
        Assert.Equal((2, $"amtron hil replay: {missing}: no such file\n"), Replay(missing));
        Assert.Equal((2, $"amtron hil replay: {_work}: is a directory\n"), Replay(_work));
    }

    [Fact]
    public async Task A_replay_of_dev_zero_ends_promptly_with_one_line_and_exit_2()
    {
        using var process = AmtronProcess.Start("hil", "replay", "/dev/zero");
        Assert.Equal(2, await process.ExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("amtron hil replay: /dev/zero:1: the line is longer than 16 MiB, the most a line of a recording may be; the replay stops here\n", process.Error);
    }

    [Fact]
    public async Task A_replay_lists_the_first_10000_differing_cycles_and_counts_the_rest()
    {
        const string Site = "name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks: [{id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}]}]\n";

        // Recorded: a command for CP1; replayed: none, as no vehicle is there.
        const string Cycle = "{\"type\":\"cycle\",\"network\":0,\"cycle\":1,\"time\":\"2026-06-01T00:00:00Z\",\"input\":{\"meterFailed\":true,\"meterMilliamps\":[0,0,0],\"digitalInput\":false},\"observations\":[],\"decision\":{\"availableMilliamps\":[0,0,0],\"boundBy\":[],\"meterStatus\":\"failed\",\"commands\":[{\"id\":\"CP1\",\"current\":16,\"wakeup\":false,\"reason\":\"Allocated\"}],\"outcomes\":[]}}";
        var header = System.Text.Json.JsonSerializer.Serialize(new RecordHeader("header", "test", "site.yaml", Site, false), HeaderJson);
        var recording = Path.Combine(_work, "day.jsonl");
        await File.WriteAllTextAsync(recording, header + "\n" + string.Concat(Enumerable.Repeat(Cycle + "\n", 10_002)));

        var output = new StringWriter();
        Assert.Equal(1, HilCommand.Replay(recording, output, TextWriter.Null));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10_002, lines.Length);
        Assert.Equal($"{recording}:10001: network 0 cycle 1 at 2026-06-01T00:00:00.0000000+00:00: the commands differ in order or number", lines[9_999]);
        Assert.Equal("... and 2 more cycles decided differently, not listed", lines[10_000]);
        Assert.Equal("10002 cycles replayed, 10002 decided differently", lines[10_001]);
    }

    private static (int Exit, string Error) Replay(string path)
    {
        var error = new StringWriter();
        var exit = HilCommand.Replay(path, TextWriter.Null, error);
        return (exit, error.ToString());
    }
}
