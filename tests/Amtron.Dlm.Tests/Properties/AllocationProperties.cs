using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Tests.Testing;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Amtron.Dlm.Tests.Properties;

/// <summary>
/// The invariants of design.md step 5 over random sites (mixed phases, meters, schedules, failures, satellites out of
/// reach, imbalance reserves). The limits are the manual's (<see cref="ManualLimits"/>), never read from the decision:
/// <see cref="RandomSite.Outcome.Fits"/> states them, the imbalance reserve included.
/// </summary>
[Properties(Arbitrary = [typeof(RandomSite)])]
public sealed class AllocationProperties
{
    private const int Minimum = (int)DlmConstants.MinimumChargingCurrentWholeAmps;

    [ScaledProperty(500)]
    public bool Per_phase_sums_never_exceed_the_available_current(RandomSite site)
    {
        var result = site.Decide();
        var loads = result.Loads(site.ChargePoints);
        return Enumerable.Range(0, 3).All(p => loads[p] <= result.Available(p))
            && result.Decision.PhaseLoad == PhaseCurrents.FromWholeAmps(loads[0], loads[1], loads[2]);
    }

    [ScaledProperty(500)]
    public bool Every_current_is_zero_or_between_6_A_and_the_ceiling(RandomSite site)
    {
        var result = site.Decide();
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            var cp = site.ChargePoints[i];
            var current = result.Currents[i];
            var mayCharge = cp.Requesting && cp.CeilingWholeAmps >= Minimum;
            if (current != 0 && (!mayCharge || current < Minimum || current > cp.CeilingWholeAmps))
            {
                return false;
            }
        }

