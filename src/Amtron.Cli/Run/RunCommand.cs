using System.Diagnostics;
using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Run;

/// <summary>
/// `amtron run [SCENARIO] [--out DIR]`: validates the scenario, simulates it, writes the results, prints the KPIs and
/// the assertions. Exit 0 when every assertion holds, 1 when one fails, 2 when the scenario or the output directory is
/// invalid, 130 when stopped (then nothing is written and earlier results stay as they were: <see cref="ResultDirectory"/>).
/// </summary>
internal static class RunCommand
{
    public const string DemoScenario = "6.1-car-park.yaml";
    public const int ExitOk = 0;
    public const int ExitAssertionFailed = 1;
    public const int ExitInvalid = 2;

    /// <summary>The files a run writes (checked before the run, so a name clash is found before any work).</summary>
    private static readonly string[] OutputFiles = ["summary.json", "sessions.csv", "timeseries.csv", "report.html", .. PlotRenderer.Files];

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int ExitInterrupted = 130;

    public static int Run(string? scenarioPath, string? outDirectory, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var path = scenarioPath ?? Path.Combine(AppContext.BaseDirectory, "scenarios", DemoScenario);
        if (path.StartsWith('-') && !File.Exists(path))
        {
            // The parser takes an unknown option for the scenario file; say what it is.
            error.WriteLine($"amtron: unknown option '{path}' for run (see 'amtron --help')");
            return ExitInvalid;
        }

        Scenario scenario;
        // Load the plotting library while the scenario loads and simulates; a second or so of a long run's end.
        var warmUp = Task.Run(PlotRenderer.WarmUp, CancellationToken.None);
        try
        {
            scenario = ScenarioLoader.Load(path, KpiCatalogue.MetricNames);
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return ExitInvalid;
        }

        var directory = outDirectory ?? Path.Combine("out", Path.GetFileNameWithoutExtension(path));
        try
        {
            using var results = ResultDirectory.Open(directory, OutputFiles);
            var started = Stopwatch.GetTimestamp();
            var staging = results.Staging;
            var series = new PlotCollector(scenario.Site.Start, scenario.Site.End);
            SimulationResult result;
            using (var csv = new StreamWriter(Path.Combine(staging, "timeseries.csv"), false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                var progress = new ProgressBar(error, enabled: !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error));
                result = new SiteSimulation(scenario.Site, new FanOutSink(new CsvTimeSeriesWriter(csv), series)).Run(new StopOnCancel(progress, cancellation));
                progress.Finish();
            }

            var wallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var assertions = ResultWriter.Check(scenario, result);
            warmUp.Wait(cancellation);

            // Independent files: the tables (summary, sessions) are written while the plots render.
            Parallel.Invoke(
                () => ResultWriter.Write(staging, scenario, result, assertions, wallSeconds),
                () => PlotRenderer.Render(staging, scenario, result, series));
            HtmlReport.Write(staging, scenario, result, assertions);
            cancellation.ThrowIfCancellationRequested();
            results.Commit();
            KpiTable.Print(output, scenario, result, assertions, wallSeconds, directory);
            return assertions.All(a => a.Passed) ? ExitOk : ExitAssertionFailed;
        }
        catch (ResultDirectoryException e)
        {
            error.WriteLine($"amtron: {e.Message}");
            return ExitInvalid;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            error.WriteLine("amtron: run stopped; nothing written, earlier results kept");
            return ExitInterrupted;
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
