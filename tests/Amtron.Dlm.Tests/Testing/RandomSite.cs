using System.Globalization;
using System.Text;
using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Limits;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>
/// A random DLM network: mixed 1/2/3-phase vehicles on rotated phases, limits, meters (either location, failing or
/// not), schedules, downgrade input, imbalance prevention with an imbalance reserve. Built from one seed so a failing
/// case is reproducible from the seed FsCheck prints.
/// </summary>
public sealed record RandomSite(int Seed, DlmSettings Settings, DecisionInput Input, ChargePointDemand[] ChargePoints)
{
    public static Arbitrary<RandomSite> Arbitrary() => Arb.From(Gen.Choose(0, int.MaxValue).Select(FromSeed));

    public static RandomSite FromSeed(int seed)
    {
        var random = new Random(seed);
        var scale = random.Next(4) switch { 0 => 20, 1 => 40, 2 => 80, _ => 160 };
        var subDistribution = RandomPhases(random, 0, scale);
        var settings = new DlmSettings(subDistribution)
        {
            OperatorEvseSubDistributionLimit = random.Next(3) == 0 ? RandomPhases(random, 0, scale) : subDistribution,
            CurrentImbalancePrevention = random.Next(2) == 0,
            CurrentImbalanceLimit = Amps.From(random.Next(4) == 0 ? random.Next(0, 12) : random.Next(12, 32)),
            MeterDigitalInputCurrentOffset = random.Next(3) == 0 ? RandomPhases(random, 0, 30) : PhaseCurrents.Zero,
            ExternalMeter = random.Next(2) == 0 ? null : RandomMeter(random, scale),
            MaximumCurrentScheduler = random.Next(3) == 0 ? RandomScheduler(random, scale) : null,
        };

        var meter = random.Next(5) == 0
            ? MeterReading.Failed
            : MeterReading.Of(new PhaseCurrents(RandomMeasured(random, scale), RandomMeasured(random, scale), RandomMeasured(random, scale)));
        var time = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(24 * 60));
        var input = new DecisionInput(time, meter, random.Next(3) == 0);

        var count = random.Next(0, 13);
        var chargePoints = new ChargePointDemand[count];
        for (var i = 0; i < count; i++)
        {
            chargePoints[i] = RandomChargePoint(random, i);
        }

