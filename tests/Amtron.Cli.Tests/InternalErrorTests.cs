namespace Amtron.Cli.Tests;

public sealed class InternalErrorTests
{
    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("two\nlines");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    [Fact]
    public void An_unexpected_failure_is_one_line_with_a_hint_and_no_trace()
    {
        var line = Program.InternalError(Thrown(), verbose: false);
        Assert.Equal("amtron: internal error: InvalidOperationException: two lines (rerun with --verbose for the trace)", line);
    }

    [Fact]
    public void With_verbose_the_whole_trace_is_printed()
    {
        var text = Program.InternalError(Thrown(), verbose: true);
        Assert.StartsWith("amtron: internal error: System.InvalidOperationException: two", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), text, StringComparison.Ordinal);
    }
}
