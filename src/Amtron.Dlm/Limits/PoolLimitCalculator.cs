using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Limits;

/// <summary>Steps 1–4 of the decision (design.md): from the settings and the instant to whole amps per phase.</summary>
public static class PoolLimitCalculator
{
    /// <summary>Computes the available current per phase for a DLM network.</summary>
    public static PoolLimit Compute(DlmSettings settings, in DecisionInput input, ReadOnlySpan<ChargePointDemand> chargePoints)
    {
        // Stryker disable once Statement : OperatorLimit, called next, throws the same ArgumentNullException for "settings"
        ArgumentNullException.ThrowIfNull(settings);

        var operatorLimit = OperatorLimit(settings, input.DigitalInputActive);
        var schedulerLimit = settings.MaximumCurrentScheduler?.LimitAt(input.Time);
        var (externalLoad, meterStatus) = ExternalLoad(settings.ExternalMeter, input.Meter, chargePoints);
        var mainLimit = settings.ExternalMeter is { } meter
            ? meter.MainDistributionLimit - externalLoad - meter.ExternalLoadHeadroom
            : (PhaseCurrents?)null;
        var meterSeesReserved = settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution } && !input.Meter.IsFailed;

        Span<Amps> unrounded = stackalloc Amps[PhaseSet.PhaseCount];
        Span<LimitSource> sources = stackalloc LimitSource[PhaseSet.PhaseCount];
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            var limit = settings.EvseSubDistributionLimit[p];
            var source = LimitSource.EvseSubDistributionLimit;
            Tighten(ref limit, ref source, operatorLimit[p], LimitSource.OperatorEvseSubDistributionLimit);
            if (schedulerLimit is { } schedule)
            {
                Tighten(ref limit, ref source, schedule[p], LimitSource.MaximumCurrentScheduler);
            }

            limit -= input.Reserved[p];
            if (mainLimit is { } main)
            {
                Tighten(ref limit, ref source, meterSeesReserved ? main[p] : main[p] - input.Reserved[p], LimitSource.MainDistributionLimit);
            }

            unrounded[p] = limit;
            sources[p] = source;
        }

        var available = new PhaseCurrents(WholeNonNegative(unrounded[0]), WholeNonNegative(unrounded[1]), WholeNonNegative(unrounded[2]));
        return new PoolLimit(
            available,
            new PhaseCurrents(unrounded[0], unrounded[1], unrounded[2]),
            new PhaseLimitSources(sources[0], sources[1], sources[2]),
            operatorLimit,
            schedulerLimit,
            externalLoad,
            meterStatus);
    }

    /// <summary>The Operator limit in force: lowered by the digital-input offset while the input is energised, never below 0.</summary>
    public static PhaseCurrents OperatorLimit(DlmSettings settings, bool digitalInputActive)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var operatorLimit = settings.OperatorEvseSubDistributionLimit;
        return digitalInputActive ? (operatorLimit - settings.MeterDigitalInputCurrentOffset).NonNegative : operatorLimit;
    }

    /// <summary>
    /// Steps 1-2: the limit the network's draw must keep before any meter, min(EVSE Sub-Distribution Limit, Operator
    /// limit in force, the scheduler's entry at <paramref name="time"/>); not rounded.
    /// </summary>
    public static PhaseCurrents DlmLimit(DlmSettings settings, DateTimeOffset time, bool digitalInputActive)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var limit = PhaseCurrents.Min(settings.EvseSubDistributionLimit, OperatorLimit(settings, digitalInputActive));
        return settings.MaximumCurrentScheduler is { } scheduler ? PhaseCurrents.Min(limit, scheduler.LimitAt(time)) : limit;
    }

    /// <summary>
    /// The load on the meter's phases that is not ours: the reading (Excluding), or the reading minus our charge points'
    /// measured currents (Including); never below zero, since export must not be counted as extra fuse capacity.
    /// </summary>
    public static (PhaseCurrents Load, MeterStatus Status) ExternalLoad(
        ExternalMeterSettings? meter, MeterReading reading, ReadOnlySpan<ChargePointDemand> chargePoints)
    {
        if (meter is null)
        {
            return (PhaseCurrents.Zero, MeterStatus.NotConfigured);
        }

        if (reading.IsFailed)
        {
            return (meter.ExternalLoadFallback, MeterStatus.Failed);
        }

        var load = reading.Currents;
        if (meter.Location == ExternalMeterLocation.IncludingEvseSubDistribution)
        {
            foreach (var chargePoint in chargePoints)
            {
                load -= chargePoint.MeasuredCurrents;
            }
        }

        return (load.NonNegative, MeterStatus.Ok);
    }

    private static void Tighten(ref Amps limit, ref LimitSource source, Amps candidate, LimitSource candidateSource)
    {
        if (candidate < limit)
        {
            limit = candidate;
            source = candidateSource;
        }
    }

    private static Amps WholeNonNegative(Amps limit) => Amps.From(Math.Max(0, limit.FloorWholeAmps));
}
