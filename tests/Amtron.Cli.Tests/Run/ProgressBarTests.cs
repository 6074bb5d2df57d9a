using Amtron.Cli.Run;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Cli.Tests.Run;

/// <summary>The progress line: hidden for the first second, then percentage, time so far and time left.</summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void After_a_second_it_shows_the_time_left_at_the_rate_so_far()
    {
        var clock = new FakeTimeProvider();
        using var text = new StringWriter();
        var bar = new ProgressBar(text, enabled: true, clock);

        clock.Advance(TimeSpan.FromMilliseconds(900));
        bar.Report(0.1);
        Assert.Empty(text.ToString());

        // 25 % in 4 s: 75 % more takes 12 s.
        clock.Advance(TimeSpan.FromMilliseconds(3100));
        bar.Report(0.25);
        Assert.Contains(" 25% 4.0 s, about 12 s left", text.ToString(), StringComparison.Ordinal);

        bar.Phase("writing the results, plotting");
        Assert.Contains("\rwriting the results, plotting (4.0 s)", text.ToString(), StringComparison.Ordinal);
        bar.Finish();
        Assert.EndsWith(Environment.NewLine, text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Off_the_terminal_nothing_is_written()
    {
        var clock = new FakeTimeProvider();
        using var text = new StringWriter();
        var bar = new ProgressBar(text, enabled: false, clock);
        clock.Advance(TimeSpan.FromSeconds(5));
        bar.Report(0.5);
        bar.Phase("plotting");
        bar.Finish();
        Assert.Empty(text.ToString());
    }
}