        return result.Decision.ChargingCount == result.Currents.Count(c => c > 0);
    }

    [ScaledProperty(500)]
    public bool Imbalance_stays_within_the_limit_or_the_external_loads_own_spread(RandomSite site)
    {
        var result = site.Decide();
        if (result.Manual.AllowedSpreadMilliamps is not { } allowed)
        {
            return result.Decision.AllowedImbalance is null;
        }

        var loads = result.Loads(site.ChargePoints);
        var grid = Enumerable.Range(0, 3).Select(p => result.Manual.ExternalMilliamps[p] + (loads[p] * Amps.MilliampsPerAmp)).ToArray();
        return result.Decision.AllowedImbalance == Amps.FromMilliamps(allowed)
            && result.Manual.KeepsImbalance(loads)
            && result.Decision.GridImbalance == Amps.FromMilliamps(grid.Max() - grid.Min());
    }

    /// <summary>
    /// The engine's available current, external load and allowed imbalance are the manual's (<see cref="ManualLimits"/>,
    /// worked independently of src/Amtron.Dlm/Limits): every other property judges the currents against the manual's,
    /// and this one says the engine's explanation of a decision tells the same numbers.
    /// </summary>
    [ScaledProperty(1000)]
    public Property The_engines_limits_are_the_manuals(RandomSite site)
    {
        var result = site.Decide();
        var manual = result.Manual;
        var pool = result.Decision.Pool;
        var same = pool.Available == PhaseCurrents.FromWholeAmps(manual.Available[0], manual.Available[1], manual.Available[2])
            && pool.ExternalLoad == new PhaseCurrents(Amps.FromMilliamps(manual.ExternalMilliamps[0]), Amps.FromMilliamps(manual.ExternalMilliamps[1]), Amps.FromMilliamps(manual.ExternalMilliamps[2]))
            && result.Decision.AllowedImbalance == (manual.AllowedSpreadMilliamps is { } allowed ? Amps.FromMilliamps(allowed) : null);

        // Which rule the case exercises: the meter's state, and whether its limit binds on a phase with reserved current.
        var withoutMeter = site.Manual(site.Settings with { ExternalMeter = null }, site.ChargePoints).Available;
        var meterBinds = Enumerable.Range(0, 3).Any(p => site.Input.Reserved[p] > Amps.Zero && manual.Available[p] < withoutMeter[p]);
        var meter = site.Settings.ExternalMeter is not { } m ? "no meter" : $"{(m.Location == ExternalMeterLocation.IncludingEvseSubDistribution ? "including" : "excluding")} {(site.Input.Meter.IsFailed ? "failed" : "ok")}";
        return same.Label($"engine {pool.Available} / {pool.ExternalLoad} / {result.Decision.AllowedImbalance}, manual [{string.Join(", ", manual.Available)}] / [{string.Join(", ", manual.ExternalMilliamps)}] mA / {manual.AllowedSpreadMilliamps} mA")
            .Collect($"{meter}{(site.Input.Reserved == PhaseCurrents.Zero ? string.Empty : meterBinds ? ", binds where current is reserved" : ", reserved")}");
    }

    /// <summary>
    /// The reserve is kept by the result: checked from the currents and phases. The only exception is a reserve that
    /// nobody charging breaks and no set of points at 6 A restores (the house alone is near the allowed spread on a
    /// reserved phase): then nobody charges.
    /// </summary>
    [ScaledProperty(500)]
    public bool The_imbalance_reserve_is_kept_unless_no_set_of_points_at_6_A_keeps_it(RandomSite site)
    {
        var result = site.Decide();
        return result.Fits(result.Loads(site.ChargePoints))
            || (result.Decision.ChargingCount == 0 && BruteForceMaximumAtMinimum(site, result).Count < 0);
    }

    [ScaledProperty(500)]
    public bool Work_conservation_nobody_below_the_ceiling_could_take_one_more_amp(RandomSite site)
    {
        var result = site.Decide();
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            var cp = site.ChargePoints[i];
            if (result.Currents[i] > 0 && result.Currents[i] < cp.CeilingWholeAmps && result.Fits(WithExtra(result, site, cp.Phases, 1)))
            {
                return false;
            }
        }

        return true;
    }

    [ScaledProperty(500)]
    public bool No_paused_point_could_be_added_at_6_A(RandomSite site)
    {
        var result = site.Decide();
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            var cp = site.ChargePoints[i];
            var eligible = cp.Requesting && cp.CeilingWholeAmps >= Minimum;
            if (eligible && result.Currents[i] == 0 && result.Fits(WithExtra(result, site, cp.Phases, Minimum)))
            {
                return false;
            }
        }

        return true;
    }

    [ScaledProperty(500)]
    public Property The_count_is_the_maximum_and_ties_go_to_earlier_points(RandomSite site)
    {
        var result = site.Decide();
        var (bestCount, bestSet) = BruteForceMaximumAtMinimum(site, result);
        var charging = 0;
        for (var i = 0; i < site.ChargePoints.Length; i++)
        {
            charging |= result.Currents[i] > 0 ? 1 << (site.ChargePoints.Length - 1 - i) : 0;
        }

        // Without imbalance prevention the count at 6 A is exact, and the chosen set is the priority-first one.
        // With it, that set is selected, and raising light phases can admit more. When no set at 6 A keeps the
        // imbalance reserve (not even the empty one), nobody charges.
        if (bestCount < 0)
        {
            return (result.Decision.ChargingCount == 0).Classify(true, "no set at 6 A keeps the reserve");
        }

        var holds = site.Settings.CurrentImbalancePrevention
            ? result.Decision.ChargingCount >= bestCount && (charging & bestSet) == bestSet
            : result.Decision.ChargingCount == bestCount && charging == bestSet;
        var eligible = site.ChargePoints.Count(cp => cp.Requesting && cp.CeilingWholeAmps >= Minimum);
        return holds.Label($"{result.Decision.ChargingCount} charge (set {charging:b}), the most at 6 A is {bestCount} (set {bestSet:b})")
            .Classify(bestCount < eligible, "not everyone fits at 6 A")
            .Classify(result.Decision.ChargingCount > bestCount, "one more admitted after raising a light phase");
    }

    /// <summary>
    /// A reserve of zero is no reserve at all: same answer as an input that never set one, also from an engine that
    /// has just decided with a reserve (the last allocation must not be reused). Its whole-seed equality with the
    /// allocator before reserves existed was checked once over 100,000 seeds when reserves were added.
    /// </summary>
    [ScaledProperty(500)]
    public bool A_zero_reserve_decides_as_an_input_without_one(RandomSite site)
    {
        var engine = new DlmEngine();
        _ = site.Decide(engine);
        var zero = site.WithReserve(PhasePairCurrents.Zero).Decide(engine);
        var plain = site with { Input = new DecisionInput(site.Input.Time, site.Input.Meter, site.Input.DigitalInputActive) { Reserved = site.Input.Reserved } };
        var fresh = plain.Decide();
        return zero.Currents.SequenceEqual(fresh.Currents) && zero.Outcomes.SequenceEqual(fresh.Outcomes) && zero.Decision == fresh.Decision;
    }

    [ScaledProperty(500)]
    public bool Without_imbalance_prevention_the_reserve_changes_nothing(RandomSite site, int reserveSeed)
    {
        var off = site.Settings with { CurrentImbalancePrevention = false };
        var reserved = site.WithReserve(site.RandomReserve(new Random(reserveSeed))).DecideWith(off, site.ChargePoints);
        var none = site.WithReserve(PhasePairCurrents.Zero).DecideWith(off, site.ChargePoints);
        return reserved.Currents.SequenceEqual(none.Currents) && reserved.Outcomes.SequenceEqual(none.Outcomes) && reserved.Decision == none.Decision;
    }

    /// <summary>Two decisions on one engine that differ only in the reserve: the second is what a fresh engine gives.</summary>
    [ScaledProperty(500)]
    public bool A_changed_reserve_is_decided_afresh(RandomSite site, int reserveSeed)
    {
        var other = site.WithReserve(site.RandomReserve(new Random(reserveSeed)));
        var engine = new DlmEngine();
        _ = site.Decide(engine);
        var remembered = other.Decide(engine);
        var fresh = other.Decide();
        return remembered.Currents.SequenceEqual(fresh.Currents) && remembered.Outcomes.SequenceEqual(fresh.Outcomes) && remembered.Decision == fresh.Decision;
    }

    [ScaledProperty(500)]
    public bool Deterministic_and_independent_of_reused_buffers(RandomSite site, int otherSeed)
    {
        var engine = new DlmEngine();
        var other = RandomSite.FromSeed(otherSeed & int.MaxValue);
        var first = site.Decide(engine);
        _ = other.Decide(engine);
        var second = site.Decide(engine);
        var fresh = site.Decide();
        return first.Currents.SequenceEqual(second.Currents) && first.Currents.SequenceEqual(fresh.Currents)
            && first.Outcomes.SequenceEqual(second.Outcomes) && first.Decision == fresh.Decision;
    }

    /// <summary>
    /// An engine remembers its last few allocations: deciding a dozen sites twice in turn on one engine (the second
    /// round partly from memory, partly afresh once the memory has moved on) gives what fresh engines give.
    /// </summary>
    [ScaledProperty(200)]
    public bool Remembered_allocations_among_several_are_what_a_fresh_engine_gives(int seed)
    {
        var sites = Enumerable.Range(0, 12).Select(k => RandomSite.FromSeed((int)(((long)seed + (k % 10)) & int.MaxValue))).ToArray();
        var engine = new DlmEngine();
        foreach (var site in sites)
        {
            _ = site.Decide(engine);
        }

        return sites.All(site =>
        {
            var remembered = site.Decide(engine);
            var fresh = site.Decide();
            return remembered.Currents.SequenceEqual(fresh.Currents) && remembered.Outcomes.SequenceEqual(fresh.Outcomes) && remembered.Decision == fresh.Decision;
        });
    }

    /// <summary>
    /// The engine answers a repeated allocation from memory when only ids or measured draws changed (with no meter
    /// including the charge points, they do not enter the allocation): the answer must be what a fresh engine gives.
    /// </summary>
    [ScaledProperty(500)]
    public bool Ids_and_measured_draws_do_not_change_the_allocation(RandomSite site, int drawSeed)
    {
        var settings = site.Settings with { ExternalMeter = null };
        var random = new Random(drawSeed);
        var changed = site.ChargePoints
            .Select((cp, i) => cp with { Id = $"other{i}", MeasuredCurrents = PhaseCurrents.FromWholeAmps(random.Next(0, 33), random.Next(0, 33), random.Next(0, 33)) })
            .ToArray();
        var engine = new DlmEngine();
        _ = site.DecideWith(settings, site.ChargePoints, engine);
        var remembered = site.DecideWith(settings, changed, engine);
        var fresh = site.DecideWith(settings, changed);
        return remembered.Currents.SequenceEqual(fresh.Currents) && remembered.Outcomes.SequenceEqual(fresh.Outcomes) && remembered.Decision == fresh.Decision;
    }

    [ScaledProperty(500)]
    public bool More_available_current_never_lowers_the_count(RandomSite site, byte extraL1, byte extraL2, byte extraL3)
    {
        // Exact without imbalance prevention. With it, points that only fit once light phases are raised are admitted
        // after filling, which can admit fewer after an increase (seed 689147486 + 13 A on L2; docs/allocation.md).
        var settings = site.Settings with { CurrentImbalancePrevention = false };
        var more = MoreAvailable(settings, PhaseCurrents.FromWholeAmps(extraL1 % 40, extraL2 % 40, extraL3 % 40));
        return site.DecideWith(more, site.ChargePoints).Decision.ChargingCount >= site.DecideWith(settings, site.ChargePoints).Decision.ChargingCount;
    }

    /// <summary>
    /// The points charging stay the ones charging with more current on every phase (the others are left out: they
    /// could only join), and none of them gets less. With imbalance prevention, a point above the others may have to
    /// give way when a light phase fills up: that is the imbalance rule working, so this holds for the fuse limits
    /// alone. Exact for 1- and 3-phase vehicles; with 2-phase vehicles whole-amp rounding on different phases can move
    /// an amp between points (found by this property; see docs/allocation.md).
    /// </summary>
    [ScaledProperty(500)]
    public Property More_current_on_every_phase_never_lowers_anyones_current_when_the_same_points_charge(RandomSite site, byte extra)
    {
        var settings = site.Settings with { CurrentImbalancePrevention = false };
        var all = site.ChargePoints.Select(cp => cp.Phases.Count == 2 ? cp with { Phases = PhaseSet.ThreePhase } : cp).ToArray();
        var first = site.DecideWith(settings, all);
        var chargePoints = all.Select((cp, i) => cp with { Requesting = cp.Requesting && first.Currents[i] > 0 }).ToArray();
        var before = site.DecideWith(settings, chargePoints);
        var after = site.DecideWith(MoreAvailable(settings, PhaseCurrents.Uniform(extra % 40)), chargePoints);
        var sameSet = before.Currents.Zip(after.Currents).All(pair => (pair.First > 0) == (pair.Second > 0));
        var limited = before.Currents.Where((c, i) => c > 0 && c < chargePoints[i].CeilingWholeAmps).Any();
        return (sameSet && before.Currents.Zip(after.Currents).All(pair => pair.Second >= pair.First))
            .Label($"before {string.Join(", ", before.Currents)} A, after {string.Join(", ", after.Currents)} A")
            .Classify(!limited, "nobody charging below the ceiling before")
            .Classify(before.Currents.Zip(after.Currents).Any(pair => pair.Second > pair.First), "someone rises");
    }

    [ScaledProperty(500)]
    public bool Ids_are_labels_only(RandomSite site)
    {
        var renamed = site.ChargePoints.Select((cp, i) => cp with { Id = $"renamed-{site.ChargePoints.Length - i}" }).ToArray();
        return site.Decide().Currents.SequenceEqual(site.DecideWith(site.Settings, renamed).Currents);
    }

    /// <summary>
    /// FIFO among equals: points with the same demand (phases, ceiling, draw) differ only in their place in the
    /// priority order, so an earlier one never gets less than a later one (it is chosen first at 6 A, and filling
    /// gives any remainder amp to earlier points). Two to four copies of one of the site's points (or of a 3-phase
    /// 32 A point) are put at random places among its points.
    /// </summary>
    [ScaledProperty(500)]
    public Property Among_equal_demands_an_earlier_point_never_gets_less_than_a_later_one(RandomSite site, int pickSeed)
    {
        var random = new Random(pickSeed);
        var template = site.ChargePoints.Length > 0
            ? site.ChargePoints[random.Next(site.ChargePoints.Length)] with { Requesting = true }
            : new ChargePointDemand("CP", PhaseSet.ThreePhase, Amps.From(32), Amps.From(32), true, PhaseCurrents.Zero);
        var points = site.ChargePoints.ToList();
        for (var copies = random.Next(2, 5); copies > 0; copies--)
        {
            points.Insert(random.Next(points.Count + 1), template with { Id = $"copy{copies}" });
        }

        var currents = site.DecideWith(site.Settings, [.. points]).Currents;
        var ordered = points.Select((p, i) => (p, i)).Where(x => x.p.Id.StartsWith("copy", StringComparison.Ordinal)).Select(x => currents[x.i]).ToArray();
        var fifo = ordered.Zip(ordered.Skip(1)).All(pair => pair.First >= pair.Second);
        return fifo.Label($"copies of {template.Id} ({template.Phases}, ceiling {template.CeilingWholeAmps} A) got {string.Join(", ", ordered)} A in order")
            .Classify(ordered.Distinct().Count() > 1, "equal points got different currents")
            .Classify(ordered.Contains(0) && ordered.Any(c => c > 0), "an equal point waits");
    }

    private static long[] WithExtra(RandomSite.Outcome result, RandomSite site, PhaseSet phases, long amps)
    {
        var loads = result.Loads(site.ChargePoints);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            loads[p] += phases.Contains(p) ? amps : 0;
        }

        return loads;
    }

    /// <summary>
    /// Every subset of eligible points at 6 A each: the largest feasible size, and the priority-first such set;
    /// -1 when none is feasible, not even the empty set (an imbalance reserve the external load alone breaks).
    /// </summary>
    private static (int Count, int Set) BruteForceMaximumAtMinimum(RandomSite site, RandomSite.Outcome result)
    {
        var n = site.ChargePoints.Length;
        var bestCount = -1;
        var bestSet = 0;
        for (var set = 0; set < 1 << n; set++)
        {
            var loads = new long[3];
            var count = 0;
            var valid = true;
            for (var i = 0; i < n && valid; i++)
            {
                if ((set & (1 << (n - 1 - i))) == 0)
                {
                    continue;
                }

                var cp = site.ChargePoints[i];
                valid = cp.Requesting && cp.CeilingWholeAmps >= Minimum;
                count++;
                for (var p = 0; p < PhaseSet.PhaseCount; p++)
                {
                    loads[p] += cp.Phases.Contains(p) ? Minimum : 0;
                }
            }

            if (valid && result.Fits(loads) && (count > bestCount || (count == bestCount && set > bestSet)))
            {
                bestCount = count;
                bestSet = set;
            }
        }

        return (bestCount, bestSet);
    }

    private static DlmSettings MoreAvailable(DlmSettings settings, PhaseCurrents extra)
    {
        var meter = settings.ExternalMeter is { } m ? m with { MainDistributionLimit = m.MainDistributionLimit + extra } : null;
        var scheduler = settings.MaximumCurrentScheduler is { } s
            ? new MaximumCurrentScheduler(s.Entries.Select(e => e with { Limit = e.Limit + extra }))
            : null;
        return settings with
        {
            EvseSubDistributionLimit = settings.EvseSubDistributionLimit + extra,
            OperatorEvseSubDistributionLimit = settings.OperatorEvseSubDistributionLimit + extra,
            ExternalMeter = meter,
            MaximumCurrentScheduler = scheduler,
        };
    }
}
