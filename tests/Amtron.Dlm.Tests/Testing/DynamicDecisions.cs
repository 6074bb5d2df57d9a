using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Dlm.Tests.Testing;

/// <summary>
/// Runs a <see cref="DynamicNetwork"/> through a random sequence of decisions and judges every decision from the
/// network's inputs (never from the decision's own explanation): the limits are <see cref="ManualLimits"/> with the
/// Disconnected Limits of the satellites out of reach set aside, the queue is the order in which the master first saw
/// each vehicle at a point in reach.
/// </summary>
internal static class DynamicDecisions
{
    public const int Steps = 120;

    public static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    /// <summary>
    /// Applies <paramref name="check"/> to every decision (null: it holds); a failure names the seed, the step and the
    /// decision. Each of <paramref name="labels"/> is reported (FsCheck's classification) with the share of runs in
    /// which <paramref name="check"/> noted it on some step, to show how often the interesting cases occur.
    /// </summary>
    public static Property Run(QueueingPolicy? queueing, Func<DynamicNetwork, DecisionStep, string?> check, params string[] labels) =>
        Prop.ForAll(Seeds, seed =>
        {
            var network = new DynamicNetwork(seed, queueing);
            var controller = network.NewController();
            var queued = new Dictionary<string, (int Step, int Index)>(StringComparer.Ordinal);
            var noted = new HashSet<string>(StringComparer.Ordinal);
            var now = Start;
            for (var i = 0; i < Steps; i++, now = network.Next(now))
            {
                var observations = network.Step(now);
                var input = network.InputAt(now);
                var decision = controller.Decide(input, observations);
                var step = new DecisionStep(network, controller, input, observations, decision.Commands, queued, i, noted);
                if (check(network, step) is { } failure)
                {
                    return false.Label($"seed {seed} step {i} ({now:dd HH:mm:ss}): {failure}; {step}");
                }

                network.Apply(now, decision.Commands);
            }

            var property = true.ToProperty();
            foreach (var label in labels)
            {
                property = property.Classify(noted.Contains(label), label);
            }

            return property;
        });

    public static void Add(long[] loads, PhaseSet phases, long current)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            loads[p] += phases.Contains(p) ? current : 0;
        }
    }
}

/// <summary>One decision as the checks see it: each reachable vehicle with its command, phases as known, place in the queue.</summary>
internal sealed class DecisionStep
{
    private const long Minimum = DlmConstants.MinimumChargingCurrentWholeAmps;
    private readonly DynamicNetwork _network;
    private readonly long[] _away = new long[PhaseSet.PhaseCount];
    private readonly List<(Phase[] Rotation, long Limit)> _awayPoints = [];
    private readonly HashSet<string> _noted;

    public DecisionStep(
        DynamicNetwork network,
        DlmController controller,
        DecisionInput input,
        ChargePointObservation[] observations,
        IReadOnlyList<ChargePointCommand> commands,
        Dictionary<string, (int Step, int Index)> queued,
        int step,
        HashSet<string> noted)
    {
        _network = network;
        _noted = noted;
        Input = input;
        Commands = commands;
        var vehicles = new List<Entry>();
        for (var i = 0; i < observations.Length; i++)
        {
            var point = network.Points[i];
            if (!point.Reachable)
            {
                DynamicDecisions.Add(_away, point.ConnectorPhases, point.DisconnectedLimit.FloorWholeAmps);
                _awayPoints.Add((point.Rotation, point.DisconnectedLimit.FloorWholeAmps));
                continue;
            }

            if (point.Vehicle is not { } vehicle)
            {
                continue;
            }

            // The master queues a vehicle when it first sees it at a point in reach, in observation order; an outage
            // of its satellite does not move it (the vehicle stays plugged in under the same session key).
            if (!queued.TryGetValue(vehicle.Key, out var at))
            {
                queued[vehicle.Key] = at = (step, i);
            }

            var known = vehicle.HasDrawn || point.ConnectorPhases.Count == 1;
            var cap = controller.DemandCap(point.Id) is { } c ? Amps.Min(c, point.Installation) : point.Installation;
            if (controller.DemandCap(point.Id) is { } capped && known && vehicle.Phases.Count < PhaseSet.PhaseCount)
            {
                // A capped vehicle of 1 or 2 phases may draw less than its cap: the decision keeps the imbalance
                // with its phases lighter by that much. Its cap is the most it can be short of.
                DynamicDecisions.Add(Shortfall, vehicle.Phases, capped.FloorWholeAmps);
            }

            vehicles.Add(new Entry(
                $"{point.Id}/{vehicle.Key}",
                known ? vehicle.Phases : point.ConnectorPhases,
                point.ConnectorPhases,
                point.Rotation,
                !known && point.ConnectorPhases.Count > 1 && network.Settings.CurrentImbalancePrevention,
                commands[i].Current,
                cap.FloorWholeAmps,
                at,
                vehicle.WasAway,
                vehicle.Unheard));
        }

        Vehicles = vehicles;
        Reserved = PhaseCurrents.FromWholeAmps(_away[0], _away[1], _away[2]);
        var measured = observations.Where(o => o.Reachable).Select(o => o.MeasuredCurrents);
        Manual = ManualLimits.For(network.Settings, input with { Reserved = Reserved }, measured);
    }

