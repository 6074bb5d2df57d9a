using System.Diagnostics;

namespace Amtron.Cli.Tests.Allocate;

/// <summary>The real `amtron` executable: standard input, output and exit codes as another tool sees them.</summary>
public sealed class AllocateProcessTests
{
    private static (int ExitCode, string Output, string Error) Amtron(string stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "amtron.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "amtron did not exit");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Good_input_exits_0_with_one_line_per_request()
    {
        var line = $"{{{AllocateHarness.Settings100},\"chargePoints\":[{AllocateHarness.Cp("CP1")}]}}";
        var (exit, output, _) = Amtron(line + "\n" + line + "\n", "allocate");
        Assert.Equal(0, exit);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"current\":32", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_line_exits_1_and_still_answers_the_others()
    {
        var line = $"{{{AllocateHarness.Settings100},\"chargePoints\":[]}}";
        var (exit, output, _) = Amtron($"{line}\n{{\n{line}\n", "allocate");
        Assert.Equal(1, exit);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Unknown_arguments_exit_2_with_a_one_line_error()
    {
        var (exit, output, error) = Amtron(string.Empty, "allocate", "--frobnicate");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timing_goes_to_standard_error_and_leaves_the_json_alone()
    {
        var line = $"{{{AllocateHarness.Settings100},\"chargePoints\":[]}}";
        var (exit, output, error) = Amtron(line + "\n", "allocate", "--timing");
        Assert.Equal(0, exit);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("amtron allocate: 1 request in ", error, StringComparison.Ordinal);
    }
}
