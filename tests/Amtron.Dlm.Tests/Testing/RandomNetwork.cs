using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>
/// A random DLM network over time for controller properties: random limits and options, vehicles that plug in and
/// leave, draw what they were signalled (capped by their charger), some asleep. Built from one seed.
/// </summary>
internal sealed class RandomNetwork
{
    private readonly Random _random;
    private readonly (string Key, PhaseSet Phases, int Charger, bool Asleep)?[] _vehicles;
    private int _plugins;

    public RandomNetwork(int seed, int maxPoints)
    {
        _random = new Random(seed);
        Settings = new DlmSettings(PhaseCurrents.FromWholeAmps(_random.Next(10, 120), _random.Next(10, 120), _random.Next(10, 120)))
        {
            CurrentImbalancePrevention = _random.Next(2) == 0,
            CurrentImbalanceLimit = Amps.From(_random.Next(6, 32)),
        };
        Options = new DlmControllerOptions
        {
            Queueing = _random.Next(2) == 0 ? QueueingPolicy.FairTradeFifo : QueueingPolicy.FairTradeRoundRobin,
            AllowEvWakeup = _random.Next(2) == 0,
        };
        _vehicles = new (string, PhaseSet, int, bool)?[_random.Next(1, maxPoints)];
        Signals = new int[_vehicles.Length];
    }

    public Random Random => _random;

    public DlmSettings Settings { get; }

    public DlmControllerOptions Options { get; }

    public int Points => _vehicles.Length;

    /// <summary>What each point was last told (the caller updates it from the commands).</summary>
    public int[] Signals { get; }

    public DlmController NewController() => new(Settings, Options);

    /// <summary>Vehicles come and go (one in <paramref name="churn"/> points per step), then every point reports.</summary>
    public ChargePointObservation[] Step(int churn, int unreachableOneIn = 0)
    {
        for (var i = 0; i < _vehicles.Length; i++)
        {
            if (_random.Next(churn) == 0)
            {
                _vehicles[i] = _vehicles[i] is null
                    ? ($"V{_plugins++}", PhaseSet.FromMask(_random.Next(1, 8)), _random.Next(6, 33), _random.Next(7) == 0)
                    : null;
            }
        }

        var observations = new ChargePointObservation[_vehicles.Length];
        for (var i = 0; i < _vehicles.Length; i++)
        {
            var draw = _vehicles[i] is { Asleep: false } v && Signals[i] >= 6 ? Amps.From(Math.Min(Signals[i], v.Charger)) : Amps.Zero;
            var phases = _vehicles[i]?.Phases ?? PhaseSet.ThreePhase;
            var measured = new PhaseCurrents(
                phases.Contains(Phase.L1) ? draw : Amps.Zero, phases.Contains(Phase.L2) ? draw : Amps.Zero, phases.Contains(Phase.L3) ? draw : Amps.Zero);
            observations[i] = new ChargePointObservation($"CP{i}", PhaseSet.ThreePhase, Amps.From(32), _vehicles[i] is not null, measured)
            {
                SessionKey = _vehicles[i]?.Key,
                Reachable = unreachableOneIn == 0 || _random.Next(unreachableOneIn) != 0,
            };
        }

        return observations;
    }
}