        // Drawn last, so every other part of a seed's site is what it was before reserves existed.
        var site = new RandomSite(seed, settings, input, chargePoints);
        return site.WithReserve(random.Next(3) == 0 ? PhaseCurrents.Zero : site.RandomReserve(random));
    }

    public RandomSite WithReserve(PhaseCurrents reserve) => this with { Input = Input with { ImbalanceReserve = reserve } };

    /// <summary>
    /// Whole amps from 0 to the allowed spread per phase, often 0 on a phase: what the controller may pass (it keeps
    /// every reserve within the allowed spread, and a reserve matters only with imbalance prevention).
    /// </summary>
    public PhaseCurrents RandomReserve(Random random)
    {
        var external = PoolLimitCalculator.Compute(Settings, Input, ChargePoints).ExternalLoad;
        var allowed = Amps.Max(Settings.CurrentImbalanceLimit, external.Spread).FloorWholeAmps;
        long OnePhase() => random.Next(3) == 0 ? 0 : random.NextInt64(0, allowed + 1);
        return PhaseCurrents.FromWholeAmps(OnePhase(), OnePhase(), OnePhase());
    }

    public Outcome Decide(DlmEngine? engine = null) => DecideWith(Settings, ChargePoints, engine);

    public Outcome DecideWith(DlmSettings settings, ChargePointDemand[] chargePoints, DlmEngine? engine = null)
    {
        var currents = new int[chargePoints.Length];
        var outcomes = new AllocationOutcome[chargePoints.Length];
        var decision = (engine ?? new DlmEngine()).Decide(settings, Input, chargePoints, currents, outcomes);
        return new Outcome(decision, currents, outcomes, Input.ImbalanceReserve);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed}: sub {Settings.EvseSubDistributionLimit}, op {Settings.OperatorEvseSubDistributionLimit}");
        text.Append(CultureInfo.InvariantCulture, $", imbalance {Settings.CurrentImbalancePrevention}/{Settings.CurrentImbalanceLimit} reserve {Input.ImbalanceReserve}");
        text.Append(CultureInfo.InvariantCulture, $", meter {Settings.ExternalMeter}, reading {Input.Meter}, DI {Input.DigitalInputActive}");
        foreach (var cp in ChargePoints)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {cp.Id} {cp.Phases} icl {cp.InstallationCurrentLimit} veh {cp.VehicleCeiling} req {cp.Requesting}");
        }

        return text.ToString();
    }

    private static PhaseCurrents RandomPhases(Random random, int low, int high) =>
        PhaseCurrents.FromWholeAmps(random.Next(low, high + 1), random.Next(low, high + 1), random.Next(low, high + 1));

    private static Amps RandomMeasured(Random random, int scale) =>
        Amps.FromMilliamps(random.Next(-2_000, (scale * 1000 / 2) + 1));

    private static ExternalMeterSettings RandomMeter(Random random, int scale) =>
        new(random.Next(2) == 0 ? ExternalMeterLocation.ExcludingEvseSubDistribution : ExternalMeterLocation.IncludingEvseSubDistribution, RandomPhases(random, 0, scale * 2))
        {
            ExternalLoadHeadroom = random.Next(2) == 0 ? PhaseCurrents.Zero : RandomPhases(random, 0, 10),
            ExternalLoadFallback = random.Next(2) == 0 ? ExternalMeterSettings.DefaultExternalLoadFallback : RandomPhases(random, 0, scale),
        };

    private static MaximumCurrentScheduler RandomScheduler(Random random, int scale)
    {
        var hours = Enumerable.Range(0, MaximumCurrentScheduler.HoursPerDay).OrderBy(_ => random.Next()).Take(random.Next(1, 5));
        return new MaximumCurrentScheduler(hours.Select(h => new SchedulerEntry(h, RandomPhases(random, 0, scale))).ToList());
    }

    private static ChargePointDemand RandomChargePoint(Random random, int index)
    {
        var roll = random.Next(20);
        var phases = roll switch
        {
            < 9 => PhaseSet.ThreePhase,
            < 16 => PhaseSet.FromMask(1 << random.Next(3)),
            _ => PhaseSet.FromMask(random.Next(3) switch { 0 => 0b011, 1 => 0b101, _ => 0b110 }),
        };
        var installation = random.Next(4) == 0 ? random.Next(0, 41) : new[] { 16, 20, 32 }[random.Next(3)];
        var vehicle = random.Next(3) == 0 ? Amps.FromMilliamps(random.Next(0, 40_000)) : Amps.From(32);
        var measured = Amps.FromMilliamps(random.Next(0, 32_000));
        var measuredPhases = new PhaseCurrents(
            phases.Contains(0) ? measured : Amps.Zero,
            phases.Contains(1) ? measured : Amps.Zero,
            phases.Contains(2) ? measured : Amps.Zero);
        return new ChargePointDemand($"CP{index + 1}", phases, Amps.From(installation), vehicle, random.Next(8) != 0, measuredPhases);
    }

    /// <summary>A decision's result, judged against the limits it was taken under.</summary>
    /// <param name="Reserve">The imbalance reserve of the input (it applies only with imbalance prevention).</param>
    public sealed record Outcome(DlmDecision Decision, int[] Currents, AllocationOutcome[] Outcomes, PhaseCurrents Reserve)
    {
        public long Available(int phase) => Decision.Pool.Available[phase].FloorWholeAmps;

        public long Load(ChargePointDemand[] chargePoints, int phase)
        {
            long sum = 0;
            for (var i = 0; i < chargePoints.Length; i++)
            {
                if (chargePoints[i].Phases.Contains(phase))
                {
                    sum += Currents[i];
                }
            }

            return sum;
        }

        /// <summary>
        /// True when these per-phase loads (whole amps) keep every limit, imbalance included: with imbalance
        /// prevention, (external + load + reserve) on any phase p exceeds (external + load) on any phase q (p included)
        /// by at most the allowed spread; with a zero reserve that is the spread of external + load.
        /// </summary>
        public bool Fits(long[] loads)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                if (loads[p] > Available(p))
                {
                    return false;
                }
            }

            if (Decision.AllowedImbalance is not { } allowed)
            {
                return true;
            }

            var external = Decision.Pool.ExternalLoad;
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                for (var q = 0; q < PhaseSet.PhaseCount; q++)
                {
                    if (external[p] + Amps.From(loads[p]) + Reserve[p] - (external[q] + Amps.From(loads[q])) > allowed)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public long[] Loads(ChargePointDemand[] chargePoints) =>
            [Load(chargePoints, 0), Load(chargePoints, 1), Load(chargePoints, 2)];
    }
}
