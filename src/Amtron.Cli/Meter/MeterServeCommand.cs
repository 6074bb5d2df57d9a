using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amtron.Dlm.Units;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.Site.Scenarios;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Meter;

/// <summary>What `amtron meter serve` was asked for.</summary>
internal sealed record MeterServeRequest(string Bind, int Port, byte Unit)
{
    public string? Currents { get; init; }

    public string? Voltage { get; init; }

    public string? PowerFactor { get; init; }

    public bool DigitalInput { get; init; }

    public string? Profile { get; init; }

    public string? Scenario { get; init; }

    public double Speed { get; init; } = 1;

    public bool Loop { get; init; }

    /// <summary>Where to go when the port is not permitted (5020; tests use 0, any free port).</summary>
    public int FallbackPort { get; init; } = MeterServeCommand.FallbackPort;

    /// <summary>Test seam: ports the operating system would refuse to this user (root may bind anything).</summary>
    public Func<int, bool> Forbidden { get; init; } = _ => false;
}

/// <summary>
/// `amtron meter serve`: a virtual PAC2200 on Modbus TCP until Ctrl+C (a scenario's meter: <see cref="ScenarioMeter"/>). Port 502 needs privileges on Linux; when
/// binding it is refused, the meter falls back to <see cref="FallbackPort"/> and says so. It answers its unit id and
/// 0 and 255 (the ids that mean "this device" on TCP); other unit ids get exception 0B.
/// </summary>
internal static class MeterServeCommand
{
    public const int FallbackPort = 5020;
    private const int ExitOk = 0;
    private const int ExitFailure = 1;
    private const int ExitInvalid = 2;
    private const byte BroadcastUnit = 0;
    private const byte ThisDeviceUnit = 255;

    /// <summary>A client that sends nothing for this long is disconnected.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(MeterServeRequest request, TextWriter output, TextWriter error, CancellationToken stop)
    {
        IMeterSource source;
        string describe;
        ScenarioMeter? scenario;
        try
        {
            (source, describe, scenario) = Source(request, TimeProvider.System.GetUtcNow());
        }
        catch (ScenarioException e)
        {
            // One located line per problem, as compilers print them.
            error.WriteLine(e.Message);
            return ExitInvalid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && request.Profile is { } profile)
        {
            // Which file: a read error's message does not always say (a line too long, a directory).
            error.WriteLine($"amtron meter serve: --profile {profile}: {e.Message}");
            return ExitInvalid;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"amtron meter serve: {e.Message}");
            return ExitInvalid;
        }

        if (request.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            error.WriteLine($"amtron meter serve: --port {request.Port} is not a TCP port (0-65535; 0 = any free port)");
            return ExitInvalid;
        }

        if (!IPAddress.TryParse(request.Bind, out var address))
        {
            error.WriteLine($"amtron meter serve: --bind '{request.Bind}' is not an IP address");
            return ExitInvalid;
        }

        // Ctrl+C (SIGINT) and SIGTERM stop the meter cleanly: connections are closed and the count is printed.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);

