using Amtron.Dlm.Units;
using MathNet.Numerics.Distributions;

namespace Amtron.Site.Model;

/// <summary>
/// A stochastic load of several households: each has a constant base load on one phase, and appliances that switch
/// on at random times (Poisson, more in the morning and evening), draw a random current on a random phase for a random
/// time. Generated once for the whole period from one random stream, then played back as a step series, so it is as
/// exact and repeatable as any other load.
/// </summary>
public static class HouseholdLoad
{
    /// <summary>Relative likelihood of an appliance starting in each UTC hour: quiet nights, morning and evening peaks.</summary>
    private static readonly double[] HourWeights =
        [0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.4, 1.8, 1.5, 1.0, 0.9, 1.1, 1.3, 1.0, 0.8, 0.8, 1.0, 1.6, 2.0, 1.9, 1.5, 1.1, 0.7, 0.4];

    private const double MinimumApplianceAmps = 0.5;
    private static readonly TimeSpan MinimumApplianceTime = TimeSpan.FromMinutes(1);

    /// <summary>How a group of households behaves.</summary>
    /// <param name="Households">Number of households.</param>
    /// <param name="AppliancesPerDay">Mean appliance switch-ons per household and day.</param>
    /// <param name="MeanCurrent">Mean current of an appliance (exponentially distributed).</param>
    /// <param name="MaxCurrent">Largest current of one appliance.</param>
    /// <param name="MeanDuration">Mean time an appliance runs (exponentially distributed).</param>
    /// <param name="BaseLoad">Constant load per household (fridge, standby) on one phase.</param>
    public sealed record Settings(int Households, double AppliancesPerDay, Amps MeanCurrent, Amps MaxCurrent, TimeSpan MeanDuration, Amps BaseLoad);

    /// <summary>Generates the load over [start, end) from <paramref name="random"/>.</summary>
    public static TimeSeriesLoad Generate(string name, Settings settings, DateTimeOffset start, DateTimeOffset end, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        var changes = new List<(DateTimeOffset Time, int Phase, long Milliamps)>();
        var baseLoad = new long[PhaseSet.PhaseCount];
        var weightSum = HourWeights.Sum();
        for (var h = 0; h < settings.Households; h++)
        {
            baseLoad[random.Next(PhaseSet.PhaseCount)] += settings.BaseLoad.Milliamps;
        }

        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            var rate = settings.Households * settings.AppliancesPerDay * HourWeights[hour.UtcDateTime.Hour] / weightSum;
            var count = rate > 0 ? Poisson.Sample(random, rate) : 0;
            for (var i = 0; i < count; i++)
            {
                var on = hour + TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * 3600));
                var seconds = Math.Max(MinimumApplianceTime.TotalSeconds, Math.Round(Exponential.Sample(random, 1 / settings.MeanDuration.TotalSeconds)));
                var amps = Math.Clamp(Exponential.Sample(random, 1 / settings.MeanCurrent.Value), MinimumApplianceAmps, settings.MaxCurrent.Value);
                var milliamps = (long)Math.Round(amps * 10) * 100;
                var phase = random.Next(PhaseSet.PhaseCount);
                changes.Add((on, phase, milliamps));
                changes.Add((on + TimeSpan.FromSeconds(seconds), phase, -milliamps));
            }
        }

        var steps = new List<(DateTimeOffset, PhaseCurrents)> { (start, Currents(baseLoad)) };
        var level = (long[])baseLoad.Clone();
        foreach (var group in changes.OrderBy(c => c.Time).GroupBy(c => c.Time))
        {
            foreach (var change in group)
            {
                level[change.Phase] += change.Milliamps;
            }

            if (group.Key < end && group.Key > start)
            {
                steps.Add((group.Key, Currents(level)));
            }
        }

        return new TimeSeriesLoad(name, steps);
    }

    private static PhaseCurrents Currents(long[] milliamps) =>
        new(Amps.FromMilliamps(milliamps[0]), Amps.FromMilliamps(milliamps[1]), Amps.FromMilliamps(milliamps[2]));
}
