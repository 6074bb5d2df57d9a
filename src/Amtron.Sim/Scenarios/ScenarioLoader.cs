using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Sim.Scenarios;

/// <summary>
/// Reads a scenario file (YAML, docs/scenarios.md) and validates all of it before anything runs: unknown keys, wrong
/// types, impossible values and contradictions each give one <see cref="ScenarioException"/> with file:line:col.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates a scenario file.</summary>
    public static Scenario Load(string path)
    {
        return Parse(ReadFile(path), path);
    }

    /// <summary>
    /// Loads a site file for <c>amtron check</c>: the same format and the same errors, except that the contradictions
    /// the plan checker reports as findings (masters per network, Operator above Sub-Distribution Limit, a meter the
    /// site does not describe) are read as written instead of rejected.
    /// </summary>
    public static Scenario LoadPlan(string path)
    {
        return Parse(ReadFile(path), path, plan: true);
    }

    /// <summary>Parses scenario text; <paramref name="file"/> names it in errors and anchors relative CSV paths.</summary>
    public static Scenario Parse(string text, string file) => Parse(text, file, plan: false);

    /// <summary>Parses site text as <see cref="LoadPlan"/> reads it.</summary>
    public static Scenario ParsePlan(string text, string file) => Parse(text, file, plan: true);

    private static string ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, 1, 1, $"cannot read the file: {e.Message}");
        }
    }

    private static Scenario Parse(string text, string file, bool plan)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ScenarioException(file, e.Start.Line, e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ScenarioException(file, 1, 1, "a scenario file holds exactly one YAML document");
        }

        return new ScenarioReader(new YamlFields(file), Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", plan).Read(stream.Documents[0].RootNode);
    }
}

/// <summary>The reading itself, one method per section.</summary>
internal sealed partial class ScenarioReader(YamlFields y, string directory, bool plan)
{
    private static readonly string[] LoadKinds = ["constant", "daily", "csv", "household"];

    private readonly Dictionary<string, (ChargePointSpec Point, YamlNode Node)> _chargePoints = new(StringComparer.Ordinal);

    public Scenario Read(YamlNode root)
    {
        var f = y.Fields(root, "the scenario", "name", "description", "seed", "start", "duration", "voltage", "grid", "externalLoads", "meter", "networks", "vehicles", "assert", "backend");
        var name = y.String(y.Required(f, root, "name", "the scenario"), "name");
        var description = f.TryGetValue("description", out var d) ? y.String(d, "description") : string.Empty;
        var seed = f.TryGetValue("seed", out var s) ? (ulong)y.Whole(s, "seed", 0, long.MaxValue) : 1UL;
        var start = y.Time(y.Required(f, root, "start", "the scenario"), "start");
        var duration = y.Duration(y.Required(f, root, "duration", "the scenario"), "duration");
        var site = new SiteSpec(start, duration, seed)
        {
            VoltageV = f.TryGetValue("voltage", out var v) ? y.Number(v, "voltage", 100, 500) : 230,
            MainFuse = f.TryGetValue("grid", out var g) ? ReadGrid(g) : null,
            ExternalLoads = f.TryGetValue("externalLoads", out var loads) ? ReadLoads(loads, start, start + duration, seed) : [],
            Meter = f.TryGetValue("meter", out var m) ? ReadMeter(m, start) : null,
            Backend = f.TryGetValue("backend", out var b) ? ReadBackend(b) : null,
        };

        var networksNode = y.Required(f, root, "networks", "the scenario");
        site = site with { Networks = ReadNetworks(networksNode, site) };
        site = site with { Vehicles = f.TryGetValue("vehicles", out var vehicles) ? ReadVehicles(vehicles, site) : [] };
        var assertions = f.TryGetValue("assert", out var a) ? ReadAssertions(a) : [];
        return new Scenario(name, description, site, assertions);
    }

    private PhaseCurrents? ReadGrid(YamlNode node)
    {
        var f = y.Fields(node, "grid", "mainFuse");
        return f.TryGetValue("mainFuse", out var fuse) ? y.PhaseAmps(fuse, "grid mainFuse", whole: true) : null;
    }

