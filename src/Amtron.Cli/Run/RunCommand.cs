using System.Diagnostics;
using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Sim.Results.Plots;
using Amtron.Sim.Results.Report;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Run;

/// <summary>
/// `amtron run [SCENARIO] [--out DIR]`: validates the scenario, simulates it, writes the results, prints the KPIs and
/// the assertions. Exit 0 when every assertion holds, 1 when one fails, 2 when the scenario or the output directory is
/// invalid, 130 when stopped (then nothing is written and earlier results stay as they were: <see cref="ResultDirectory"/>).
/// </summary>
/// <summary>How `amtron run` writes and judges a run.</summary>
/// <param name="Output">What it prints on standard output.</param>
/// <param name="TimeSeriesInterval">One time-series row per interval (the peaks of each); null: every change.</param>
/// <param name="TimeSeries">False: no timeseries.csv.</param>
/// <param name="Strict">A limit exceeded fails the run (exit 1) even without an assertion about it.</param>
/// <param name="Live">Paced by the wall clock, serving the site's EMS interfaces and meter (--serve-ems, --serve-meter); null: as fast as possible.</param>
internal sealed record RunOptions(RunOutput Output = RunOutput.Table, TimeSpan? TimeSeriesInterval = null, bool TimeSeries = true, bool Strict = false, Live.LiveOptions? Live = null)
{
    /// <summary>Changes to every scenario before it is read (--set, --seed).</summary>
    public IReadOnlyList<ScenarioOverride> Overrides { get; init; } = [];
}

/// <summary>What `amtron run` prints on standard output.</summary>
internal enum RunOutput
{
    /// <summary>The KPI table and the assertions.</summary>
    Table,

    /// <summary>Nothing; failed assertions on standard error (--quiet).</summary>
    Quiet,

    /// <summary>Each run's summary.json (--json).</summary>
    Json,
}

internal static class RunCommand
{
    public const string DemoScenario = "6.1-car-park.yaml";
    public const int ExitOk = 0;
    public const int ExitAssertionFailed = 1;
    public const int ExitInvalid = 2;

    /// <summary>The files a run writes (checked before the run, so a name clash is found before any work).</summary>
    private static readonly string[] OutputFiles = ["summary.json", "sessions.csv", TimeSeriesFile, "report.html", .. PlotRenderer.Files];

    private const string TimeSeriesFile = "timeseries.csv";

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int ExitInterrupted = 130;

    /// <summary>
    /// Runs each scenario in turn (a pattern such as <c>scenarios/*.yaml</c> names every file it matches), each into its
    /// own directory: <c>out/NAME</c>, or <c>DIR/NAME</c> when several go to <c>--out DIR</c>. Exit: 130 when stopped (the
    /// rest are not run), else 2 if any was invalid, else 1 if any assertion failed, else 0.
    /// </summary>
    public static int RunAll(IReadOnlyList<string> scenarioPaths, string? outDirectory, TextWriter output, TextWriter error, RunOptions? options = null, CancellationToken cancellation = default)
    {
        var paths = scenarioPaths.Count == 0 ? [null] : Expand(scenarioPaths, error);
        if (paths is null)
        {
            return ExitInvalid;
        }

        if (options?.Live is not null && paths.Count > 1)
        {
            error.WriteLine("amtron: --serve-ems and --serve-meter run one scenario at a time");
            return ExitInvalid;
        }

        // Found before any work: an option the parser took for a scenario, two scenarios writing one directory.
        if (paths.FirstOrDefault(p => p is not null && p.StartsWith('-') && !File.Exists(p)) is { } option)
        {
            error.WriteLine(UsageErrors.UnknownOptionLine(option, "run"));
            return ExitInvalid;
        }

        var directories = paths.Select(path => ResultDirectoryOf(path, outDirectory, paths.Count > 1)).ToList();
        if (SharedDirectory(paths, directories) is { } clash)
        {
            error.WriteLine(clash);
            return ExitInvalid;
        }

        var worst = ExitOk;
        for (var i = 0; i < paths.Count; i++)
        {
            var exit = Run(paths[i], directories[i], output, error, options, cancellation);
            if (exit == ExitInterrupted)
            {
                return exit;
            }

            worst = exit == ExitInvalid || worst == ExitInvalid ? ExitInvalid : Math.Max(worst, exit);
        }

        return worst;
    }

    /// <summary>Where a scenario's results go: --out DIR, DIR/NAME when several scenarios share it, else out/NAME.</summary>
    private static string ResultDirectoryOf(string? path, string? outDirectory, bool several)
    {
        var name = Path.GetFileNameWithoutExtension(path ?? DemoScenario);
        return outDirectory is null ? Path.Combine("out", name) : several ? Path.Combine(outDirectory, name) : outDirectory;
    }

