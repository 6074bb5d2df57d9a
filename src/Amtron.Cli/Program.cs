using System.CommandLine;
using Amtron.Cli.Allocate;

namespace Amtron.Cli;

/// <summary>The `amtron` command: composition root.</summary>
internal static class Program
{
    /// <summary>Exit code for a command line that could not be understood.</summary>
    private const int ExitUsage = 2;

    /// <summary>Exit code for a failure of the tool itself (a bug): the message, and the trace with --verbose.</summary>
    private const int ExitInternal = 3;

    private static int Main(string[] args)
    {
        var root = new RootCommand("Amtron: test bench for the Dynamic Load Management of MENNEKES AMTRON charging stations.");
        var verbose = new Option<bool>("--verbose") { Description = "On an internal error, print the whole trace.", Recursive = true };
        root.Options.Add(verbose);
        var allocate = new Command(
            "allocate",
            "Answer DLM decisions: JSON Lines requests on standard input, one JSON response line each on standard output.");
        var timing = new Option<bool>("--timing") { Description = "Print requests, wall time and time per request to standard error." };
        allocate.Options.Add(timing);
        allocate.SetAction(parsed =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            try
            {
                return AllocateCommand.Run(input, output, parsed.GetValue(timing) ? Console.Error : null);
            }
            catch (IOException e)
            {
                // Standard input that cannot be read (a directory) or output that cannot be written (a full disk).
                Console.Error.WriteLine($"amtron allocate: {e.Message}");
                return ExitUsage;
            }
        });
        root.Subcommands.Add(allocate);