    public DecisionInput Input { get; }

    public IReadOnlyList<ChargePointCommand> Commands { get; }

    public IReadOnlyList<Entry> Vehicles { get; }

    public IEnumerable<Entry> Charging => Vehicles.Where(v => v.Current > 0);

    /// <summary>Per phase, the Disconnected Limits of the satellites out of reach on their connectors' phases.</summary>
    public PhaseCurrents Reserved { get; }

    /// <summary>The manual's limits for this input, with <see cref="Reserved"/> set aside.</summary>
    public ManualLimits Manual { get; }

    /// <summary>Per phase: the manual's available current with the satellites' Disconnected Limits kept free.</summary>
    public long[] Available => Manual.Available;

    /// <summary>Per phase: at most how much lighter the decision may take the phase to be than its allocation.</summary>
    public long[] Shortfall { get; } = new long[PhaseSet.PhaseCount];

    /// <summary>Records that this decision reached a case worth counting (see <see cref="DynamicDecisions.Run"/>).</summary>
    public void Note(string label, bool reached = true)
    {
        if (reached)
        {
            _noted.Add(label);
        }
    }

    /// <summary>Vehicles of known phases that wait though they could take 6 A.</summary>
    public IEnumerable<Entry> Waiting() => Vehicles.Where(v => v.Current == 0 && !v.Unknown && v.Ceiling >= Minimum);

    public long[] Loads(bool unknownOnConnector)
    {
        var loads = new long[PhaseSet.PhaseCount];
        foreach (var v in Charging)
        {
            DynamicDecisions.Add(loads, unknownOnConnector && v.Unknown ? v.Connector : v.Phases, v.Current);
        }

        return loads;
    }

