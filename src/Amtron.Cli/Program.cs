using System.CommandLine;
using Amtron.Cli.Allocate;

namespace Amtron.Cli;

/// <summary>The `amtron` command: composition root.</summary>
internal static class Program
{
    /// <summary>Exit code for a command line that could not be understood.</summary>
    private const int ExitUsage = 2;

    private static int Main(string[] args)
    {
        var root = new RootCommand("Amtron: test bench for the Dynamic Load Management of MENNEKES AMTRON charging stations.");
        var allocate = new Command(
            "allocate",
            "Answer DLM decisions: JSON Lines requests on standard input, one JSON response line each on standard output.");
        var timing = new Option<bool>("--timing") { Description = "Print requests, wall time and time per request to standard error." };
        allocate.Options.Add(timing);
        allocate.SetAction(parsed =>
        {
            using var output = Console.OpenStandardOutput();
            return AllocateCommand.Run(Console.In, output, parsed.GetValue(timing) ? Console.Error : null);
        });
        root.Subcommands.Add(allocate);

        var scenario = new Argument<string?>("scenario") { Description = "Scenario file (YAML); without it, the bundled demo " + Run.RunCommand.DemoScenario, Arity = ArgumentArity.ZeroOrOne };
        var outDirectory = new Option<string?>("--out") { Description = "Directory for the results (default out/<scenario name>)." };
        var run = new Command("run", "Simulate a site from a scenario file and check its assertions.");
        run.Arguments.Add(scenario);
        run.Options.Add(outDirectory);
        run.SetAction(parsed => Run.RunCommand.Run(parsed.GetValue(scenario), parsed.GetValue(outDirectory), Console.Out, Console.Error));
        root.Subcommands.Add(run);

        if (args.Length == 0)
        {
            args = ["--help"];
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var messages = parsed.Errors.Select(e => e.Message).Where(m => !m.StartsWith("Required command", StringComparison.Ordinal)).DefaultIfEmpty(parsed.Errors[0].Message);
            Console.Error.WriteLine($"amtron: {string.Join("; ", messages)} (see 'amtron --help')");
            return ExitUsage;
        }

        return parsed.Invoke();
    }
}
