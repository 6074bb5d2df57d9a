using System.Diagnostics;
using System.Globalization;

namespace Amtron.Cli.Run;

/// <summary>
/// A one-line progress bar on standard error, shown only on a terminal and only once a run has taken more than a
/// second, so short runs and redirected output stay clean.
/// </summary>
internal sealed class ProgressBar(TextWriter error, bool enabled) : IProgress<double>
{
    private const int Width = 40;
    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _lastPercent = -1;
    private bool _shown;

    public void Report(double value)
    {
        if (!enabled || Stopwatch.GetElapsedTime(_started) < ShowAfter)
        {
            return;
        }

        var percent = (int)Math.Round(value * 100);
        if (percent == _lastPercent && value < 1)
        {
            return;
        }

        _lastPercent = percent;
        _shown = true;
        var filled = (int)(value * Width);
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {Stopwatch.GetElapsedTime(_started).TotalSeconds:F1} s"));
    }

    /// <summary>Ends the bar's line, if one was drawn.</summary>
    public void Finish()
    {
        if (_shown)
        {
            error.WriteLine();
        }
    }
}