    /// <summary>
    /// Per ordered pair of phases [p, q], in whole amps, how much more the satellites out of reach may add to p than
    /// to q: each draws its Disconnected Limit on its connector's first phase, first two or all (a vehicle's phases
    /// in rotation order), or nothing; at most the Current Imbalance Limit (the decision keeps no more of the allowance
    /// free: more could only be met by pausing everyone).
    /// </summary>
    public long[,] AwayReserve()
    {
        var limit = _network.Settings.CurrentImbalancePrevention ? _network.Settings.CurrentImbalanceLimit.FloorWholeAmps : 0;
        var reserve = new long[PhaseSet.PhaseCount, PhaseSet.PhaseCount];
        foreach (var (rotation, current) in _awayPoints)
        {
            AddWorstCase(reserve, rotation, current, modelled: PhaseSet.None);
        }

        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                reserve[p, q] = Math.Min(reserve[p, q], limit);
            }
        }

        return reserve;
    }

    /// <summary>
    /// The most imbalance allowance the decision keeps free: <see cref="AwayReserve"/>, and for every vehicle of
    /// unknown phases, counted at 6 A on its connector's phases, how much more it may weigh on p than on q by drawing
    /// 6 A on its connector's first phase or first two only.
    /// </summary>
    public long[,] Reserve()
    {
        var reserve = AwayReserve();
        foreach (var v in Vehicles.Where(v => v.Unknown && v.Ceiling >= Minimum))
        {
            AddWorstCase(reserve, v.Rotation, Minimum, modelled: v.Connector);
        }

        return reserve;
    }

    /// <summary>
    /// Adds to [p, q] the most that <paramref name="current"/> on a prefix of <paramref name="rotation"/> (or nothing)
    /// puts on p beyond q, less what the model of it (<paramref name="current"/> on <paramref name="modelled"/>) does.
    /// </summary>
    private static void AddWorstCase(long[,] reserve, Phase[] rotation, long current, PhaseSet modelled)
    {
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                long worst = 0;
                for (var count = 0; count <= rotation.Length && p != q; count++)
                {
                    var drawn = PhaseSet.Of(rotation.AsSpan(0, count));
                    var beyond = current * (On(drawn, p) - On(drawn, q) - (On(modelled, p) - On(modelled, q)));
                    worst = Math.Max(worst, beyond);
                }

                reserve[p, q] += worst;
            }
        }
    }

    private static long On(PhaseSet phases, int phase) => phases.Contains(phase) ? 1 : 0;

    /// <summary>
    /// Within every phase's available current and, with prevention, no phase (external + load + reserve) above another
    /// (external + load − shortfall) by more than the allowed spread. With the reserve and shortfall at their most this
    /// is a sufficient condition for the decision's own rule, so loads found to fit here would fit there too.
    /// </summary>
    public bool Fits(long[] loads, long[,] reserve) =>
        Manual.Excess(loads) == 0 && Manual.KeepsImbalance(loads, Milliamps(reserve), Milliamps(Shortfall));

    /// <summary>The phase loads for every way the charging vehicles of unknown phases may turn out to draw.</summary>
    public IEnumerable<long[]> PossibleLoads()
    {
        var known = new long[PhaseSet.PhaseCount];
        var unknown = new List<Entry>();
        foreach (var v in Charging)
        {
            if (v.Unknown)
            {
                unknown.Add(v);
            }
            else
            {
                DynamicDecisions.Add(known, v.Phases, v.Current);
            }
        }

        var choices = unknown.Aggregate(1, (n, v) => n * v.Rotation.Length);
        for (var choice = 0; choice < choices; choice++)
        {
            var loads = (long[])known.Clone();
            var rest = choice;
            foreach (var v in unknown)
            {
                var count = (rest % v.Rotation.Length) + 1;
                rest /= v.Rotation.Length;
                DynamicDecisions.Add(loads, PhaseSet.Of(v.Rotation.AsSpan(0, count)), v.Current);
            }

            yield return loads;
        }
    }

    public override string ToString() =>
        $"input {Input.Meter} DI {Input.DigitalInputActive}, reserved {Reserved}, manual available [{string.Join(", ", Available)}] A, " +
        $"external [{string.Join(", ", Manual.ExternalMilliamps)}] mA, allowed {Manual.AllowedSpreadMilliamps} mA; " +
        string.Join("; ", Vehicles.Select(v => $"{v.Id} {(v.Unknown ? "unknown " + v.Connector : v.Phases)} {v.Current} A ceiling {v.Ceiling} queued {v.QueuedAt}{(v.WasAway ? " (was out of reach)" : string.Empty)}"));

    private static long[] Milliamps(long[] wholeAmps) => [.. wholeAmps.Select(a => a * Amps.MilliampsPerAmp)];

    public static long[,] Milliamps(long[,] wholeAmps)
    {
        var milliamps = new long[PhaseSet.PhaseCount, PhaseSet.PhaseCount];
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                milliamps[p, q] = wholeAmps[p, q] * Amps.MilliampsPerAmp;
            }
        }

        return milliamps;
    }
}

/// <summary>
/// A vehicle at a decision: its phases (those of its connector while unknown), command, ceiling, place in the queue,
/// whether its satellite has been out of reach while it was plugged in, and whether the master then heard no vehicle there.
/// </summary>
internal sealed record Entry(string Id, PhaseSet Phases, PhaseSet Connector, Phase[] Rotation, bool Unknown, int Current, long Ceiling, (int Step, int Index) QueuedAt, bool WasAway, bool Unheard);