        var scenarios = new Argument<string[]>("scenario") { Description = "Scenario files (YAML) or patterns such as scenarios/*.yaml; without any, the bundled demo " + Run.RunCommand.DemoScenario, Arity = ArgumentArity.ZeroOrMore };
        var outDirectory = new Option<string?>("--out") { Description = "Directory for the results (default out/<scenario name>; with several scenarios, DIR/<scenario name>)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors and failed assertions." };
        var summaryJson = new Option<bool>("--json") { Description = "Print each run's summary.json on standard output instead of the table." };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when a limit was exceeded, even without an assertion about it." };
        var timeSeries = new Option<string>("--timeseries") { Description = "timeseries.csv: full (every change), an interval such as 1m (the peaks of each), or off.", DefaultValueFactory = _ => "full" };
        var serveEms = new Option<bool>("--serve-ems") { Description = "Run live, paced by the wall clock: every charge point of a station whose Modbus TCP server is on serves the AMTRON EMS interface (docs/ems-modbus.md); a write to register 1000 acts at the simulated instant it arrives." };
        var emsPort = new Option<int?>("--ems-port") { Description = "With --serve-ems: the first EMS port, the next charge points on the following ports (default: each station's basePort from the site file)." };
        var serveMeter = new Option<int?>("--serve-meter") { Description = "Run live and serve the site's meter as a virtual PAC2200 on this port (0: any free port)." };
        var speed = new Option<double>("--speed") { Description = "With --serve-ems or --serve-meter: simulated seconds per wall-clock second (default 1, real time).", DefaultValueFactory = _ => 1 };
        var bindLive = new Option<string>("--bind") { Description = "With --serve-ems or --serve-meter: the address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var set = new Option<string[]>("--set") { Description = "Change a value of the scenario before it is read: PATH=VALUE, PATH by keys and [index]es (networks[0].settings.evseSubDistributionLimit=[80, 80, 80], networks[0].queueing=roundRobin); repeatable. A bad path or value is an error located in it.", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<string?>("--seed") { Description = "The scenario's seed (as --set seed=N)." };
        var run = new Command("run", "Simulate a site from a scenario file and check its assertions.");
        run.Arguments.Add(scenarios);
        run.Options.Add(outDirectory);
        run.Options.Add(quiet);
        run.Options.Add(summaryJson);
        run.Options.Add(timeSeries);
        run.Options.Add(strict);
        foreach (var option in new Option[] { set, seed, serveEms, emsPort, serveMeter, speed, bindLive })
        {
            run.Options.Add(option);
        }

        run.SetAction(parsed =>
        {
            using var signals = new Run.StopSignals();
            var mode = parsed.GetValue(summaryJson) ? Run.RunOutput.Json : parsed.GetValue(quiet) ? Run.RunOutput.Quiet : Run.RunOutput.Table;
            if (!Run.RunCommand.TryParseTimeSeries(parsed.GetValue(timeSeries)!, out var write, out var interval))
            {
                Console.Error.WriteLine($"amtron: --timeseries: must be full, off or an interval such as 1m, 15m or 1h, not '{parsed.GetValue(timeSeries)}'");
                return ExitUsage;
            }

            if (Run.Live.LiveArguments.Parse(parsed.GetValue(serveEms), parsed.GetValue(emsPort), parsed.GetValue(serveMeter), parsed.GetResult(speed) is { Implicit: false } ? parsed.GetValue(speed) : null, parsed.GetResult(bindLive) is { Implicit: false } ? parsed.GetValue(bindLive) : null, out var live) is { } problem)
            {
                Console.Error.WriteLine($"amtron: {problem}");
                return ExitUsage;
            }

            var overrides = new List<Amtron.Site.Scenarios.ScenarioOverride>();
            foreach (var assignment in parsed.GetValue(set) ?? [])
            {
                if (Amtron.Site.Scenarios.ScenarioOverride.FromAssignment(assignment, out var wrong) is not { } change)
                {
                    Console.Error.WriteLine($"amtron: {wrong}");
                    return ExitUsage;
                }

                overrides.Add(change);
            }

            if (parsed.GetValue(seed) is { } seedText)
            {
                overrides.Add(Amtron.Site.Scenarios.ScenarioOverride.Seed(seedText));
            }

            return Run.RunCommand.RunAll(parsed.GetValue(scenarios) ?? [], parsed.GetValue(outDirectory), Console.Out, Console.Error, new Run.RunOptions(mode, interval, write, parsed.GetValue(strict), live) { Overrides = overrides }, signals.Token);
        });
        root.Subcommands.Add(run);

        root.Subcommands.Add(MeterCommand());
        root.Subcommands.Add(HilCommand());
        root.Subcommands.Add(Sweep.SweepCommands.Create());
        root.Subcommands.Add(Sweep.SizeCommand.Create());

        var site = new Argument<string>("site") { Description = "Site file: the scenario YAML with a network part per station (docs/check.md)." };
        var json = new Option<bool>("--json") { Description = "Print {\"findings\":[...]} instead of text." };
        var check = new Command("check", "Check an installation plan against the manual's rules (addressing, DHCP, gateway, OCPP, firmware, DLM, cabling). Exit 0: no errors, 1: errors, 2: invalid file.");
        check.Arguments.Add(site);
        check.Options.Add(json);
        check.SetAction(parsed => Check.CheckCommand.Run(parsed.GetValue(site)!, parsed.GetValue(json), Console.Out, Console.Error));
        root.Subcommands.Add(check);

        // A server, and the live loop whose cycle is its sockets' round trips (docs/performance.md): continuations
        // on the socket thread. `run --serve-ems` serves too, but simulates on the same threads, so it is left as it is.
        if (args is ["meter", "serve", ..] or ["hil", ..])
        {
            InlineSocketCompletions.Prefer();
        }

        if (args.Length == 0)
        {
            args = ["--help"];
        }

        var parsed = root.Parse(args);
        if (UsageErrors.UnknownOption(parsed, check, site) is { } unknown)
        {
            Console.Error.WriteLine(unknown);
            return ExitUsage;
        }

        if (parsed.Errors.Count > 0)
        {
            var messages = parsed.Errors.Select(e => UsageErrors.Explain(e.Message)).Where(m => !m.StartsWith("Required command", StringComparison.Ordinal)).DefaultIfEmpty(parsed.Errors[0].Message);
            Console.Error.WriteLine($"amtron: {string.Join("; ", messages)} (see 'amtron --help')");
            return ExitUsage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The one place every unexpected failure becomes one line and an exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine(InternalError(e, parsed.GetValue(verbose)));
            return ExitInternal;
        }
    }