    private List<IExternalLoad> ReadLoads(YamlNode node, DateTimeOffset start, DateTimeOffset end, ulong seed)
    {
        var loads = new List<IExternalLoad>();
        foreach (var item in y.Sequence(node, "externalLoads"))
        {
            var f = y.Fields(item, "an external load", "name", "constant", "daily", "csv", "household");
            var name = y.String(y.Required(f, item, "name", "an external load"), "external load name");
            var kinds = LoadKinds.Where(f.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                throw y.Error(item, $"external load '{name}' needs exactly one of: constant, daily, csv, household");
            }

            loads.Add(kinds[0] switch
            {
                "constant" => new ConstantLoad(name, y.PhaseAmps(f["constant"], $"external load '{name}' constant", whole: false)),
                "daily" => ReadDaily(name, f["daily"]),
                "household" => ReadHousehold(name, f["household"], start, end, seed),
                _ => ReadCsvLoad(name, f["csv"], start),
            });
        }

        return loads;
    }

    private TimeSeriesLoad ReadHousehold(string name, YamlNode node, DateTimeOffset start, DateTimeOffset end, ulong seed)
    {
        var what = $"external load '{name}' household";
        var f = y.Fields(node, what, "count", "appliancesPerDay", "meanCurrent", "maxCurrent", "meanDuration", "baseLoad");
        var settings = new HouseholdLoad.Settings(
            (int)y.Whole(y.Required(f, node, "count", what), "count", 1, 100_000),
            f.TryGetValue("appliancesPerDay", out var a) ? y.Number(a, "appliancesPerDay", 0, 1000) : 20,
            f.TryGetValue("meanCurrent", out var m) ? y.Amps(m, "meanCurrent") : Amps.From(4),
            f.TryGetValue("maxCurrent", out var x) ? y.Amps(x, "maxCurrent") : Amps.From(16),
            f.TryGetValue("meanDuration", out var d) ? y.Duration(d, "meanDuration") : TimeSpan.FromMinutes(20),
            f.TryGetValue("baseLoad", out var b) ? y.Amps(b, "baseLoad") : Amps.FromDouble(0.5));
        if (settings.MeanCurrent.Milliamps <= 0 || settings.MaxCurrent < settings.MeanCurrent)
        {
            throw y.Error(node, $"{what}: meanCurrent must be above 0 and not above maxCurrent");
        }

        return HouseholdLoad.Generate(name, settings, start, end, new Kernel.RandomStreams(seed).Stream($"household:{name}"));
    }

    private DailyProfileLoad ReadDaily(string name, YamlNode node)
    {
        var steps = new List<(TimeSpan, PhaseCurrents)>();
        foreach (var item in y.Sequence(node, $"external load '{name}' daily"))
        {
            var f = y.Fields(item, $"a daily step of '{name}'", "at", "currents");
            var atNode = y.Required(f, item, "at", "a daily step");
            var at = y.String(atNode, "at");
            if (!TimeSpan.TryParseExact(at, @"hh\:mm", CultureInfo.InvariantCulture, out var timeOfDay) || timeOfDay >= TimeSpan.FromDays(1))
            {
                throw y.Error(atNode, $"'at' must be a UTC time of day hh:mm such as 07:30, not '{at}'");
            }

            if (steps.Any(st => st.Item1 == timeOfDay))
            {
                throw y.Error(atNode, $"{at} appears twice in '{name}'");
            }

            steps.Add((timeOfDay, y.PhaseAmps(y.Required(f, item, "currents", "a daily step"), "currents", whole: false)));
        }

        return steps.Count == 0 ? throw y.Error(node, $"external load '{name}' daily needs at least one step") : new DailyProfileLoad(name, steps);
    }

    private TimeSeriesLoad ReadCsvLoad(string name, YamlNode node, DateTimeOffset start)
    {
        var relative = y.String(node, "csv");
        var path = Path.Combine(directory, relative);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw y.Error(node, $"cannot read '{relative}': {e.Message}");
        }

