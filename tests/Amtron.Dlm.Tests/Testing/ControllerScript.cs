using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>Short scripts of decisions for controller examples: 3-phase points of 32 A, times from <see cref="T0"/>.</summary>
internal static class ControllerScript
{
    public static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Sample = DlmControllerOptions.DefaultSampleRate;

    public static DlmController Controller(long supply, DlmControllerOptions? options = null) =>
        new(new DlmSettings(PhaseCurrents.Uniform(supply)), options ?? new DlmControllerOptions());

    public static ChargePointObservation Vehicle(string id, double draw = 0, PhaseSet? drawPhases = null) =>
        new(id, PhaseSet.ThreePhase, Amps.From(32), true, OnPhases(drawPhases ?? PhaseSet.ThreePhase, draw));

    public static ChargePointObservation Away(string id, long disconnectedLimit) =>
        Vehicle(id) with { Reachable = false, DisconnectedLimit = Amps.From(disconnectedLimit) };

    public static ChargePointObservation Empty(string id) =>
        new(id, PhaseSet.ThreePhase, Amps.From(32), false, PhaseCurrents.Zero);

    public static PhaseCurrents OnPhases(PhaseSet phases, double amps) => PhaseCurrents.FromDoubles(
        phases.Contains(Phase.L1) ? amps : 0, phases.Contains(Phase.L2) ? amps : 0, phases.Contains(Phase.L3) ? amps : 0);

    public static Dictionary<string, int> Currents(ControllerDecision decision) =>
        decision.Commands.ToDictionary(c => c.Id, c => c.Current);

    public static ControllerDecision At(DlmController controller, TimeSpan after, params ChargePointObservation[] observations) =>
        controller.Decide(new DecisionInput(T0 + after, MeterReading.Failed, false), observations);
}
