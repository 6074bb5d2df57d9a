using Amtron.Dlm.Units;
using Amtron.Grid.Protection;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Grid.Tests.Protection;

/// <summary>
/// The thermal memory over sequences of intervals: more overload never lowers the damage, a cool-down never raises it,
/// to the rounding: a changed interval cuts the stretches differently, and the same damage worked out over other
/// stretches may differ in its last bit (seed 7832 of the cool-down: an SLS E 55 A at 331.21952645463045 and
/// 331.2195264546305), so the comparisons allow a relative 1e-12.
/// </summary>
public class TripDamageProperties
{
    private const double Rounding = 1e-12;

    private static readonly DeviceKind[] Kinds = Enum.GetValues<DeviceKind>();

    [ScaledProperty(300)]
    public Property More_current_never_lowers_the_damage() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (device, steps) = Random(seed);
            var random = new Random(seed ^ 0x5bd1e995);
            var raised = steps.Select(s => random.Next(3) == 0 ? s with { Current = s.Current + PhaseCurrents.FromWholeAmps(random.Next(40), random.Next(40), random.Next(40)) } : s).ToList();

            var (before, after) = (Run(device, steps), Run(device, raised));
            return after.MaxWorst >= before.MaxWorst * (1 - Rounding) && after.MaxTypical >= before.MaxTypical * (1 - Rounding) && after.AboveNonTrip >= before.AboveNonTrip;
        });

    [ScaledProperty(300)]
    public Property A_cool_down_never_raises_the_damage() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (device, steps) = Random(seed);
            var random = new Random(seed ^ 0x27d4eb2f);
            var cooled = steps.Select(s => random.Next(3) == 0 ? s with { Current = PhaseCurrents.Zero } : s).ToList();

            var (before, after) = (Run(device, steps), Run(device, cooled));
            return after.MaxWorst <= before.MaxWorst * (1 + Rounding) && after.MaxTypical <= before.MaxTypical * (1 + Rounding);
        });

    [ScaledProperty(300)]
    public Property Typical_damage_never_exceeds_the_worst_case() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (device, steps) = Random(seed);
            var damage = Run(device, steps);
            return damage.MaxTypical <= damage.MaxWorst && damage.Samples.All(s => s.Typical <= s.Worst) && damage.TripPossible == damage.MaxWorst >= 1;
        });

    private static (ProtectiveDevice Device, List<Step> Steps) Random(int seed)
    {
        var random = new Random(seed);
        var rating = random.Next(16, 126);
        var device = Devices.Of(Kinds[random.Next(Kinds.Length)], rating);
        var steps = Enumerable.Range(0, random.Next(1, 40)).Select(_ => new Step(
            TimeSpan.FromSeconds(random.Next(1, 1200)),
            PhaseCurrents.FromWholeAmps(random.Next(0, 2 * rating), random.Next(0, 2 * rating), random.Next(0, 2 * rating)))).ToList();
        return (device, steps);
    }

    private static TripDamage Run(ProtectiveDevice device, List<Step> steps)
    {
        var damage = new TripDamage(device);
        var at = TimeSpan.Zero;
        foreach (var step in steps)
        {
            damage.Advance(at, step.Span, step.Current);
            at += step.Span;
        }

        return damage;
    }

    private sealed record Step(TimeSpan Span, PhaseCurrents Current);
}
