using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using BenchmarkDotNet.Attributes;

namespace Amtron.Benchmarks;

/// <summary>
/// One decision of the stateful <see cref="DlmController"/> for a network like those of <c>year-250cp.yaml</c>:
/// N charge points on 160 A with imbalance prevention, a third of them with a vehicle (75 % 3-phase, some with a
/// small on-board charger). Each call is the next sample: the vehicles draw what the last decision gave them, capped
/// by their charger, so demand estimation, queueing and the engine all run as in a simulation. Once the draws settle,
/// the engine answers an unchanged call from its memory of the last allocation: "MeterChanges" gives the network an
/// external meter (Excluding) whose household load cycles through 40 to 55 A, so that every call's available current
/// differs from each of the last 15 (more than the engine remembers) and the allocation runs afresh; without it the calls
/// measure the memory hit.
/// </summary>
[MemoryDiagnoser]
public class ControllerBenchmark
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromSeconds(30);
    private DlmController _controller = null!;
    private ChargePointObservation[] _observations = [];
    private Amps[] _charger = [];
    private PhaseSet[] _vehiclePhases = [];
    private DateTimeOffset _now;
    private int _calls;

    [Params(50, 500)]
    public int ChargePoints { get; set; }

    [Params(false, true)]
    public bool MeterChanges { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var supply = 160 * ChargePoints / 50;
        var settings = new DlmSettings(PhaseCurrents.Uniform(supply)) { CurrentImbalancePrevention = true };
        if (MeterChanges)
        {
            // Main limit 40 A above the supply: 40 A of household load leaves it all, each amp more one amp less.
            settings = settings with { ExternalMeter = new ExternalMeterSettings(ExternalMeterLocation.ExcludingEvseSubDistribution, PhaseCurrents.Uniform(supply + 40)) };
        }

        _controller = new DlmController(settings, new DlmControllerOptions());
        _now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        _observations = new ChargePointObservation[ChargePoints];
        _charger = new Amps[ChargePoints];
        _vehiclePhases = new PhaseSet[ChargePoints];
        for (var i = 0; i < ChargePoints; i++)
        {
            var connected = random.Next(3) == 0;
            _vehiclePhases[i] = random.Next(4) == 0 ? PhaseSet.FromMask(1 << (i % PhaseSet.PhaseCount)) : PhaseSet.ThreePhase;
            _charger[i] = Amps.From(random.Next(10) < 6 ? 16 : 32);
            _observations[i] = new ChargePointObservation($"CP{i}", PhaseSet.ThreePhase, Amps.From(32), connected, PhaseCurrents.Zero) { SessionKey = connected ? $"V{i}" : null };
        }

        for (var warm = 0; warm < 20; warm++)
        {
            Decide();
        }
    }

    [Benchmark]
    public int Decide()
    {
        _now += SamplePeriod;
        var meter = MeterChanges ? MeterReading.Of(PhaseCurrents.Uniform(40 + (_calls++ % 16))) : MeterReading.Failed;
        var decision = _controller.Decide(new DecisionInput(_now, meter, false), _observations);
        var commands = decision.Commands;
        for (var i = 0; i < _observations.Length; i++)
        {
            var draw = Amps.Min(Amps.From(commands[i].Current), _charger[i]);
            var phases = _vehiclePhases[i];
            _observations[i] = _observations[i] with
            {
                MeasuredCurrents = _observations[i].VehicleConnected
                    ? new PhaseCurrents(phases.Contains(Phase.L1) ? draw : Amps.Zero, phases.Contains(Phase.L2) ? draw : Amps.Zero, phases.Contains(Phase.L3) ? draw : Amps.Zero)
                    : PhaseCurrents.Zero,
            };
        }

        return decision.Decision.ChargingCount;
    }
}
