using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

public sealed class ScenarioExceptionTests
{
    [Fact]
    public void Problems_sort_by_file_in_order_of_first_mention_then_line_and_column()
    {
        var error = new ScenarioException(
        [
            new Diagnostic("b.yaml", 9, 1, "third"),
            new Diagnostic("a.csv", 1, 1, "fourth"),
            new Diagnostic("b.yaml", 2, 7, "second"),
            new Diagnostic("b.yaml", 2, 3, "first"),
        ]);
        Assert.Equal("b.yaml:2:3: first\nb.yaml:2:7: second\nb.yaml:9:1: third\na.csv:1:1: fourth", error.Message);
        Assert.Equal((2L, 3L, "first"), (error.Line, error.Column, error.Problem));
    }

    [Fact]
    public void The_message_shows_the_first_hundred_and_counts_the_rest()
    {
        var error = new ScenarioException(Enumerable.Range(1, 130).Select(line => new Diagnostic("f.yaml", line, 1, "bad")));
        var lines = error.Message.Split('\n');
        // 100 shown, then one line for the other 130 - 100 = 30.
        Assert.Equal(101, lines.Length);
        Assert.Equal("f.yaml:100:1: bad", lines[99]);
        Assert.Equal("... and 30 more", lines[100]);
        Assert.Equal(130, error.Diagnostics.Count);
    }

    [Fact]
    public void Past_ten_thousand_problems_are_counted_not_kept_and_the_message_still_counts_them_all()
    {
        var list = new DiagnosticList();
        for (var line = 1; line <= 10_005; line++)
        {
            list.Add("rows.csv", line, 2, "bad");
        }

        Assert.Equal(10_005, list.Count);
        var error = Assert.Throws<ScenarioException>(list.ThrowIfAny);
        Assert.Equal((10_000, 5), (error.Diagnostics.Count, error.NotKept));
        // 10,005 problems, 100 shown: 9,905 more.
        Assert.Equal("... and 9905 more", error.Message.Split('\n')[^1]);
        Assert.Equal("rows.csv:10000:2: bad", error.Diagnostics[^1].ToString());
    }
}
