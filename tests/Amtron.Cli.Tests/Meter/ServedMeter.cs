using System.Text;
using System.Text.RegularExpressions;
using Amtron.Cli.Meter;

namespace Amtron.Cli.Tests.Meter;

/// <summary>`amtron meter serve` in-process for a test: started, its port read from its banner, stopped.</summary>
internal static partial class ServedMeter
{
    /// <summary>Starts the meter, waits for its banner, hands its port to <paramref name="use"/>, then stops it.</summary>
    public static async Task<(int Exit, string Output, string Error)> ServeAsync(MeterServeRequest request, Func<int, Task> use, SyncWriter? error = null, SyncWriter? output = null)
    {
        output ??= new SyncWriter();
        error ??= new SyncWriter();
        using var stop = new CancellationTokenSource();
        var serving = MeterServeCommand.RunAsync(request, output, error, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Match banner;
        while (!(banner = Banner().Match(output.Text)).Success)
        {
            Assert.True(DateTime.UtcNow < deadline && !serving.IsCompleted, $"no banner: {output.Text}{error.Text}");
            await Task.Delay(20);
        }

        await use(int.Parse(banner.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        await stop.CancelAsync();
        var exit = await serving.WaitAsync(TimeSpan.FromSeconds(10));
        return (exit, output.Text, error.Text);
    }

    [GeneratedRegex(@"virtual PAC2200 on (?:127\.0\.0\.1|\[::1\]):(\d+)")]
    private static partial Regex Banner();

    public sealed class SyncWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }
    }
}