    /// <summary>A failure of the tool itself: one line (type and message, line breaks folded), or with --verbose the whole trace.</summary>
    internal static string InternalError(Exception e, bool verbose) => verbose
        ? $"amtron: internal error: {e}"
        : $"amtron: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (rerun with --verbose for the trace)";

    private static Command HilCommand()
    {
        var site = new Argument<string>("site") { Description = "Site file (the scenario YAML) with each station's EMS address (modbus: {server: on, host, basePort, unit}) and the meter's (meter: {host, port, unit}); docs/hil.md." };
        var write = new Option<bool>("--write") { Description = "Write the HEMS current limit (register 1000) to the charge points. Without it, a DRY RUN (the default): decisions are printed and recorded, nothing is written." };
        var record = new Option<string?>("--record") { Description = "Record every cycle to this JSON Lines file (a new file; never written over): time, meter reading, observations, decision with its bounds, writes, errors." };
        var safePause = new Option<bool>("--safe-pause") { Description = "On Ctrl+C or SIGTERM leave every charge point paused (0 A) instead of at its safe current (register 131)." };
        var cycles = new Option<long?>("--cycles") { Description = "Stop after this many cycles per network (default: until Ctrl+C or SIGTERM)." };
        var hil = new Command("hil", "Run the site's DLM masters live against a real PAC2200 and real AMTRON charge points over Modbus TCP, every sample period: read, decide, write. A dry run unless --write.");
        hil.Arguments.Add(site);
        foreach (var option in new Option[] { write, record, safePause, cycles })
        {
            hil.Options.Add(option);
        }

        hil.SetAction(async (parsed, cancellation) =>
        {
            if (parsed.GetValue(cycles) is < 1)
            {
                Console.Error.WriteLine($"amtron: --cycles must be at least 1, not {parsed.GetValue(cycles)}");
                return ExitUsage;
            }

            using var signals = new Run.StopSignals();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellation);
            var options = new Amtron.Hil.HilOptions { Write = parsed.GetValue(write), SafePause = parsed.GetValue(safePause), Cycles = parsed.GetValue(cycles) };
            return await Hil.HilCommand.RunAsync(parsed.GetValue(site)!, options, parsed.GetValue(record), Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
        });

        var recording = new Argument<string>("recording") { Description = "A recording made with amtron hil --record." };
        var replay = new Command("replay", "Decide a recording's cycles again offline and list every decision that differs (exit 1 when one does).");
        replay.Arguments.Add(recording);
        replay.SetAction(parsed => Hil.HilCommand.Replay(parsed.GetValue(recording)!, Console.Out, Console.Error));
        hil.Subcommands.Add(replay);
        return hil;
    }

