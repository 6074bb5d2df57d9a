using System.Globalization;

namespace Amtron.Cli.Run;

/// <summary>
/// A one-line progress bar on standard error, shown only on a terminal and only once a run has taken more than a
/// second, so short runs and redirected output stay clean. It shows the time so far and an estimate of the time left,
/// and after the simulation what is being written (<see cref="Phase"/>).
/// </summary>
internal sealed class ProgressBar(TextWriter error, bool enabled, TimeProvider? time = null) : IProgress<double>
{
    private const int Width = 40;
    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly long _started = (time ?? TimeProvider.System).GetTimestamp();
    private int _lastPercent = -1;
    private bool _shown;

    public void Report(double value)
    {
        var elapsed = _time.GetElapsedTime(_started);
        if (!enabled || elapsed < ShowAfter)
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
        // The rate so far, continued: simulated time passes at a roughly steady pace.
        var left = value > 0 ? elapsed * ((1 - value) / value) : TimeSpan.Zero;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {elapsed.TotalSeconds:F1} s, about {Math.Ceiling(left.TotalSeconds):0} s left   "));
    }

    /// <summary>After the simulation: what the run is doing now (it has no percentage).</summary>
    public void Phase(string what)
    {
        if (_shown)
        {
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{what} ({_time.GetElapsedTime(_started).TotalSeconds:F1} s){new string(' ', Width + 20)}"));
        }
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
