using System.Diagnostics;
using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Run;

/// <summary>
/// `amtron run [SCENARIO] [--out DIR]`: validates the scenario, simulates it, writes the results, prints the KPIs and
/// the assertions. Exit 0 when every assertion holds, 1 when one fails, 2 when the scenario is invalid (then nothing is
/// written).
/// </summary>
internal static class RunCommand
{
    public const string DemoScenario = "6.1-car-park.yaml";
    public const int ExitOk = 0;
    public const int ExitAssertionFailed = 1;
    public const int ExitInvalid = 2;

    public static int Run(string? scenarioPath, string? outDirectory, TextWriter output, TextWriter error)
    {
        var path = scenarioPath ?? Path.Combine(AppContext.BaseDirectory, "scenarios", DemoScenario);
        Scenario scenario;
        // Load the plotting library while the scenario loads and simulates; a second or so of a long run's end.
        var warmUp = Task.Run(PlotRenderer.WarmUp);
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
        var exit = ExitOk;
        WriteAtomically(directory, staging =>
        {
            var started = Stopwatch.GetTimestamp();
            var series = new PlotCollector(scenario.Site.Start, scenario.Site.End);
            SimulationResult result;
            using (var csv = new StreamWriter(Path.Combine(staging, "timeseries.csv"), false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                var progress = new ProgressBar(error, enabled: !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error));
                result = new SiteSimulation(scenario.Site, new FanOutSink(new CsvTimeSeriesWriter(csv), series)).Run(progress);
                progress.Finish();
            }

            var wallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var assertions = ResultWriter.Check(scenario, result);
            warmUp.Wait();

            // Independent files: the tables (summary, sessions) are written while the plots render.
            Parallel.Invoke(
                () => ResultWriter.Write(staging, scenario, result, assertions, wallSeconds),
                () => PlotRenderer.Render(staging, scenario, result, series));
            HtmlReport.Write(staging, scenario, result, assertions);
            KpiTable.Print(output, scenario, result, assertions, wallSeconds, directory);
            exit = assertions.All(a => a.Passed) ? ExitOk : ExitAssertionFailed;
        });
        return exit;
    }

    /// <summary>Writes into a fresh staging directory, then swaps it in, so a failed run leaves no partial output.</summary>
    private static void WriteAtomically(string directory, Action<string> write)
    {
        var full = Path.GetFullPath(directory);
        var staging = $"{full}.partial-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }

            Directory.Move(staging, full);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