        // An Including meter's scenario runs alongside; it has published its start before the first request can come.
        var alongside = scenario?.StartAsync(output, stopping.Token) ?? Task.CompletedTask;
        var meter = new Pac2200Meter(source);
        var server = await StartAsync(address, request.Port, request, meter, error).ConfigureAwait(false);
        if (server is null)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await alongside.ConfigureAwait(false);
            return ExitFailure;
        }

        await using (server.ConfigureAwait(false))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"virtual PAC2200 on {server.LocalEndPoint} (Modbus TCP, unit {request.Unit}, also 0 and 255), FC 03/04 at the PAC2200 offsets"));
            output.WriteLine($"  {describe}");
            output.WriteLine("  currents at 13/15/17, voltages at 1/3/5, total active power at 65, energies at 801/809 (float64 Wh); Ctrl+C stops");
            output.Flush();
            var stopped = Task.Delay(Timeout.Infinite, stopping.Token);
            if (await Task.WhenAny(stopped, alongside).ConfigureAwait(false) == alongside)
            {
                // The scenario's end (the meter keeps its last values), or a bug in the run, thrown here.
                await alongside.ConfigureAwait(false);
            }

            try
            {
                await stopped.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await alongside.ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped after {server.RequestsServed} requests"));
        }

        return ExitOk;
    }

    private static async Task<ModbusTcpServer?> StartAsync(IPAddress address, int port, MeterServeRequest request, Pac2200Meter meter, TextWriter error)
    {
        IModbusDataModel? Units(byte id) => id == request.Unit || id == BroadcastUnit || id == ThisDeviceUnit ? meter : null;
        // A DLM master polls every few seconds: a connection silent for a minute is gone, and its slot is freed.
        var server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(address, port), IdleTimeout = IdleTimeout }, Units);
        try
        {
            if (request.Forbidden(port))
            {
                throw new SocketException((int)SocketError.AccessDenied);
            }

            await server.StartAsync().ConfigureAwait(false);
            return server;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied && port != request.FallbackPort)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            error.WriteLine($"amtron meter serve: port {port} is not permitted for this user (ports below 1024 need root or CAP_NET_BIND_SERVICE); using {request.FallbackPort} instead");
            return await StartAsync(address, request.FallbackPort, request, meter, error).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            error.WriteLine($"amtron meter serve: cannot listen on {address}:{port}: {e.Message}");
            return null;
        }
    }

    private static (IMeterSource Source, string Description, ScenarioMeter? Scenario) Source(MeterServeRequest request, DateTimeOffset now)
    {
        var chosen = new[] { request.Currents, request.Profile, request.Scenario }.Count(s => s is not null);
        if (chosen > 1)
        {
            throw new FormatException("give one load source: --currents, --profile or --scenario");
        }

        if (!(request.Speed > 0) || double.IsInfinity(request.Speed))
        {
            throw new FormatException($"--speed must be a positive number, not {request.Speed.ToString(CultureInfo.InvariantCulture)}");
        }

        var voltages = Triple(request.Voltage ?? "230", "--voltage", 0, 1000);
        if (request.Profile is { } profile)
        {
            var replay = ProfileSource.Load(profile, now, request.Speed, request.Loop, new Volts(voltages[0]));
            return (replay, string.Create(CultureInfo.InvariantCulture, $"profile {profile}: {replay.Rows} rows over {replay.Length}, at {request.Speed}x real time{(request.Loop ? ", looping" : string.Empty)}"), null);
        }

        if (request.Scenario is { } scenarioPath)
        {
            var scenario = ScenarioMeter.Of(ScenarioLoader.Load(scenarioPath), scenarioPath, now, request.Speed);
            return (scenario.Source, scenario.Description, scenario);
        }

        var currents = Triple(request.Currents ?? "0", "--currents", -100_000, 100_000);
        var factors = Triple(request.PowerFactor ?? "1", "--power-factor", 0, 1);
        var sample = new MeterSample(PhaseCurrents.FromDoubles(currents[0], currents[1], currents[2]))
        {
            Voltages = [new Volts(voltages[0]), new Volts(voltages[1]), new Volts(voltages[2])],
            PowerFactors = factors,
            DigitalInput = request.DigitalInput,
        };
        return (new ConstantSource(sample), string.Create(CultureInfo.InvariantCulture, $"constant: I = {currents[0]}, {currents[1]}, {currents[2]} A; U = {voltages[0]}, {voltages[1]}, {voltages[2]} V; PF {factors[0]}, {factors[1]}, {factors[2]}; DI {(request.DigitalInput ? 1 : 0)}"), null);
    }

    /// <summary>"a" (all three phases) or "a,b,c", each a finite number in [min, max].</summary>
    private static double[] Triple(string text, string option, double min, double max)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (1 or 3))
        {
            throw new FormatException($"{option} '{text}': give one value or three (L1,L2,L3)");
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < min || values[i] > max)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{option} '{parts[i]}' is not a number from {min} to {max}"));
            }
        }

        return values.Length == 3 ? values : [values[0], values[0], values[0]];
    }
}
