using System.CommandLine;
using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Site.Scenarios;
using Amtron.Sweep.Sizing;

namespace Amtron.Cli.Sweep;

/// <summary>
/// `amtron size SWEEP --target T --quantile Q --over PATH`: the smallest value of one axis meeting a target in a share
/// of replicates (docs/sweeps.md), printed, and written with its plot and page to --out (default out/size-NAME).
/// Exit 0 when every combination has an answer, 1 when one is not reached within the axis's range, 2 for bad input.
/// </summary>
internal static class SizeCommand
{
    private const int ExitUsage = 2;

    public static Command Create()
    {
        var sweep = new Argument<string>("sweep") { Description = "The sweep file: base scenario, the axis to size among its grid, other axes, replicates and seeding." };
        var target = new Option<string>("--target") { Description = "What each run must meet: METRIC OP NUMBER or METRIC/METRIC OP NUMBER, e.g. \"sessionsFullySatisfied/sessions >= 0.95\".", Required = true };
        var quantile = new Option<double>("--quantile") { Description = "The share of replicates that must meet it, e.g. 0.9 for 9 days in 10.", Required = true };
        var over = new Option<string>("--over") { Description = "The grid axis to size (numbers), e.g. networks[0].settings.evseSubDistributionLimit.", Required = true };
        var values = new Option<string>("--values") { Description = "whole: bisect whole numbers between the listed values (default); listed: only the listed values.", DefaultValueFactory = _ => "whole" };
        var output = new Option<string?>("--out") { Description = "Directory for size.json, probes.csv, size.png and size.html (default out/size-<sweep name>)." };
        var jobs = new Option<int>("--jobs") { Description = "Runs at once (default: the cores this process may use).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var size = new Command("size", "Find the smallest value of one axis of a sweep (a fuse, a supply line) for which a target holds in a share of replicates, for each combination of the other axes, with a plot.");
        size.Arguments.Add(sweep);
        foreach (var option in new Option[] { target, quantile, over, values, output, jobs })
        {
            size.Options.Add(option);
        }

        size.SetAction(parsed =>
        {
            if (parsed.GetValue(values) is not ("whole" or "listed"))
            {
                Console.Error.WriteLine($"amtron size: --values must be whole or listed, not '{parsed.GetValue(values)}'");
                return ExitUsage;
            }

            if (parsed.GetValue(jobs) < 1)
            {
                Console.Error.WriteLine($"amtron size: --jobs must be at least 1, not {parsed.GetValue(jobs)}");
                return ExitUsage;
            }

            if (SizingTarget.Parse(parsed.GetValue(target)!, KpiCatalogue.MetricNames, out var problem) is not { } goal)
            {
                Console.Error.WriteLine($"amtron size: {problem}");
                return ExitUsage;
            }

            var path = parsed.GetValue(sweep)!;
            var request = new SizingRequest(path, parsed.GetValue(over)!, goal, parsed.GetValue(quantile), parsed.GetValue(values) == "listed", parsed.GetValue(jobs));
            return Run(request, parsed.GetValue(output) ?? Path.Combine("out", "size-" + Name(path)), Console.Out, Console.Error);
        });
        return size;
    }

    internal static int Run(SizingRequest request, string directory, TextWriter output, TextWriter error)
    {
        SizingResult result;
        try
        {
            using var results = Amtron.Cli.Run.ResultDirectory.Open(directory, SizingReport.Files);
            result = SizingStudy.Run(request);
            SizingReport.Write(results.Staging, result, ToolVersion.Text);
            results.Commit();
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return ExitUsage;
        }
        catch (SizingException e)
        {
            error.WriteLine($"amtron size: {e.Message}");
            return ExitUsage;
        }
        catch (Amtron.Cli.Run.ResultDirectoryException e)
        {
            error.WriteLine($"amtron size: {e.Message}");
            return ExitUsage;
        }

        foreach (var line in SizingReport.Lines(result))
        {
            output.WriteLine(line);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Runs} runs; plot and page in {directory}"));
        return result.Answers.All(a => a.Smallest is not null) ? 0 : 1;
    }

    /// <summary>The sweep file's name without its extensions (office-40.sweep.yaml: office-40).</summary>
    private static string Name(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
