using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Sim.Results.Plots;

/// <summary>
/// A limit over time as steps: value i holds from <see cref="Times"/>[i] until the next time (the last until the end
/// of the run, which is the last time). Worked out from the site file alone, exactly: every Operator change,
/// scheduler hour and digital-input switch is a step.
/// </summary>
/// <param name="Times">When each value begins, then the end of the run.</param>
/// <param name="Values">The value from each time on (one fewer than the times).</param>
public sealed record LimitSteps(IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<PhaseCurrents> Values)
{
    /// <summary>A limit that holds the whole run.</summary>
    public static LimitSteps Constant(SiteSpec site, PhaseCurrents value)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new([site.Start, site.End], [value]);
    }

    /// <summary>
    /// The DLM limit of <paramref name="network"/> (min of EVSE Sub-Distribution Limit, Operator limit lowered by the
    /// downgrade offset while the digital input is energised, and the scheduler), as in the run's own limit check.
    /// </summary>
    public static LimitSteps DlmLimit(SiteSpec site, NetworkSpec network)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(network);
        var times = new List<DateTimeOffset>();
        var values = new List<PhaseCurrents>();
        foreach (var time in site.SettingChanges().Prepend(site.Start))
        {
            var value = network.DlmLimitAt(time, site.DigitalInputAt(time));
            if (values.Count == 0 || values[^1] != value)
            {
                times.Add(time);
                values.Add(value);
            }
        }

        times.Add(site.End);
        return new(times, values);
    }

    /// <summary>Whether every value is the same on all three phases.</summary>
    public bool Symmetric => Values.All(v => v.L1 == v.L2 && v.L2 == v.L3);

    /// <summary>Whether the limit never changes.</summary>
    public bool IsConstant => Values.Distinct().Count() == 1;

    /// <summary>The lowest value of <paramref name="phase"/> over the run.</summary>
    public double Lowest(int phase) => Values.Min(v => v[phase].Value);
}
