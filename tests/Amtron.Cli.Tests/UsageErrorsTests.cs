using System.Diagnostics;

namespace Amtron.Cli.Tests;

/// <summary>Command lines a user gets wrong: one line that names the mistake, exit 2, never a trace or a type name.</summary>
public sealed class UsageErrorsTests
{
    [Theory]
    [InlineData("meter read 127.0.0.1 --unit 300", "amtron: --unit: '300' is not a whole number from 0 to 255 (see 'amtron --help')")]
    [InlineData("meter serve --port abc", "amtron: --port: 'abc' is not a whole number (see 'amtron --help')")]
    [InlineData("meter serve --speed fast", "amtron: --speed: 'fast' is not a number (see 'amtron --help')")]
    [InlineData("run --bogus", "amtron: unknown option '--bogus' for run (see 'amtron --help')")]
    [InlineData("check --bogus s.yaml", "amtron: unknown option '--bogus' for check (see 'amtron --help')")]
    [InlineData("check --bogus", "amtron: unknown option '--bogus' for check (see 'amtron --help')")]
    [InlineData("check s.yaml -x", "amtron: unknown option '-x' for check (see 'amtron --help')")]
    [InlineData("check --json -x s.yaml", "amtron: unknown option '-x' for check (see 'amtron --help')")]
    [InlineData("check --json", "amtron: Required argument missing for command: 'check'. (see 'amtron --help')")]
    public void A_mistake_is_one_line_and_exit_2(string arguments, string expected)
    {
        var (exit, output, error) = Amtron(arguments.Split(' '));
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public void Other_parse_messages_pass_unchanged() =>
        Assert.Equal("Unrecognized command or argument 'x'.", UsageErrors.Explain("Unrecognized command or argument 'x'."));

    private static (int Exit, string Output, string Error) Amtron(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "amtron.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "amtron did not exit");
        return (process.ExitCode, output.Result, error.Result);
    }
}
