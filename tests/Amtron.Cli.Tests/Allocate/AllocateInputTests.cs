using System.Diagnostics;
using System.Text;
using Amtron.Cli.Allocate;

namespace Amtron.Cli.Tests.Allocate;

/// <summary>Hostile or odd bytes on `amtron allocate`'s input: each is an error for its own line, never the end of the run.</summary>
public sealed class AllocateInputTests
{
    private const string Good = $"{{{AllocateHarness.Settings100},\"chargePoints\":[]}}";

    [Fact]
    public void A_bare_cr_is_not_a_line_break_but_crlf_is()
    {
        Assert.Equal(["error"], Answers("{\"a\":1}\r{\"b\":2}\n"u8.ToArray()).Select(Kind));
        Assert.Equal(["answer", "answer"], Answers(Encoding.UTF8.GetBytes($"{Good}\r\n{Good}\r\n")).Select(Kind));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_and_the_next_line_is_answered()
    {
        var answers = Answers([.. "{\"settings\":\""u8, 0xFF, .. "\"}\n"u8, .. Encoding.UTF8.GetBytes(Good + "\n")]);
        Assert.Equal("line 1: $: not UTF-8 text (byte 14 is invalid)", answers[0]);
        Assert.Equal("answer", Kind(answers[1]));
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_an_error_and_the_next_line_is_answered()
    {
        var answers = Answers(Encoding.UTF8.GetBytes($"{{{AllocateHarness.Settings100},\"chargePoints\":[{{\"id\":\"\\ud800\"}}]}}\n{Good}\n"));
        Assert.Equal("line 1: chargePoints[0].id: must be a string of valid Unicode text (no lone surrogate such as \\ud800)", answers[0]);
        Assert.Equal("answer", Kind(answers[1]));
    }

    [Fact]
    public void A_line_over_the_limit_is_skipped_unread_and_the_next_is_answered()
    {
        var huge = new byte[AllocateCommand.MaximumLineBytes + 1];
        huge.AsSpan().Fill((byte)' ');
        var answers = Answers([.. huge, (byte)'\n', .. Encoding.UTF8.GetBytes(Good + "\n")]);
        Assert.Equal("line 1: $: the line is longer than 32 MiB, the most a request may be; not read", answers[0]);
        Assert.Equal("answer", Kind(answers[1]));
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_line_is_ignored() =>
        Assert.Equal(["answer"], Answers([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good)]).Select(Kind));

    [Fact]
    public void Input_that_cannot_be_read_names_standard_input()
    {
        var error = Assert.Throws<IOException>(() => AllocateCommand.Run(new FailingStream(), new MemoryStream()));
        Assert.Equal("cannot read standard input: Is a directory", error.Message);
    }

    [Fact]
    public async Task A_full_output_device_is_one_line_and_exit_2()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{Path.Combine(AppContext.BaseDirectory, "amtron.dll")}' allocate > /dev/full");
        using var process = Process.Start(start)!;
        process.StandardInput.Write(Good + "\n");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("amtron allocate: cannot write the answers: No space left on device", (await error).TrimEnd());
    }

    /// <summary>Each printed line: an error's text, or "answer" for a decision.</summary>
    private static string[] Answers(byte[] input)
    {
        using var output = new MemoryStream();
        AllocateCommand.Run(new MemoryStream(input), output);
        return [.. Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement is var root && root.TryGetProperty("error", out var e) ? e.GetString()! : "answer")];
    }

    private static string Kind(string answer) => answer == "answer" ? "answer" : "error";

    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Is a directory");
    }
}
