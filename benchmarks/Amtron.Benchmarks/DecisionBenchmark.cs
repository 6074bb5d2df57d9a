using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using BenchmarkDotNet.Attributes;

namespace Amtron.Benchmarks;

/// <summary>
/// One DLM decision for a car park of N charge points: 70 % 3-phase, 30 % 1-phase spread over the phases by
/// rotation, a third of the vehicles limited below 32 A, and a supply of 10 A per point so most of them share.
/// "Full" adds Current Imbalance Prevention (20 A) and an external meter (Excluding) with an unbalanced house load.
/// The engine answers a call identical to the last one from its cache: "Repeat" measures that (a controller deciding
/// on unchanged inputs); otherwise consecutive calls alternate between two car parks that differ in one vehicle's
/// ceiling, so every call allocates afresh.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmark
{
    private const int SupplyPerPointAmps = 10;

    private readonly DlmEngine _engine = new();
    private DlmSettings _settings = null!;
    private ChargePointDemand[][] _variants = [];
    private int _call;
    private DecisionInput _input;
    private int[] _currents = [];
    private AllocationOutcome[] _outcomes = [];

    [Params(10, 100, 1_000, 10_000)]
    public int ChargePoints { get; set; }

    [Params(false, true)]
    public bool Full { get; set; }

    [Params(false, true)]
    public bool Repeat { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var supply = (long)ChargePoints * SupplyPerPointAmps;
        _settings = new DlmSettings(PhaseCurrents.Uniform(supply));
        _input = new DecisionInput(new DateTimeOffset(2026, 6, 1, 17, 0, 0, TimeSpan.Zero), MeterReading.Failed, false);
        if (Full)
        {
            _settings = _settings with
            {
                CurrentImbalancePrevention = true,
                ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(supply + 40)),
            };
            _input = _input with { Meter = MeterReading.Of(PhaseCurrents.FromDoubles(31.4, 12.2, 18.9)) };
        }

        var chargePoints = new ChargePointDemand[ChargePoints];
        for (var i = 0; i < ChargePoints; i++)
        {
            var phases = random.Next(10) < 7 ? PhaseSet.ThreePhase : PhaseSet.FromMask(1 << (i % PhaseSet.PhaseCount));
            var vehicle = random.Next(3) == 0 ? Amps.FromDouble(6 + (random.NextDouble() * 20)) : Amps.From(32);
            chargePoints[i] = new ChargePointDemand($"CP{i}", phases, Amps.From(32), vehicle, random.Next(10) != 0, PhaseCurrents.Zero);
        }

        var other = (ChargePointDemand[])chargePoints.Clone();
        other[0] = other[0] with { VehicleCeiling = Amps.From(16) };
        _variants = Repeat ? [chargePoints] : [chargePoints, other];

        _currents = new int[ChargePoints];
        _outcomes = new AllocationOutcome[ChargePoints];
        Decide();
    }

    [Benchmark]
    public int Decide() => _engine.Decide(_settings, _input, _variants[_call++ % _variants.Length], _currents, _outcomes).ChargingCount;
}
