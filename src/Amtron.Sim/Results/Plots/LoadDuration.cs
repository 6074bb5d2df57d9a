using Amtron.Dlm.Units;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// How long each phase's current stayed at or above each level: the load-duration curve, exact to
/// <see cref="LevelStep"/> (a current counts at the next level up, so the curve never understates a load).
/// </summary>
public sealed class LoadDuration
{
    /// <summary>Width of one level (A).</summary>
    public const double LevelStep = LevelMilliamps / 1000.0;

    private const long LevelMilliamps = 100;

    private readonly long[][] _ticksAtLevel = [new long[64], new long[64], new long[64]];

    /// <summary>Counts <paramref name="current"/> as held for <paramref name="ticks"/>.</summary>
    public void Add(PhaseCurrents current, long ticks)
    {
        if (ticks <= 0)
        {
            return;
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            var level = LevelOf(current[p]);
            ref var levels = ref _ticksAtLevel[p];
            if (level >= levels.Length)
            {
                Array.Resize(ref levels, Math.Max(level + 1, levels.Length * 2));
            }

            levels[level] += ticks;
        }
    }

    /// <summary>
    /// The curve of <paramref name="phase"/> as steps, from the highest level down: the current was at or above
    /// <c>Amps[i]</c> for <c>Hours[i + 1]</c> hours in all; the first hour is 0, and the last point repeats the lowest
    /// level at the total time counted.
    /// </summary>
    public (double[] Hours, double[] Amps) Curve(int phase)
    {
        var levels = _ticksAtLevel[phase];
        var hours = new List<double> { 0 };
        var amps = new List<double>();
        long atOrAbove = 0;
        for (var level = levels.Length - 1; level >= 0; level--)
        {
            if (levels[level] == 0)
            {
                continue;
            }

            atOrAbove += levels[level];
            hours.Add(atOrAbove / (double)TimeSpan.TicksPerHour);
            amps.Add(Math.Round(level * LevelStep, 1));
        }

        amps.Add(amps.Count == 0 ? 0 : amps[^1]);
        return ([.. hours], [.. amps]);
    }

    private static int LevelOf(Amps current) =>
        current.Milliamps <= 0 ? 0 : (int)((current.Milliamps + LevelMilliamps - 1) / LevelMilliamps);
}