        var steps = new List<(DateTimeOffset, PhaseCurrents)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && char.IsLetter(line[0])))
            {
                continue;
            }

            steps.Add(CsvLoadRow(relative, i + 1, line, start));
        }

        if (steps.Select(st => st.Item1).Distinct().Count() != steps.Count)
        {
            throw y.Error(node, $"'{relative}' has a time twice");
        }

        return new TimeSeriesLoad(name, steps);
    }

    private static (DateTimeOffset, PhaseCurrents) CsvLoadRow(string file, int lineNumber, string line, DateTimeOffset start)
    {
        var cells = line.Split(',');
        if (cells.Length != 4)
        {
            throw new ScenarioException(file, lineNumber, 1, $"expected 4 columns time,I1,I2,I3, found {cells.Length}");
        }

        var timeText = cells[0].Trim();
        DateTimeOffset time;
        if (YamlFields.TryDuration(timeText, out var offset))
        {
            time = start + offset;
        }
        else if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            throw new ScenarioException(file, lineNumber, 1, $"'{timeText}' is not a UTC time or a duration after the start");
        }

        var currents = new double[3];
        for (var p = 0; p < 3; p++)
        {
            if (!double.TryParse(cells[p + 1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out currents[p]) || !double.IsFinite(currents[p]) || currents[p] < 0)
            {
                throw new ScenarioException(file, lineNumber, line.IndexOf(cells[p + 1], StringComparison.Ordinal) + 1, $"I{p + 1} must be a current in A of at least 0, not '{cells[p + 1].Trim()}'");
            }
        }

        return (time, PhaseCurrents.FromDoubles(currents[0], currents[1], currents[2]));
    }

    private MeterSpec ReadMeter(YamlNode node, DateTimeOffset start)
    {
        var f = y.Fields(node, "meter", "type", "pollInterval", "failures", "digitalInput", "measures");
        if (f.TryGetValue("type", out var type) && y.String(type, "meter type") is not (MeterSpec.Pac2200 or MeterSpec.EemMb371))
        {
            throw y.Error(type, "meter type must be PAC2200 or EEM-MB371");
        }

        return new MeterSpec(f.TryGetValue("pollInterval", out var poll) ? y.Duration(poll, "meter pollInterval") : TimeSpan.FromSeconds(5))
        {
            Failures = f.TryGetValue("failures", out var failures) ? [.. y.Windows(failures, "meter failures", start).Select(w => w.Window)] : [],
            DigitalInputActive = f.TryGetValue("digitalInput", out var input) ? [.. y.Windows(input, "meter digitalInput", start).Select(w => w.Window)] : [],
            Wiring = f.TryGetValue("measures", out var measures) ? ReadMeterWiring(measures) : null,
            Type = type is null ? MeterSpec.Pac2200 : y.String(type, "meter type"),
        };
    }

    private List<NetworkSpec> ReadNetworks(YamlNode node, SiteSpec site)
    {
        var networks = new List<NetworkSpec>();
        foreach (var item in y.Sequence(node, "networks"))
        {
            var network = ReadNetwork(item, site);
            if (networks.Any(n => n.Id == network.Id))
            {
                throw y.Error(item, $"DLM Network Id {network.Id} is used twice");
            }

            networks.Add(network);
        }

        return networks.Count == 0 ? throw y.Error(node, "at least one DLM network is needed") : networks;
    }

    private NetworkSpec ReadNetwork(YamlNode node, SiteSpec site)
    {
        const string What = "a network";
        var f = y.Fields(node, What, "id", "settings", "sampleRate", "queueing", "rotationInterval", "allowEvWakeup", "demandEstimation", "operatorLimitChanges", "stations", "supplyLineCapacity");
        var id = (int)y.Whole(y.Required(f, node, "id", What), "DLM Network Id", 0, 255);
        var settingsNode = y.Required(f, node, "settings", What);
        var settings = ReadSettings(settingsNode, id);
        if (settings.ExternalMeter is not null && site.Meter is null && !plan)
        {
            throw y.Error(settingsNode, $"network {id} uses an external meter but the scenario has no 'meter' section");
        }

        var options = new DlmControllerOptions
        {
            SampleRate = f.TryGetValue("sampleRate", out var rate) ? y.Duration(rate, "sampleRate") : DlmControllerOptions.DefaultSampleRate,
            Queueing = f.TryGetValue("queueing", out var q) ? y.String(q, "queueing") switch
            {
                "fifo" => QueueingPolicy.FairTradeFifo,
                "roundRobin" => QueueingPolicy.FairTradeRoundRobin,
                var other => throw y.Error(q, $"queueing must be fifo or roundRobin, not '{other}'"),
            }
            : QueueingPolicy.FairTradeFifo,
            RotationInterval = f.TryGetValue("rotationInterval", out var rotation) ? y.Duration(rotation, "rotationInterval") : TimeSpan.FromMinutes(15),
            AllowEvWakeup = !f.TryGetValue("allowEvWakeup", out var wake) || y.Boolean(wake, "allowEvWakeup"),
            DemandEstimation = f.TryGetValue("demandEstimation", out var est) ? ReadEstimation(est) : new DemandEstimationOptions(),
        };

        var changes = new List<OperatorLimitChange>();
        if (f.TryGetValue("operatorLimitChanges", out var changesNode))
        {
            foreach (var item in y.Sequence(changesNode, "operatorLimitChanges"))
            {
                var cf = y.Fields(item, "an operator limit change", "at", "limit");
                var limitNode = y.Required(cf, item, "limit", "an operator limit change");
                var limit = y.PhaseAmps(limitNode, "operator limit", whole: true);
                CheckOperatorWithinSubDistribution(limitNode, limit, settings);
                changes.Add(new OperatorLimitChange(y.Time(y.Required(cf, item, "at", "an operator limit change"), "at", site.Start), limit));
            }
        }

        var stationsNode = y.Required(f, node, "stations", What);
        var stations = new List<StationSpec>();
        foreach (var item in y.Sequence(stationsNode, $"network {id} stations"))
        {
            stations.Add(ReadStation(item, site.Start));
        }

        var masters = stations.Count(s => s.IsMaster);
        if (masters != 1 && !plan)
        {
            throw y.Error(stationsNode, $"network {id} must have exactly one DLM master, not {masters}");
        }

        return new NetworkSpec(id, settings, options, stations)
        {
            OperatorLimitChanges = changes,
            SupplyLineCapacity = f.TryGetValue("supplyLineCapacity", out var line) ? y.PhaseAmps(line, "supplyLineCapacity", whole: false) : null,
        };
    }

    private DemandEstimationOptions ReadEstimation(YamlNode node)
    {
        var f = y.Fields(node, "demandEstimation", "underDrawThreshold", "capMargin", "probeInterval", "probeStep");
        var defaults = new DemandEstimationOptions();
        return defaults with
        {
            UnderDrawThreshold = f.TryGetValue("underDrawThreshold", out var u) ? y.Amps(u, "underDrawThreshold") : defaults.UnderDrawThreshold,
            CapMargin = f.TryGetValue("capMargin", out var c) ? y.Amps(c, "capMargin") : defaults.CapMargin,
            ProbeInterval = f.TryGetValue("probeInterval", out var p) ? y.Duration(p, "probeInterval") : defaults.ProbeInterval,
            ProbeStep = f.TryGetValue("probeStep", out var s) ? y.Amps(s, "probeStep") : defaults.ProbeStep,
        };
    }

    private DlmSettings ReadSettings(YamlNode node, int network)
    {
        var what = $"network {network} settings";
        var f = y.Fields(node, what, "evseSubDistributionLimit", "operatorEvseSubDistributionLimit", "currentImbalancePrevention", "currentImbalanceLimit", "externalMeter", "maximumCurrentScheduler", "meterDigitalInputCurrentOffset");
        var settings = new DlmSettings(y.PhaseAmps(y.Required(f, node, "evseSubDistributionLimit", what), "evseSubDistributionLimit", whole: true));
        if (f.TryGetValue("operatorEvseSubDistributionLimit", out var op))
        {
            var limit = y.PhaseAmps(op, "operatorEvseSubDistributionLimit", whole: true);
            CheckOperatorWithinSubDistribution(op, limit, settings);
            settings = settings with { OperatorEvseSubDistributionLimit = limit };
        }

        return settings with
        {
            CurrentImbalancePrevention = f.TryGetValue("currentImbalancePrevention", out var p) && y.Boolean(p, "currentImbalancePrevention"),
            CurrentImbalanceLimit = f.TryGetValue("currentImbalanceLimit", out var l) ? y.WholeAmps(l, "currentImbalanceLimit") : DlmSettings.DefaultCurrentImbalanceLimit,
            ExternalMeter = f.TryGetValue("externalMeter", out var m) ? ReadExternalMeter(m) : null,
            MaximumCurrentScheduler = f.TryGetValue("maximumCurrentScheduler", out var s) ? ReadScheduler(s) : null,
            MeterDigitalInputCurrentOffset = f.TryGetValue("meterDigitalInputCurrentOffset", out var o) ? y.PhaseAmps(o, "meterDigitalInputCurrentOffset", whole: true) : PhaseCurrents.Zero,
        };
    }

    private void CheckOperatorWithinSubDistribution(YamlNode node, PhaseCurrents limit, DlmSettings settings)
    {
        for (var p = 0; p < PhaseSet.PhaseCount && !plan; p++)
        {
            if (limit[p] > settings.EvseSubDistributionLimit[p])
            {
                throw y.Error(node, $"Operator EVSE Sub-Distribution Limit L{p + 1} ({limit[p].Value} A) is above the EVSE Sub-Distribution Limit ({settings.EvseSubDistributionLimit[p].Value} A); the manual requires it to be smaller or equal");
            }
        }
    }

    private ExternalMeterSettings ReadExternalMeter(YamlNode node)
    {
        var f = y.Fields(node, "externalMeter", "location", "mainDistributionLimit", "externalLoadHeadroom", "externalLoadFallback");
        var locationNode = y.Required(f, node, "location", "externalMeter");
        var location = y.String(locationNode, "location") switch
        {
            "excluding" => ExternalMeterLocation.ExcludingEvseSubDistribution,
            "including" => ExternalMeterLocation.IncludingEvseSubDistribution,
            var other => throw y.Error(locationNode, $"location must be excluding or including, not '{other}'"),
        };
        return new ExternalMeterSettings(location, y.PhaseAmps(y.Required(f, node, "mainDistributionLimit", "externalMeter"), "mainDistributionLimit", whole: true))
        {
            ExternalLoadHeadroom = f.TryGetValue("externalLoadHeadroom", out var h) ? y.PhaseAmps(h, "externalLoadHeadroom", whole: true) : PhaseCurrents.Zero,
            ExternalLoadFallback = f.TryGetValue("externalLoadFallback", out var fb) ? y.PhaseAmps(fb, "externalLoadFallback", whole: true) : ExternalMeterSettings.DefaultExternalLoadFallback,
        };
    }

    private MaximumCurrentScheduler ReadScheduler(YamlNode node)
    {
        var entries = new List<SchedulerEntry>();
        foreach (var item in y.Sequence(node, "maximumCurrentScheduler"))
        {
            var f = y.Fields(item, "a scheduler entry", "hour", "limit");
            var hourNode = y.Required(f, item, "hour", "a scheduler entry");
            var hour = (int)y.Whole(hourNode, "hour", 0, MaximumCurrentScheduler.HoursPerDay - 1);
            if (entries.Any(e => e.Hour == hour))
            {
                throw y.Error(hourNode, $"hour {hour} appears twice in the scheduler");
            }

            entries.Add(new SchedulerEntry(hour, y.PhaseAmps(y.Required(f, item, "limit", "a scheduler entry"), "limit", whole: true)));
        }

        return entries.Count == 0 ? throw y.Error(node, "the scheduler needs at least one entry") : new MaximumCurrentScheduler(entries);
    }

    private StationSpec ReadStation(YamlNode node, DateTimeOffset start)
    {
        const string What = "a station";
        var f = y.Fields(node, What, "id", "role", "disconnectedLimit", "outages", "chargePoints", "network", "dlmSettings");
        var id = y.String(y.Required(f, node, "id", What), "station id");
        var roleNode = y.Required(f, node, "role", What);
        var role = y.String(roleNode, "role") switch
        {
            "masterWithInternalSlave" => StationRole.MasterWithInternalSlave,
            "masterStandalone" => StationRole.MasterStandalone,
            "slaveAutoDiscovery" => StationRole.SlaveAutoDiscovery,
            "slaveFixedIp" => StationRole.SlaveFixedIp,
            var other => throw y.Error(roleNode, $"role must be masterWithInternalSlave, masterStandalone, slaveAutoDiscovery or slaveFixedIp, not '{other}'"),
        };
        var outages = f.TryGetValue("outages", out var o) ? y.Windows(o, "outages", start) : [];
        if (outages.Count > 0 && role is StationRole.MasterWithInternalSlave or StationRole.MasterStandalone)
        {
            throw y.Error(outages[0].Node, "a master cannot lose itself; outages belong to satellites");
        }

        var points = new List<ChargePointSpec>();
        foreach (var item in y.Sequence(y.Required(f, node, "chargePoints", What), $"station {id} chargePoints"))
        {
            var point = ReadChargePoint(item, id);
            if (!_chargePoints.TryAdd(point.Id, (point, item)))
            {
                throw y.Error(item, $"charge point id '{point.Id}' is used twice");
            }

            points.Add(point);
        }

        return new StationSpec(id, role, points)
        {
            DisconnectedLimit = f.TryGetValue("disconnectedLimit", out var dl) ? y.WholeAmps(dl, "disconnectedLimit") : Dlm.DlmConstants.MinimumChargingCurrent,
            Outages = [.. outages.Select(w => w.Window)],
            Network = f.TryGetValue("network", out var network) ? ReadStationNetwork(network, id) : null,
            MasterOnlySettings = f.TryGetValue("dlmSettings", out var entered) ? ReadMasterOnlySettings(entered, id) : [],
        };
    }

    private ChargePointSpec ReadChargePoint(YamlNode node, string station)
    {
        const string What = "a charge point";
        var f = y.Fields(node, What, "id", "installationCurrentLimit", "phaseRotation");
        var id = y.String(y.Required(f, node, "id", What), "charge point id");
        var limit = y.WholeAmps(y.Required(f, node, "installationCurrentLimit", What), "installationCurrentLimit");
        var rotation = f.TryGetValue("phaseRotation", out var r) ? ReadRotation(r) : ChargePointSpec.NoRotation;
        return new ChargePointSpec(id, station, limit, rotation);
    }

    private List<Phase> ReadRotation(YamlNode node)
    {
        var phases = new List<Phase>();
        foreach (var item in y.Sequence(node, "phaseRotation"))
        {
            var phase = y.String(item, "phase") switch
            {
                "L1" => Phase.L1,
                "L2" => Phase.L2,
                "L3" => Phase.L3,
                var other => throw y.Error(item, $"phase must be L1, L2 or L3, not '{other}'"),
            };
            if (phases.Contains(phase))
            {
                throw y.Error(item, $"{phase} appears twice in phaseRotation");
            }

            phases.Add(phase);
        }

        return phases.Count == 0 ? throw y.Error(node, "phaseRotation needs 1 to 3 phases") : phases;
    }

    private List<VehicleSpec> ReadVehicles(YamlNode node, SiteSpec site)
    {
        var f = y.Fields(node, "vehicles", "defaults", "sessions", "csv", "generator");
        var defaults = f.TryGetValue("defaults", out var d) ? ReadVehicleFields(d, "vehicle defaults", Template(site), site) : Template(site);
        var sessions = new List<(VehicleSpec Spec, YamlNode Node)>();
        if (f.TryGetValue("sessions", out var list))
        {
            var index = 0;
            foreach (var item in y.Sequence(list, "vehicles sessions"))
            {
                index++;
                var spec = ReadVehicleFields(item, $"session {index}", defaults with { Id = $"S{index}" }, site);
                sessions.Add((spec, item));
            }
        }

        if (f.TryGetValue("csv", out var csv))
        {
            sessions.AddRange(new SessionCsvReader(y, directory).Read(csv, defaults, site, sessions.Count));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (spec, item) in sessions)
        {
            Check(spec, item, site);
            if (!ids.Add(spec.Id))
            {
                throw y.Error(item, $"session id '{spec.Id}' is used twice");
            }
        }

        if (f.TryGetValue("generator", out var generatorNode))
        {
            var generated = ReadGenerator(generatorNode).Generate(site, defaults);
            foreach (var (spec, item) in sessions)
            {
                if (generated.Any(g => g.Id == spec.Id))
                {
                    throw y.Error(item, $"session id '{spec.Id}' is also the id of a generated session (G1, G2, ...)");
                }

                if (generated.Any(g => g.ChargePointId == spec.ChargePointId && g.Arrival < spec.Departure && spec.Arrival < g.Departure))
                {
                    throw y.Error(item, $"session '{spec.Id}' overlaps a generated session on {spec.ChargePointId}; give generated and listed sessions different charge points");
                }
            }

            return [.. sessions.Select(s => s.Spec), .. generated];
        }

        foreach (var group in sessions.GroupBy(s => s.Spec.ChargePointId, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(s => s.Spec.Arrival).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Spec.Arrival < ordered[i - 1].Spec.Departure)
                {
                    throw y.Error(ordered[i].Node, $"session '{ordered[i].Spec.Id}' arrives at {group.Key} before '{ordered[i - 1].Spec.Id}' has left");
                }
            }
        }

        return [.. sessions.Select(s => s.Spec)];
    }

    private VehicleGenerator ReadGenerator(YamlNode node)
    {
        const string What = "vehicles generator";
        var f = y.Fields(node, What, "arrivalsPerHour", "dwellHours", "energyKWh", "maxCurrent", "phases");
        var rateNode = y.Required(f, node, "arrivalsPerHour", What);
        List<double> rates;
        if (rateNode is YamlScalarNode)
        {
            rates = [y.Number(rateNode, "arrivalsPerHour", 0, 100_000)];
        }
        else
        {
            rates = [.. y.Sequence(rateNode, "arrivalsPerHour").Select(n => y.Number(n, "arrivalsPerHour", 0, 100_000))];
            if (rates.Count != 24)
            {
                throw y.Error(rateNode, $"arrivalsPerHour must be one number or 24 (one per UTC hour), not {rates.Count}");
            }
        }

        return new VehicleGenerator(
            rates,
            Moments(y.Required(f, node, "dwellHours", What), "dwellHours"),
            Moments(y.Required(f, node, "energyKWh", What), "energyKWh"),
            f.TryGetValue("maxCurrent", out var max) ? Shares(max, "maxCurrent", 6, 1000) : [new Share(16, 1)],
            f.TryGetValue("phases", out var phases) ? Shares(phases, "phases", 1, 3) : [new Share(3, 1)]);
    }

    private (double Mean, double Sd) Moments(YamlNode node, string what)
    {
        var f = y.Fields(node, what, "mean", "sd");
        var mean = y.Number(y.Required(f, node, "mean", what), $"{what} mean", 0.001, 10_000);
        var sd = f.TryGetValue("sd", out var sdNode) ? y.Number(sdNode, $"{what} sd", 0, 10_000) : 0;
        return (mean, sd);
    }

    private List<Share> Shares(YamlNode node, string what, double minimum, double maximum)
    {
        var shares = new List<Share>();
        foreach (var item in y.Sequence(node, what))
        {
            var f = y.Fields(item, what, "value", "share");
            var value = y.Number(y.Required(f, item, "value", what), $"{what} value", minimum, maximum);
            if (what == "phases" && value != Math.Floor(value))
            {
                throw y.Error(item, "phases must be 1, 2 or 3");
            }

            shares.Add(new Share(value, y.Number(y.Required(f, item, "share", what), $"{what} share", 0, 1_000_000)));
        }

        return shares.Count == 0 || shares.Sum(s => s.Weight) <= 0 ? throw y.Error(node, $"{what} needs at least one value with a share above 0") : shares;
    }

    private static VehicleSpec Template(SiteSpec site) => new("template", string.Empty, site.Start, site.End, 0);

    private VehicleSpec ReadVehicleFields(YamlNode node, string what, VehicleSpec defaults, SiteSpec site)
    {
        var f = y.Fields(node, what, "id", "chargePoint", "arrival", "departure", "energyKWh", "targetSoc", "batteryKWh", "initialSoc", "maxCurrent", "phases", "taperAboveSoc", "reactionDelay", "sleepAfter");
        var spec = defaults;
        if (f.TryGetValue("id", out var id))
        {
            spec = spec with { Id = y.String(id, "id") };
        }

        if (f.TryGetValue("chargePoint", out var cp))
        {
            spec = spec with { ChargePointId = y.String(cp, "chargePoint") };
        }

        spec = spec with
        {
            Arrival = f.TryGetValue("arrival", out var a) ? y.Time(a, "arrival", site.Start) : spec.Arrival,
            Departure = f.TryGetValue("departure", out var dep) ? y.Time(dep, "departure", site.Start) : spec.Departure,
            BatteryKWh = f.TryGetValue("batteryKWh", out var b) ? y.Number(b, "batteryKWh", 1, 1000) : spec.BatteryKWh,
            InitialStateOfCharge = f.TryGetValue("initialSoc", out var soc) ? y.Number(soc, "initialSoc", 0, 1) : spec.InitialStateOfCharge,
            MaxCurrent = f.TryGetValue("maxCurrent", out var max) ? y.Amps(max, "maxCurrent") : spec.MaxCurrent,
            Phases = f.TryGetValue("phases", out var ph) ? (int)y.Whole(ph, "phases", 1, 3) : spec.Phases,
            TaperAboveStateOfCharge = f.TryGetValue("taperAboveSoc", out var t) ? y.Number(t, "taperAboveSoc", 0, 0.999) : spec.TaperAboveStateOfCharge,
            ReactionDelay = f.TryGetValue("reactionDelay", out var r) ? y.Duration(r, "reactionDelay", allowZero: true) : spec.ReactionDelay,
            SleepAfter = f.TryGetValue("sleepAfter", out var sl) ? (y.String(sl, "sleepAfter") == "never" ? null : y.Duration(sl, "sleepAfter")) : spec.SleepAfter,
        };

        if (f.TryGetValue("energyKWh", out var e) && f.TryGetValue("targetSoc", out var both))
        {
            throw y.Error(both, $"{what}: give energyKWh or targetSoc, not both");
        }

        if (f.TryGetValue("energyKWh", out e))
        {
            spec = spec with { EnergyWantedKWh = y.Number(e, "energyKWh", 0, 10_000) };
        }
        else if (f.TryGetValue("targetSoc", out var target))
        {
            var targetSoc = y.Number(target, "targetSoc", 0, 1);
            spec = spec with { EnergyWantedKWh = Math.Max(0, targetSoc - spec.InitialStateOfCharge) * spec.BatteryKWh };
        }

        return spec;
    }

    private void Check(VehicleSpec spec, YamlNode node, SiteSpec site)
    {
        if (!_chargePoints.TryGetValue(spec.ChargePointId, out var cp))
        {
            throw y.Error(node, spec.ChargePointId.Length == 0 ? $"session '{spec.Id}' needs a chargePoint" : $"session '{spec.Id}': there is no charge point '{spec.ChargePointId}'");
        }

        if (spec.Departure <= spec.Arrival)
        {
            throw y.Error(node, $"session '{spec.Id}': departure must be after arrival");
        }

        if (spec.Arrival < site.Start || spec.Arrival >= site.End)
        {
            throw y.Error(node, $"session '{spec.Id}': arrival is outside the simulated period");
        }

        if (spec.Phases > cp.Point.PhaseRotation.Count)
        {
            throw y.Error(node, $"session '{spec.Id}': a {spec.Phases}-phase vehicle cannot charge on {cp.Point.Id}, which is wired to {cp.Point.PhaseRotation.Count} phase(s)");
        }
    }

    private List<ScenarioAssertion> ReadAssertions(YamlNode node)
    {
        var list = new List<ScenarioAssertion>();
        foreach (var item in y.Sequence(node, "assert"))
        {
            var text = y.String(item, "an assertion");
            list.Add(ScenarioAssertion.TryParse(text)
                ?? throw y.Error(item, $"'{text}' is not 'metric op number' with a metric of: {string.Join(", ", ScenarioAssertion.Metrics)} and op one of == != >= <= > <"));
        }

        return list;
    }
}
