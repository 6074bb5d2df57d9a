using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>
/// The limits of one decision worked out phase by phase from the manual's sentences (chapters 6.1–6.6 and 7), as the
/// tests' own statement of them: it shares no code with src/Amtron.Dlm/Limits (it reads the settings and the reading
/// as data, and counts in milliamps), so a wrong limit in the engine shows as a difference instead of being copied.
/// Where the manual is silent the rule is the project's documented reading (docs/allocation.md, DecisionInput).
/// </summary>
/// <param name="Available">Whole amps per phase the charge points may share, never negative.</param>
/// <param name="ExternalMilliamps">Per phase, the load at the meter that is not the charge points' (zero without a meter).</param>
/// <param name="AllowedSpreadMilliamps">Chapter 7's largest allowed difference between two phases at the grid connection (null: prevention off).</param>
public sealed record ManualLimits(long[] Available, long[] ExternalMilliamps, long? AllowedSpreadMilliamps)
{
    private const long MilliampsPerAmp = 1000;
    private const int Phases = 3;

    /// <summary>
    /// The limits for <paramref name="settings"/> at <paramref name="input"/>; <paramref name="ourMeasured"/> are the
    /// measured currents of the charge points the decision looks at (what an Including meter sees of them).
    /// </summary>
    public static ManualLimits For(DlmSettings settings, DecisionInput input, IEnumerable<PhaseCurrents> ourMeasured)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var measured = ourMeasured.ToList();
        var available = new long[Phases];
        var external = new long[Phases];
        for (var phase = 0; phase < Phases; phase++)
        {
            // 6.1/6.2: "EVSE Sub-Distribution Limit: maximum mains current available for load management."
            var limit = settings.EvseSubDistributionLimit[phase].Milliamps;

            // 6.2: "Operator EVSE Sub-Distribution Limit: upper current limit for load management." 6.5: "The value by
            // which the upper current limit ... is reduced as soon as the digital input is energised."
            var upper = settings.OperatorEvseSubDistributionLimit[phase].Milliamps;
            if (input.DigitalInputActive)
            {
                upper -= settings.MeterDigitalInputCurrentOffset[phase].Milliamps;
            }

            limit = Math.Min(limit, upper);

            // 6.6: "The configured current limit values are not exceeded by the DLM."
            if (settings.MaximumCurrentScheduler is { } scheduler)
            {
                limit = Math.Min(limit, ScheduledMilliamps(scheduler.Entries, input.Time, phase));
            }

            // A satellite that lost the master charges on its Disconnected Limit on its own: that current is not the
            // master's to give (DecisionInput.Reserved).
            var reserved = input.Reserved[phase].Milliamps;
            limit -= reserved;

            if (settings.ExternalMeter is { } meter)
            {
                // 6.3.1 Excluding: "subtracts the current consumption at energy meter M2 from the Main Distribution
                // Limit". 6.3.2 Including: the meter measures consumers and charging stations, and must not exceed the
                // Main Distribution Limit: the consumers are the reading less what our charge points draw. A meter that
                // does not answer: the External Load Fallback stands for the consumers. Export (below zero) is not
                // counted as fuse capacity (docs/allocation.md, step 3).
                long load;
                bool meterSeesTheSatellites;
                if (input.Meter.IsFailed)
                {
                    load = meter.ExternalLoadFallback[phase].Milliamps;
                    meterSeesTheSatellites = false;
                }
                else if (meter.Location == ExternalMeterLocation.ExcludingEvseSubDistribution)
                {
                    load = input.Meter.Currents[phase].Milliamps;
                    meterSeesTheSatellites = false;
                }
                else
                {
                    load = input.Meter.Currents[phase].Milliamps - measured.Sum(m => m[phase].Milliamps);
                    meterSeesTheSatellites = true;
                }

                load = Math.Max(0, load);
                external[phase] = load;

                // "External Load Headroom" is kept free on top of the consumers. The satellites' draw is in a reading
                // that includes the charging stations (it is part of the load above); anywhere else it comes off here.
                var main = meter.MainDistributionLimit[phase].Milliamps - load - meter.ExternalLoadHeadroom[phase].Milliamps;
                limit = Math.Min(limit, meterSeesTheSatellites ? main : main - reserved);
            }

            // "Regulation takes place in 1 A steps": whole amps, and nothing below zero.
            available[phase] = limit <= 0 ? 0 : limit / MilliampsPerAmp;
        }

        // Chapter 7: with a meter the imbalance is prevented "at the point of the external energy meter. In this way,
        // other consumers are also considered"; the house's own spread cannot be charged away, so it is allowed too.
        long? allowed = settings.CurrentImbalancePrevention
            ? Math.Max(settings.CurrentImbalanceLimit.Milliamps, external.Max() - external.Min())
            : null;
        return new ManualLimits(available, external, allowed);
    }

    /// <summary>Whole amps of <paramref name="loads"/> above the available current on the worst phase (0 when they fit).</summary>
    public long Excess(long[] loads) => Enumerable.Range(0, Phases).Max(p => Math.Max(0, loads[p] - Available[p]));

    /// <summary>
    /// Chapter 7 with margins: whole-amp <paramref name="loads"/> per phase keep the imbalance rule when, for every
    /// ordered pair of different phases (p, q), (external + load) on p plus <paramref name="heavierMilliamps"/>[p, q]
    /// (how much more p may weigh than q) exceeds (external + load − <paramref name="lighterMilliamps"/>) on q by at
    /// most the allowed spread. No margins: the spread of external + load.
    /// </summary>
    public bool KeepsImbalance(long[] loads, long[,]? heavierMilliamps = null, long[]? lighterMilliamps = null)
    {
        if (AllowedSpreadMilliamps is not { } allowed)
        {
            return true;
        }

        for (var p = 0; p < Phases; p++)
        {
            for (var q = 0; q < Phases; q++)
            {
                if (p == q)
                {
                    continue;
                }

                var heavy = ExternalMilliamps[p] + (loads[p] * MilliampsPerAmp) + (heavierMilliamps?[p, q] ?? 0);
                var light = ExternalMilliamps[q] + (loads[q] * MilliampsPerAmp) - (lighterMilliamps?[q] ?? 0);
                if (heavy - light > allowed)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// 6.6's table: a row holds from its hour (UTC) until the next row, and the day's last row holds past midnight
    /// ("20 – 0 hrs", then "0 – 7 hrs"). So the row in force is the first found walking back hour by hour from now.
    /// </summary>
    private static long ScheduledMilliamps(IReadOnlyList<SchedulerEntry> rows, DateTimeOffset time, int phase)
    {
        var now = time.ToUniversalTime().Hour;
        for (var back = 0; back < 24; back++)
        {
            var hour = (now - back + 24) % 24;
            foreach (var row in rows)
            {
                if (row.Hour == hour)
                {
                    return row.Limit[phase].Milliamps;
                }
            }
        }

        throw new InvalidOperationException("A scheduler without rows.");
    }
}
