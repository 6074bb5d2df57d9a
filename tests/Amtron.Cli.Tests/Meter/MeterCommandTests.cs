using Amtron.Cli.Meter;

namespace Amtron.Cli.Tests.Meter;

/// <summary>`amtron meter serve` and `amtron meter read` in-process: what they print, their exit codes, bad input.</summary>
public sealed class MeterCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-meter-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>`meter read` against the served port; generous timeout: other test classes load both cores meanwhile.</summary>
    private static async Task<string> ReadAsync(int port, string host = "127.0.0.1")
    {
        var text = new StringWriter();
        var error = new StringWriter();
        var exit = await MeterReadCommand.RunAsync($"{host}:{port}", 1, 15_000, text, error, CancellationToken.None);
        Assert.True(exit == 0, $"meter read exited {exit}: {error}");
        return text.ToString();
    }

    [Fact]
    public async Task Serve_constant_currents_and_read_them_back()
    {
        string read = string.Empty;
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Currents = "7.25,8.5,-9.75", DigitalInput = true }, async port =>
        {
            read = await ReadAsync(port);
        });
        Assert.Equal(0, exit);
        Assert.Contains("L1     7.250 A  L2     8.500 A  L3    -9.750 A", read, StringComparison.Ordinal);
        Assert.Contains("digital input on", read, StringComparison.Ordinal);
        Assert.Contains("I = 7.25, 8.5, -9.75 A", output, StringComparison.Ordinal);
        Assert.Matches(@"stopped after [1-9]\d* requests", output);
    }

    [Fact]
    public async Task Serve_and_read_over_ipv6_loopback()
    {
        string read = string.Empty;
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("::1", 0, 1) { Currents = "5" }, async port =>
        {
            read = await ReadAsync(port, "[::1]");
        });
        Assert.Equal(0, exit);
        Assert.Contains("virtual PAC2200 on [::1]:", output, StringComparison.Ordinal);
        Assert.Contains("PAC2200 at [::1]:", read, StringComparison.Ordinal);
        Assert.Contains("L1     5.000 A", read, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meter.local", "meter.local", 502)]
    [InlineData("10.0.0.5:5020", "10.0.0.5", 5020)]
    [InlineData("::1", "::1", 502)]
    [InlineData("[::1]", "::1", 502)]
    [InlineData("[fe80::1]:1502", "fe80::1", 1502)]
    public void Targets_are_host_port_or_ipv6_in_brackets(string target, string host, int port)
    {
        Assert.True(MeterReadCommand.TryParseTarget(target, out var h, out var p));
        Assert.Equal((host, port), (h, p));
    }

    [Theory]
    [InlineData("[::1")]
    [InlineData("[::1]5020")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("a:b:c")]
    [InlineData("")]
    public void Malformed_targets_are_refused(string target) => Assert.False(MeterReadCommand.TryParseTarget(target, out _, out _));

    [Fact]
    public async Task Serve_a_csv_profile_replayed_in_scaled_time()
    {
        var profile = Path.Combine(_work, "profile.csv");
        File.WriteAllText(profile, "time,I1,I2,I3,DI\n0,1,2,3,0\n3600,10,20,30,1\n");
        var reads = new List<string>();
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Profile = profile, Speed = 36_000 }, async port =>
        {
            // At 36,000x the second row (one hour in) is reached after 0.1 s.
            await Task.Delay(500);
            reads.Add(await ReadAsync(port));
        });
        Assert.Equal(0, exit);
        Assert.Contains("2 rows", output, StringComparison.Ordinal);
        Assert.Contains("L1    10.000 A", reads[0], StringComparison.Ordinal);
        Assert.Contains("digital input on", reads[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_the_external_loads_of_a_scenario()
    {
        // Manual 6.3.1: at the scenario's start (00:00) only the base load of 2.5/1.8/2.2 A runs.
        var scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "6.3.1-house-meter-excluding.yaml");
        var read = string.Empty;
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Scenario = scenario }, async port =>
        {
            read = await ReadAsync(port);
        });
        Assert.Equal(0, exit);
        Assert.Contains("'6.3.1 House", output, StringComparison.Ordinal);
        Assert.Contains("external loads only (its meter excludes the charge points, manual 6.3.1)", output, StringComparison.Ordinal);
        Assert.Contains("L1     2.500 A  L2     1.800 A  L3     2.200 A", read, StringComparison.Ordinal);
    }

    /// <summary>
    /// One 16 A point, a 3-phase vehicle with a 16 A charger plugged in from the start (100 kWh battery: still charging
    /// at the end), a constant 5 A external load, the meter where <paramref name="location"/> says.
    /// </summary>
    private string MeteredSite(string location)
    {
        var path = Path.Combine(_work, $"{location}.yaml");
        File.WriteAllText(path, $$"""
            name: {{location}}
            start: 2026-06-01T00:00:00Z
            duration: 1h
            externalLoads: [{name: house, constant: [5, 5, 5]}]
            meter: {type: PAC2200, pollInterval: 5s}
            networks:
              - id: 0
                sampleRate: 10s
                settings:
                  evseSubDistributionLimit: 32
                  operatorEvseSubDistributionLimit: 32
                  externalMeter: {location: {{location}}, mainDistributionLimit: 100}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {chargePoint: CP1, arrival: 2026-06-01T00:00:00Z, departure: 2026-06-01T01:00:00Z, energyKWh: 50, batteryKWh: 100, maxCurrent: 16, phases: 3, reactionDelay: 2s}
            """);
        return path;
    }

    [Fact]
    public async Task An_including_meter_serves_the_external_loads_plus_the_charge_points_draw()
    {
        // Manual 6.3.2: the meter sees the 5 A load and the vehicle's 16 A on each phase, 21 A. At 3,600x the hour is over
        // in a second; then the meter keeps the end's values (the vehicle still charging), so the reading is that.
        var read = string.Empty;
        var served = new ServedMeter.SyncWriter();
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Scenario = MeteredSite("including"), Speed = 3600 }, async port =>
        {
            // A guard, not a timing: the end comes after a wall second, later on a loaded machine.
            var guard = DateTime.UtcNow.AddSeconds(60);
            while (!served.Text.Contains("'including' ended at 2026-06-01 01:00:00Z (simulated); the meter keeps its last values", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < guard, $"the scenario did not end: {served.Text}");
                await Task.Delay(20);
            }

            read = await ReadAsync(port);
        }, output: served);
        Assert.Equal(0, exit);
        Assert.Contains("'including': external loads + charge points (its meter includes the EVSE sub-distribution, manual 6.3.2", output, StringComparison.Ordinal);
        Assert.Contains("L1    21.000 A  L2    21.000 A  L3    21.000 A", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_excluding_meter_serves_the_external_loads_alone()
    {
        var read = string.Empty;
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Scenario = MeteredSite("excluding"), Speed = 3600 }, async port =>
        {
            read = await ReadAsync(port);
        });
        Assert.Equal(0, exit);
        Assert.Contains("'excluding': external loads only", output, StringComparison.Ordinal);
        Assert.Contains("L1     5.000 A  L2     5.000 A  L3     5.000 A", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_without_a_meter_or_external_loads_is_refused()
    {
        var error = new StringWriter();
        var scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "6.1-car-park.yaml");
        Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Scenario = scenario }, TextWriter.Null, error, CancellationToken.None));
        Assert.Equal($"amtron meter serve: {scenario}: the scenario has no meter and no external loads to serve", error.ToString().Trim());
    }

    [Fact]
    public async Task A_port_the_user_may_not_bind_falls_back_with_a_message()
    {
        var error = new ServedMeter.SyncWriter();
        var (exit, output, _) = await ServedMeter.ServeAsync(new MeterServeRequest("127.0.0.1", 502, 1) { Currents = "1", FallbackPort = 0, Forbidden = port => port == 502 }, _ => Task.CompletedTask, error);
        Assert.Equal(0, exit);
        Assert.Contains("port 502 is not permitted for this user", error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(":502 ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2", null, "--currents '1,2'")]
    [InlineData("abc", null, "--currents 'abc'")]
    [InlineData(null, "missing.csv", "missing.csv")]
    public async Task Bad_sources_exit_2_with_one_line(string? currents, string? profile, string expected)
    {
        var error = new StringWriter();
        var exit = await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Currents = currents, Profile = profile is null ? null : Path.Combine(_work, profile) }, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_profile_line_is_reported_with_file_and_line()
    {
        var profile = Path.Combine(_work, "bad.csv");
        File.WriteAllText(profile, "time,I1,I2,I3\n0,1,2,3\n10,1,x,3\n");
        var error = new StringWriter();
        Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Profile = profile }, TextWriter.Null, error, CancellationToken.None));
        // "10,1,x,3": I2 after "10,1," (5 characters), column 6; printed as the compiler-style line alone.
        Assert.Equal($"{profile}:3:6: I2 must be a number from -100000 to 100000, not 'x'", error.ToString().Trim());
    }

    [Fact]
    public async Task A_profile_that_is_a_directory_or_has_no_lines_is_one_line_naming_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "profiles")).FullName;
        var blob = Path.Combine(_work, "blob.csv");
        File.WriteAllBytes(blob, new byte[(64 << 10) + 1]);
        foreach (var (profile, why) in new[] { (folder, "it is a directory, not a data file"), (blob, "a line is longer than 64 KB: not a file of data rows") })
        {
            var error = new StringWriter();
            Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Profile = profile }, TextWriter.Null, error, CancellationToken.None));
            Assert.Equal($"amtron meter serve: --profile {profile}: {why}", error.ToString().Trim());
        }
    }

    [Fact]
    public async Task Two_sources_at_once_and_a_bad_bind_address_are_refused()
    {
        var error = new StringWriter();
        Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", 0, 1) { Currents = "1", Scenario = "x.yaml" }, TextWriter.Null, error, CancellationToken.None));
        Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("localhost-ish", 0, 1) { Currents = "1" }, TextWriter.Null, error, CancellationToken.None));
        Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", 70000, 1) { Currents = "1" }, TextWriter.Null, error, CancellationToken.None));
        Assert.Equal(2, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", -1, 1) { Currents = "1" }, TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("--port 70000 is not a TCP port", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_is_a_clear_error_and_exit_1()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();
        Assert.Equal(1, await MeterServeCommand.RunAsync(new MeterServeRequest("127.0.0.1", port, 1) { Currents = "1" }, TextWriter.Null, error, CancellationToken.None));
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:abc")]
    [InlineData("")]
    public async Task Read_with_a_bad_target_exits_2(string target)
    {
        var error = new StringWriter();
        Assert.Equal(2, await MeterReadCommand.RunAsync(target, 1, 1000, TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("is not HOST or HOST:PORT", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_of_a_meter_that_is_not_there_exits_1_with_the_reason()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var error = new StringWriter();
        Assert.Equal(1, await MeterReadCommand.RunAsync($"127.0.0.1:{port}", 1, 500, TextWriter.Null, error, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port} unit 1:", error.ToString(), StringComparison.Ordinal);
    }
}
