using Amtron.Dlm.Decision;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Properties;

/// <summary>
/// Vehicles of 1 or 2 phases that draw less than they are given (<see cref="ChargePointDemand.ImbalanceShortfall"/>):
/// with imbalance prevention the rule holds on what they draw — a phase lighter by the shortfalls of the vehicles
/// charging on it, of none that are paused — and the allocation still leaves no amp and no 6 A slot unused that the
/// limits, so counted, would allow. Judged against the manual's limits (<see cref="ManualLimits"/>).
/// </summary>
[Properties(Arbitrary = [typeof(ShortfallProperties)])]
public sealed class ShortfallProperties
{
    private const int Minimum = (int)DlmConstants.MinimumChargingCurrentWholeAmps;

    public static Arbitrary<RandomSite> Sites() => Arb.From(Gen.Choose(0, int.MaxValue).Select(WithShortfalls));

    /// <summary>
    /// A random site with imbalance prevention in three cases of four, where half of the vehicles of 1 or 2 phases are
    /// short by up to their ceiling (what the controller can report: given less drawn, never more than given).
    /// </summary>
    internal static RandomSite WithShortfalls(int seed)
    {
        var site = RandomSite.FromSeed(seed);
        var random = new Random(~seed);
        var settings = site.Settings with { CurrentImbalancePrevention = random.Next(4) != 0 || site.Settings.CurrentImbalancePrevention };
        var chargePoints = site.ChargePoints
            .Select(cp => cp.Phases.Count < PhaseSet.PhaseCount && random.Next(2) == 0
                ? cp with { ImbalanceShortfall = Amps.FromMilliamps(random.NextInt64(0, (cp.CeilingWholeAmps * Amps.MilliampsPerAmp) + 1)) }
                : cp)
            .ToArray();
        return site with { Settings = settings, ChargePoints = chargePoints };
    }

    [ScaledProperty(500)]
    public Property The_imbalance_holds_on_what_charging_vehicles_draw(RandomSite site)
    {
        var result = site.Decide();
        var loads = result.Loads(site.ChargePoints);
        var keeps = result.Manual.Excess(loads) == 0 && Keeps(result, loads, Lighter(site, result.Currents));
        // Nobody charging breaks the rule only where the external load and the reserves alone do (AllocationProperties).
        var nobodyKeepsIt = result.Decision.ChargingCount == 0 && !Keeps(result, [0, 0, 0], [0, 0, 0]);
        return (keeps || nobodyKeepsIt)
            .Classify(site.ChargePoints.Any(cp => cp.ImbalanceShortfall > Amps.Zero) && site.Settings.CurrentImbalancePrevention, "with shortfalls under imbalance prevention");
    }

    [ScaledProperty(500)]
    public bool Nobody_below_the_ceiling_could_take_one_more_amp(RandomSite site)
    {
        var result = site.Decide();
        var lighter = Lighter(site, result.Currents);
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            var cp = site.ChargePoints[i];
            var loads = WithExtra(result.Loads(site.ChargePoints), cp.Phases, 1);
            if (result.Currents[i] > 0 && result.Currents[i] < cp.CeilingWholeAmps && result.Manual.Excess(loads) == 0 && Keeps(result, loads, lighter))
            {
                return false;
            }
        }

        return true;
    }

    [ScaledProperty(500)]
    public bool No_paused_vehicle_could_be_added_at_6_A_with_its_own_shortfall(RandomSite site)
    {
        var result = site.Decide();
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            var cp = site.ChargePoints[i];
            if (!cp.Requesting || cp.CeilingWholeAmps < Minimum || result.Currents[i] != 0)
            {
                continue;
            }

            var loads = WithExtra(result.Loads(site.ChargePoints), cp.Phases, Minimum);
            var lighter = Lighter(site, result.Currents);
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                lighter[q] += cp.Phases.Contains(q) && site.Settings.CurrentImbalancePrevention ? cp.ImbalanceShortfall.Milliamps : 0;
            }

            if (result.Manual.Excess(loads) == 0 && Keeps(result, loads, lighter))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An engine that decided on other shortfalls answers as a fresh one: the remembered allocation reads them.</summary>
    [ScaledProperty(300)]
    public bool A_changed_shortfall_is_decided_afresh(RandomSite site, int otherSeed)
    {
        var random = new Random(otherSeed);
        var other = site with
        {
            ChargePoints = site.ChargePoints
                .Select(cp => cp.Phases.Count < PhaseSet.PhaseCount ? cp with { ImbalanceShortfall = Amps.From(random.Next(0, 7)) } : cp)
                .ToArray(),
        };
        var engine = new DlmEngine();
        other.Decide(engine);
        return site.Decide(engine).Currents.SequenceEqual(site.Decide().Currents);
    }

    /// <summary>Per phase, in milliamps, the shortfalls of the vehicles given current on it (imbalance prevention only reads them).</summary>
    private static long[] Lighter(RandomSite site, int[] currents)
    {
        var lighter = new long[PhaseSet.PhaseCount];
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                lighter[q] += currents[i] > 0 && site.ChargePoints[i].Phases.Contains(q) ? site.ChargePoints[i].ImbalanceShortfall.Milliamps : 0;
            }
        }

        return lighter;
    }

    private static bool Keeps(RandomSite.Outcome result, long[] loads, long[] lighter) =>
        result.Manual.KeepsImbalance(loads, result.ReserveMilliamps(), lighter);

    private static long[] WithExtra(long[] loads, PhaseSet phases, long amps)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            loads[p] += phases.Contains(p) ? amps : 0;
        }

        return loads;
    }
}