    private static Command MeterCommand()
    {
        var meter = new Command("meter", "A virtual Siemens PAC2200 meter on Modbus TCP, or read any PAC2200.");
        var port = new Option<int>("--port") { Description = "TCP port (502 needs privileges; falls back to 5020 with a message).", DefaultValueFactory = _ => 502 };
        var bind = new Option<string>("--bind") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var unit = new Option<byte>("--unit") { Description = "Modbus unit id (0 and 255 are answered too).", DefaultValueFactory = _ => 1 };
        var currents = new Option<string?>("--currents") { Description = "Constant currents in A: one value or L1,L2,L3 (negative = export), e.g. 7.25,8.5,9.75." };
        var voltage = new Option<string?>("--voltage") { Description = "Voltage L-N in V: one value or L1,L2,L3 (default 230)." };
        var powerFactor = new Option<string?>("--power-factor") { Description = "Power factor 0..1: one value or L1,L2,L3 (default 1)." };
        var digitalInput = new Option<bool>("--digital-input") { Description = "Digital input 0 on (with --currents)." };
        var profile = new Option<string?>("--profile") { Description = "CSV profile: time (s or ISO-8601),I1,I2,I3[,DI] replayed from now." };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file: serve what its meter measures. External loads alone for a meter excluding the charge points (6.3.1) or no meter; external loads plus the charge points' draw for an Including meter (6.3.2), the scenario's simulation running alongside (its last values kept after its end)." };
        var speed = new Option<double>("--speed") { Description = "Time scale of --profile/--scenario (2 = twice as fast).", DefaultValueFactory = _ => 1 };
        var loop = new Option<bool>("--loop") { Description = "Restart the profile after its last row." };
        var serve = new Command("serve", "Serve a virtual PAC2200 until Ctrl+C.");
        foreach (var option in new Option[] { port, bind, unit, currents, voltage, powerFactor, digitalInput, profile, scenario, speed, loop })
        {
            serve.Options.Add(option);
        }

        serve.SetAction((parsed, cancellation) => Meter.MeterServeCommand.RunAsync(
            new Meter.MeterServeRequest(parsed.GetValue(bind)!, parsed.GetValue(port), parsed.GetValue(unit))
            {
                Currents = parsed.GetValue(currents),
                Voltage = parsed.GetValue(voltage),
                PowerFactor = parsed.GetValue(powerFactor),
                DigitalInput = parsed.GetValue(digitalInput),
                Profile = parsed.GetValue(profile),
                Scenario = parsed.GetValue(scenario),
                Speed = parsed.GetValue(speed),
                Loop = parsed.GetValue(loop),
            },
            Console.Out,
            Console.Error,
            cancellation));
        meter.Subcommands.Add(serve);

        var target = new Argument<string>("target") { Description = "HOST or HOST:PORT of the meter (port 502 if not given)." };
        var readUnit = new Option<byte>("--unit") { Description = "Modbus unit id.", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--timeout") { Description = "Milliseconds to wait for each answer.", DefaultValueFactory = _ => 2000 };
        var csv = new Option<string?>("--csv") { Description = "Record into this profile (time,I1,I2,I3: UTC times, signed currents in A), the format of --profile and a scenario's externalLoads csv. A new file: an existing one is never written over. Each row is written whole as it is taken; a poll that fails gives no row (a line on standard error when the meter stops and starts answering) and exit 1 at the end." };
        var every = new Option<string?>("--every") { Description = "With --csv: time between samples, on a fixed grid (default 1s; e.g. 500ms, 1m)." };
        var duration = new Option<string?>("--duration") { Description = "With --csv: how long to record (e.g. 90m, 1h; default until Ctrl+C or SIGTERM)." };
        var read = new Command("read", "Read a PAC2200 once and print currents, voltages, powers, energies; with --csv, record it into a profile.");
        read.Arguments.Add(target);
        foreach (var option in new Option[] { readUnit, timeout, csv, every, duration })
        {
            read.Options.Add(option);
        }

        read.SetAction(async (parsed, cancellation) =>
        {
            if (parsed.GetValue(csv) is not { } path)
            {
                if (parsed.GetValue(every) is not null || parsed.GetValue(duration) is not null)
                {
                    Console.Error.WriteLine("amtron meter read: --every and --duration need --csv (a recording); without it, one reading is printed");
                    return ExitUsage;
                }

                return await Meter.MeterReadCommand.RunAsync(parsed.GetValue(target)!, parsed.GetValue(readUnit), parsed.GetValue(timeout), Console.Out, Console.Error, cancellation).ConfigureAwait(false);
            }

            // Ctrl+C and SIGTERM end the recording between two rows; the parser's own handling would end the process.
            using var signals = new Run.StopSignals();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellation);
            var request = new Meter.Record.MeterRecordRequest(parsed.GetValue(target)!, path)
            {
                Unit = parsed.GetValue(readUnit),
                TimeoutMs = parsed.GetValue(timeout),
                Every = parsed.GetValue(every) ?? "1s",
                Duration = parsed.GetValue(duration),
            };
            return await Meter.Record.MeterRecordCommand.RunAsync(request, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
        });
        meter.Subcommands.Add(read);
        return meter;
    }
}
