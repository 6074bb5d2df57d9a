using System.Globalization;
using System.Text;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Properties;

/// <summary>
/// A random small site over a few hours, built from one seed: 1–2 DLM networks with 2–8 points in all (1- and 3-phase,
/// rotated), mixed vehicles (1/2/3-phase, on-board chargers of 6–32 A so many under-draw, reaction delays of 0–5 s,
/// sleeping after a random pause), sample rates 1–60 s, wake-up on or off, FIFO or round-robin, imbalance prevention
/// (6–20 A) on most networks, satellite outages with a Disconnected Limit, an external meter that fails now and then,
/// house loads stepping.
/// <para>
/// Only sites whose every limit the masters can keep are generated, so time above a limit outside the reaction
/// window after a change is the masters' fault. What a master cannot keep, and how it is avoided here:
/// </para>
/// <list type="bullet">
/// <item>Load it does not see: a main fuse is either absent or above every external load plus every network's
/// sub-distribution limit; a meter is on one network only, and with two networks it is "including" (an "excluding"
/// meter does not see the other network's draw, which does reach its Main Distribution Limit).</item>
/// <item>Load it cannot pause: the external loads, the other network's sub-distribution limit (with an including
/// meter) and every satellite's Disconnected Limit together stay under the Main Distribution Limit minus headroom;
/// the Disconnected Limits of a network's satellites (on their connector phases) stay within its Operator limit; with
/// imbalance prevention, they add up to at most the imbalance limit (an out-of-reach vehicle may draw on one phase),
/// and are 0 unless <see cref="SiteVariant.DrawingOutagesUnderImbalance"/>.</item>
/// <item>Load it must guess: a failing meter keeps the default External Load Fallback (9999 A, nothing left to
/// charge), as a smaller fallback under the real load would be a configuration the master cannot see through.</item>
/// </list>
/// </summary>
internal sealed class RandomDynamicSite
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly int[] SampleRates = [1, 2, 5, 10, 30, 60];
    private static readonly IReadOnlyList<Phase>[] ThreePhaseRotations = [ChargePointSpec.NoRotation, [Phase.L2, Phase.L3, Phase.L1], [Phase.L3, Phase.L1, Phase.L2]];

    private RandomDynamicSite(int seed, SiteSpec site)
    {
        Seed = seed;
        Site = site;
    }

    public int Seed { get; }

    public SiteSpec Site { get; }

    /// <summary>
    /// The site of <paramref name="seed"/>. By default the house load is the same on every phase and the on-board
    /// chargers take whole amps; <paramref name="variant"/> lifts either restriction, or lets a site of two networks
    /// have an including meter on one of them (else only a site of one network has a meter).
    /// </summary>
    public static RandomDynamicSite FromSeed(int seed, TimeSpan duration, SiteVariant variant = default)
    {
        var random = new Random(seed);
        var networkCount = random.Next(1, 3);
        var pointCount = random.Next(Math.Max(2, networkCount), 9);
        var metered = random.Next(2) == 0 && (variant.SharedMeter || networkCount == 1) ? random.Next(networkCount) : -1;
        var location = networkCount == 2 || random.Next(2) == 0 ? ExternalMeterLocation.IncludingEvseSubDistribution : ExternalMeterLocation.ExcludingEvseSubDistribution;
        var externalPeak = random.Next(0, 40);
        var external = new TimeSeriesLoad("house", Enumerable.Range(0, random.Next(1, 10))
            .Select(_ => (Start.AddSeconds(random.Next(0, (int)duration.TotalSeconds)), HouseLoad(random, externalPeak, variant.UnbalancedHouse)))
            .DistinctBy(step => step.Item1));

        var networks = new List<NetworkSpec>();
        var vehicles = new List<VehicleSpec>();
        var subDistributionSum = PhaseCurrents.Zero;
        var firstPoint = 0;
        for (var n = 0; n < networkCount; n++)
        {
            var points = n == networkCount - 1 ? pointCount - firstPoint : random.Next(1, pointCount - firstPoint - (networkCount - 1 - n) + 1);
            var network = RandomNetwork(random, n, firstPoint, points, duration, vehicles, variant);
            networks.Add(network);
            subDistributionSum += network.Settings.EvseSubDistributionLimit;
            firstPoint += points;
        }

        MeterSpec? meter = null;
        if (metered >= 0)
        {
            // The loads the master cannot pause: the house, the satellites on their Disconnected Limit, and with an
            // including meter the other network up to its sub-distribution limit.
            var others = networks.Where((_, i) => i != metered).Select(o => o.Settings.EvseSubDistributionLimit).Aggregate(PhaseCurrents.Zero, (a, b) => a + b);
            var unpaused = PhaseCurrents.Uniform(externalPeak) + DisconnectedReserve(networks[metered]) + others;
            var headroom = PhaseCurrents.Uniform(random.Next(0, 3));
            var margin = PhaseCurrents.FromWholeAmps(random.Next(0, 60), random.Next(0, 60), random.Next(0, 60));
            var settings = networks[metered].Settings with
            {
                ExternalMeter = new ExternalMeterSettings(location, unpaused + headroom + margin) { ExternalLoadHeadroom = headroom },
            };
            networks[metered] = networks[metered] with { Settings = settings };
            // A poll interval that divides the sample period puts a poll on every decision, unless the variant says not.
            var sample = (int)networks[metered].Options.SampleRate.TotalSeconds;
            var polls = Enumerable.Range(1, 10).Where(p => variant.UnalignedPolls || sample % p == 0).ToArray();
            meter = new MeterSpec(TimeSpan.FromSeconds(polls[random.Next(polls.Length)])) { Failures = RandomWindows(random, duration, 2) };
        }

        var fuse = random.Next(2) == 0 ? (PhaseCurrents?)null : PhaseCurrents.Uniform(externalPeak + 1) + subDistributionSum;
        var site = new SiteSpec(Start, duration, (ulong)seed)
        {
            MainFuse = fuse,
            Meter = meter,
            ExternalLoads = [external],
            Networks = networks,
            Vehicles = vehicles,
        };
        return new RandomDynamicSite(seed, site);
    }

    /// <summary>The Disconnected Limits of a network's satellites on their connector phases: the most they draw on their own.</summary>
    public static PhaseCurrents DisconnectedReserve(NetworkSpec network)
    {
        var sum = PhaseCurrents.Zero;
        foreach (var station in network.Stations.Where(s => !s.IsMaster && s.Outages.Count > 0))
        {
            foreach (var cp in station.ChargePoints)
            {
                var phases = cp.ConnectorPhases;
                var limit = station.DisconnectedLimit;
                sum += new PhaseCurrents(phases.Contains(0) ? limit : Amps.Zero, phases.Contains(1) ? limit : Amps.Zero, phases.Contains(2) ? limit : Amps.Zero);
            }
        }

        return sum;
    }

    private static PhaseCurrents HouseLoad(Random random, int peak, bool unbalanced)
    {
        var l1 = random.Next(0, peak + 1);
        return unbalanced ? PhaseCurrents.FromWholeAmps(l1, random.Next(0, peak + 1), random.Next(0, peak + 1)) : PhaseCurrents.Uniform(l1);
    }

    private static NetworkSpec RandomNetwork(Random random, int n, int firstPoint, int points, TimeSpan duration, List<VehicleSpec> vehicles, SiteVariant variant)
    {
        var sub = random.Next(16, 101);
        var operatorLimit = random.Next(3) == 0 ? random.Next(6, sub + 1) : sub;
        var imbalance = random.Next(5) != 0;
        var imbalanceLimit = random.Next(6, 21);
        var settings = new DlmSettings(PhaseCurrents.Uniform(sub))
        {
            OperatorEvseSubDistributionLimit = PhaseCurrents.Uniform(operatorLimit),
            CurrentImbalancePrevention = imbalance,
            CurrentImbalanceLimit = Amps.From(imbalanceLimit),
        };
        var options = new DlmControllerOptions
        {
            SampleRate = TimeSpan.FromSeconds(SampleRates[random.Next(SampleRates.Length)]),
            Queueing = random.Next(3) == 0 ? QueueingPolicy.FairTradeRoundRobin : QueueingPolicy.FairTradeFifo,
            RotationInterval = TimeSpan.FromMinutes(random.Next(5, 20)),
            AllowEvWakeup = random.Next(2) == 0,
        };

        // The master holds the first one or two points; every further point is a satellite of its own.
        var stations = new List<StationSpec>();
        var masterPoints = Math.Min(points, random.Next(1, 3));
        stations.Add(new StationSpec($"N{n}M", StationRole.MasterWithInternalSlave, [.. Enumerable.Range(firstPoint, masterPoints).Select(i => RandomPoint(random, i, $"N{n}M"))]));
        var reserved = 0L;
        for (var i = firstPoint + masterPoints; i < firstPoint + points; i++)
        {
            var id = $"N{n}S{i}";
            var point = RandomPoint(random, i, id);
            var station = new StationSpec(id, StationRole.SlaveAutoDiscovery, [point]);

            // Out of reach, a satellite draws its Disconnected Limit on its own: only as much as the master can make room for.
            var room = Math.Min(operatorLimit, imbalance ? imbalanceLimit : long.MaxValue) - reserved;
            if (random.Next(2) == 0 && room >= 0)
            {
                var limit = imbalance && !variant.DrawingOutagesUnderImbalance ? 0 : random.Next(0, (int)Math.Min(room, 16) + 1);
                reserved += limit;
                station = station with { DisconnectedLimit = Amps.From(limit), Outages = RandomWindows(random, duration, 2) };
            }

            stations.Add(station);
        }

        foreach (var point in stations.SelectMany(s => s.ChargePoints))
        {
            AddSessions(random, point, duration, vehicles, variant);
        }

        return new NetworkSpec(n, settings, options, stations);
    }

    private static ChargePointSpec RandomPoint(Random random, int index, string station)
    {
        IReadOnlyList<Phase> rotation = random.Next(4) == 0 ? [(Phase)random.Next(3)] : ThreePhaseRotations[random.Next(3)];
        return new ChargePointSpec($"CP{index}", station, Amps.From(random.Next(3) == 0 ? random.Next(6, 33) : 32), rotation);
    }

    private static void AddSessions(Random random, ChargePointSpec point, TimeSpan duration, List<VehicleSpec> vehicles, SiteVariant variant)
    {
        var at = Start.AddSeconds(random.Next(0, 1800));
        while (at < Start + duration)
        {
            var departure = at.AddSeconds(random.Next(600, 5400));
            var battery = random.Next(20, 80);
            var initialSoc = random.Next(10, 95) / 100.0;

            // Without taper a vehicle is satisfied (stops requesting) before its battery would make it draw less.
            var taper = variant.Tapering ? random.Next(50, 100) / 100.0 : 0.999;
            var room = variant.Tapering ? 1 - initialSoc : 0.99 - initialSoc;
            vehicles.Add(new VehicleSpec($"V{vehicles.Count}", point.Id, at, departure, battery * room * random.Next(10, 101) / 100)
            {
                BatteryKWh = battery,
                InitialStateOfCharge = initialSoc,
                TaperAboveStateOfCharge = taper,
                Phases = random.Next(1, point.PhaseRotation.Count + 1),
                MaxCurrent = variant.FractionalChargers ? Amps.FromMilliamps(random.Next(6_000, 32_001)) : Amps.From(random.Next(6, 33)),
                ReactionDelay = TimeSpan.FromMilliseconds(random.Next(0, 5001)),
                SleepAfter = random.Next(3) == 0 ? null : TimeSpan.FromSeconds(random.Next(10, 2400)),
            });
            at = departure.AddSeconds(random.Next(1, 2400));
        }
    }

    private static List<TimeWindow> RandomWindows(Random random, TimeSpan duration, int most)
    {
        var windows = new List<TimeWindow>();
        var at = Start;
        for (var i = random.Next(0, most + 1); i > 0; i--)
        {
            var from = at.AddSeconds(random.Next(1, (int)duration.TotalSeconds / (most + 1)));
            var to = from.AddSeconds(random.Next(1, 1800));
            windows.Add(new TimeWindow(from, to));
            at = to;
        }

        return windows;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed}: fuse {Site.MainFuse}, meter {Site.Meter}");
        foreach (var network in Site.Networks)
        {
            var s = network.Settings;
            text.Append(CultureInfo.InvariantCulture, $"; network {network.Id}: sub {s.EvseSubDistributionLimit}, op {s.OperatorEvseSubDistributionLimit}, imbalance {s.CurrentImbalancePrevention}/{s.CurrentImbalanceLimit}, meter {s.ExternalMeter}, sample {network.Options.SampleRate}, {network.Options.Queueing}, wakeup {network.Options.AllowEvWakeup}");
            foreach (var station in network.Stations)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {station.Id} DL {station.DisconnectedLimit} outages {string.Join(",", station.Outages)} points {string.Join(",", station.ChargePoints.Select(cp => $"{cp.Id}[{string.Join("", cp.PhaseRotation)}]/{cp.InstallationCurrentLimit}"))}");
            }
        }

        return text.ToString();
    }
}

/// <summary>What a <see cref="RandomDynamicSite"/> may have beyond the default.</summary>
/// <param name="UnbalancedHouse">House loads that differ per phase.</param>
/// <param name="FractionalChargers">On-board chargers of fractional amps (a vehicle then draws a little less than its whole-amp signal).</param>
/// <param name="SharedMeter">A site of two networks may have an including meter on one of them.</param>
/// <param name="DrawingOutagesUnderImbalance">With imbalance prevention, satellites out of reach may draw (a Disconnected Limit above 0).</param>
/// <param name="Tapering">Vehicles taper near full, to a trickle below the 6 A minimum signal.</param>
/// <param name="UnalignedPolls">A meter poll interval (1–10 s) that need not divide the sample period.</param>
internal readonly record struct SiteVariant(
    bool UnbalancedHouse = false,
    bool FractionalChargers = false,
    bool SharedMeter = false,
    bool DrawingOutagesUnderImbalance = false,
    bool Tapering = false,
    bool UnalignedPolls = false);