    /// <summary>The error when two scenarios would write one directory (the second would replace the first's results), else null.</summary>
    private static string? SharedDirectory(List<string?> paths, List<string> directories)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            if (!first.TryAdd(Path.GetFullPath(directories[i]), i))
            {
                var earlier = first[Path.GetFullPath(directories[i])];
                return $"amtron: {paths[earlier]} and {paths[i]} would both write their results to {directories[i]}; run them one at a time with different --out directories (nothing was run)";
            }
        }

        return null;
    }

    /// <summary>`--timeseries`: off, full (every change), or an interval such as 1m, 15m, 30s, 1h (peaks per interval).</summary>
    public static bool TryParseTimeSeries(string text, out bool write, out TimeSpan? interval)
    {
        write = text != "off";
        interval = null;
        if (text is "off" or "full")
        {
            return true;
        }

        var unit = text.Length > 1 ? text[^1] : ' ';
        if (!int.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > 1440)
        {
            return false;
        }

        interval = unit switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            _ => null,
        };
        return interval is not null;
    }

    /// <summary>The files named, a pattern (* or ?) in the last part standing for the files it matches, in name order.</summary>
    private static List<string?>? Expand(IReadOnlyList<string> paths, TextWriter error)
    {
        var expanded = new List<string?>();
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            if (File.Exists(path) || name.IndexOfAny(['*', '?']) < 0)
            {
                expanded.Add(path);
                continue;
            }

            var directory = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
            var matches = Directory.Exists(directory) ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal).ToArray() : [];
            if (matches.Length == 0)
            {
                error.WriteLine($"amtron: {path}: no file matches");
                return null;
            }

            expanded.AddRange(matches);
        }

        return expanded;
    }

    public static int Run(string? scenarioPath, string? outDirectory, TextWriter output, TextWriter error, RunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new RunOptions();
        var path = scenarioPath ?? Path.Combine(AppContext.BaseDirectory, "scenarios", DemoScenario);
        Scenario scenario;
        // Load the plotting library while the scenario loads and simulates; a second or so of a long run's end.
        var warmUp = Task.Run(PlotRenderer.WarmUp, CancellationToken.None);
        try
        {
            scenario = ScenarioLoader.Load(path, options.Overrides, KpiCatalogue.MetricNames);
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return ExitInvalid;
        }

        // What the reading changed in the data (e.g. sessions outside the period left out), in every output mode.
        foreach (var note in scenario.Notes)
        {
            error.WriteLine($"amtron: {scenario.Name}: note: {note}");
        }

        if (cancellation.IsCancellationRequested)
        {
            // Stopped while the scenario loaded: nothing was started.
            error.WriteLine("amtron: run stopped; nothing written, earlier results kept");
            return ExitInterrupted;
        }

        if (options.Live is { ServeEms: true } && !scenario.Site.Networks.SelectMany(n => n.Stations).Any(s => s.Ems.Server))
        {
            error.WriteLine($"amtron: {path}: --serve-ems: no station has its Modbus TCP server on (modbus: {{server: on}}, docs/ems-modbus.md)");
            return ExitInvalid;
        }

        var directory = outDirectory ?? ResultDirectoryOf(path, null, several: false);
        try
        {
            // With --timeseries off no timeseries.csv is written, so a user's file of that name is in no one's way.
            using var results = ResultDirectory.Open(directory, options.TimeSeries ? OutputFiles : OutputFiles.Where(f => f != TimeSeriesFile));
            var started = Stopwatch.GetTimestamp();
            var staging = results.Staging;
            var series = new PlotCollector(scenario.Site);
            SimulationResult result;
            var progress = new ProgressBar(error, enabled: !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error));
            using (var csv = options.TimeSeries ? new StreamWriter(Path.Combine(staging, TimeSeriesFile), false, new System.Text.UTF8Encoding(false), 1 << 16) : null)
            {
                // Every change (full), the peaks per interval, or none (--timeseries); the plots see every change.
                ITimeSeriesSink sink = csv is null ? series
                    : options.TimeSeriesInterval is { } interval ? new FanOutSink(new PeakPerIntervalSink(new CsvTimeSeriesWriter(csv), scenario.Site.Start, interval), series)
                    : new FanOutSink(new CsvTimeSeriesWriter(csv), series);
                var simulation = new SiteSimulation(scenario.Site, sink);
                result = options.Live is { } live
                    ? RunLiveAsync(simulation, scenario, live, error, cancellation).GetAwaiter().GetResult()
                    : simulation.Run(new StopOnCancel(progress, cancellation));
                // What an EMS wrote during a live run is part of the site the results describe.
                scenario = scenario with { Site = simulation.Spec };
                progress.Phase("writing the time series");
            }

            var wallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var assertions = ResultWriter.Check(scenario, result);
            warmUp.Wait(cancellation);

            progress.Phase("writing the results, plotting");

            // Independent files: the tables (summary, sessions) are written while the plots render.
            IReadOnlyList<string> plots = [];
            Parallel.Invoke(
                () => ResultWriter.Write(staging, scenario, result, assertions, wallSeconds, ToolVersion.Text),
                () => plots = PlotRenderer.Render(staging, scenario, result, series));
            HtmlReport.Write(staging, scenario, result, assertions, plots, ToolVersion.Text, options.Strict);
            progress.Finish();
            cancellation.ThrowIfCancellationRequested();
            results.Commit();
            Report(output, error, options.Output, scenario, result, assertions, wallSeconds, directory);
            var violated = WarnOfUnassertedViolations(error, scenario, result);
            return assertions.All(a => a.Passed) && !(violated && options.Strict) ? ExitOk : ExitAssertionFailed;
        }
        catch (ResultDirectoryException e)
        {
            error.WriteLine($"amtron: {e.Message}");
            return ExitInvalid;
        }
        catch (Exception e) when (WriteFailure(e) is { } io)
        {
            // A full disk or a vanished directory while writing: the staged results are dropped, the earlier ones kept.
            error.WriteLine($"amtron: {directory}: cannot write the results: {io.Message} (nothing written, earlier results kept)");
            return ExitInvalid;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            error.WriteLine($"amtron: {path}: cannot serve the site: {e.Message} (nothing written)");
            return ExitInvalid;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            error.WriteLine("amtron: run stopped; nothing written, earlier results kept");
            return ExitInterrupted;
        }
    }

    /// <summary>The I/O error behind a failure to write results (also from inside the parallel writers), else null.</summary>
    internal static Exception? WriteFailure(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException => e,
        AggregateException all => all.Flatten().InnerExceptions.Select(WriteFailure).FirstOrDefault(inner => inner is not null),
        _ => null,
    };

    /// <summary>
    /// A live run: the site's servers start, the simulation runs paced by the wall clock, the servers stop at its end.
    /// </summary>
    private static async Task<SimulationResult> RunLiveAsync(SiteSimulation simulation, Scenario scenario, Live.LiveOptions live, TextWriter error, CancellationToken cancellation)
    {
        var servers = await Live.LiveServers.StartAsync(scenario.Site, simulation.Live, live).ConfigureAwait(false);
        await using (servers.ConfigureAwait(false))
        {
            foreach (var line in servers.Description)
            {
                error.WriteLine($"amtron: {line}");
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron: '{scenario.Name}' runs at {live.Speed}x real time, {scenario.Site.Start:u} to {scenario.Site.End:u} simulated ({(scenario.Site.End - scenario.Site.Start) / live.Speed:c} wall time); Ctrl+C stops it (then nothing is written)"));
            error.Flush();
            return await simulation.RunRealtimeAsync(TimeProvider.System, live.Speed, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A limit exceeded in a scenario whose assertions do not look at the violation times is said on standard error in
    /// every output mode: without an assertion it would pass unnoticed. True when a limit was exceeded.
    /// </summary>
    private static bool WarnOfUnassertedViolations(TextWriter error, Scenario scenario, SimulationResult result)
    {
        var violated = LimitChecks.Exceeded(result);
        if (violated && !LimitChecks.Asserted(scenario, result))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron: {scenario.Name}: WARNING: a current limit was exceeded for {result.LimitViolationSeconds:0.###} s and an imbalance limit for {result.ImbalanceViolationSeconds:0.###} s, and no assertion checks it (see the excursions in summary.json and report.html; --strict makes this exit 1)"));
        }

        return violated;
    }

    private static void Report(TextWriter output, TextWriter error, RunOutput mode, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds, string directory)
    {
        switch (mode)
        {
            case RunOutput.Table:
                KpiTable.Print(output, scenario, result, assertions, wallSeconds, directory);
                break;
            case RunOutput.Json:
                // The summary as written, one document per scenario: a CI job reads it from standard output.
                output.Write(File.ReadAllText(Path.Combine(directory, "summary.json")));
                output.WriteLine();
                break;
            default:
                foreach (var failed in assertions.Where(a => !a.Passed))
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron: {scenario.Name}: assertion failed: {failed.Assertion.Text} (actual {failed.Actual:0.###})"));
                }

                break;
        }
    }

    /// <summary>Passes progress on, and stops the simulation at its next report once cancelled (Ctrl+C, SIGTERM).</summary>
    private sealed class StopOnCancel(IProgress<double> inner, CancellationToken cancellation) : IProgress<double>
    {
        public void Report(double value)
        {
            cancellation.ThrowIfCancellationRequested();
            inner.Report(value);
        }
    }
}
