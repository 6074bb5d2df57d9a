using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>A small fluent description of a DLM network for tests, and the decision taken on it.</summary>
public sealed class TestSite
{
    private readonly List<ChargePointDemand> _chargePoints = [];

    public TestSite(DlmSettings settings) => Settings = settings;

    public DlmSettings Settings { get; set; }

    public DateTimeOffset Time { get; set; } = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public MeterReading Meter { get; set; } = MeterReading.Failed;

    public bool DigitalInputActive { get; set; }

    public PhasePairCurrents ImbalanceReserve { get; set; }

    public IReadOnlyList<ChargePointDemand> ChargePoints => _chargePoints;

    public static TestSite WithLimit(long amps) => new(new DlmSettings(PhaseCurrents.Uniform(amps)));

    public TestSite Add(string id, PhaseSet phases, long installationLimit = 32, double? vehicleMax = null, bool requesting = true, PhaseCurrents measured = default, double shortfall = 0)
    {
        _chargePoints.Add(new ChargePointDemand(
            id,
            phases,
            Amps.From(installationLimit),
            vehicleMax is { } v ? Amps.FromDouble(v) : Amps.From(installationLimit),
            requesting,
            measured)
        { ImbalanceShortfall = Amps.FromDouble(shortfall) });
        return this;
    }

    public TestSite ThreePhase(string id, long installationLimit = 32, double? vehicleMax = null) =>
        Add(id, PhaseSet.ThreePhase, installationLimit, vehicleMax);

    public TestSite OnePhase(string id, Phase phase, long installationLimit = 32, double? vehicleMax = null, double shortfall = 0) =>
        Add(id, PhaseSet.Of(phase), installationLimit, vehicleMax, shortfall: shortfall);

    /// <summary>Decides with a fresh engine, or with <paramref name="engine"/> to see what it remembers between calls.</summary>
    public Result Decide(DlmEngine? engine = null)
    {
        var currents = new int[_chargePoints.Count];
        var outcomes = new AllocationOutcome[_chargePoints.Count];
        var input = new DecisionInput(Time, Meter, DigitalInputActive) { ImbalanceReserve = ImbalanceReserve };
        var decision = (engine ?? new DlmEngine()).Decide(Settings, input, _chargePoints.ToArray(), currents, outcomes);
        return new Result(decision, currents, outcomes);
    }

    public sealed record Result(DlmDecision Decision, int[] Currents, AllocationOutcome[] Outcomes)
    {
        public long Available(Phase phase) => Decision.Pool.Available[phase].FloorWholeAmps;
    }
}
