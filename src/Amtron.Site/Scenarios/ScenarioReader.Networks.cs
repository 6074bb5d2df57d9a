using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The DLM networks, their stations and charge points.</summary>
internal sealed partial class ScenarioReader
{
    private List<NetworkSpec> ReadNetworks(YamlNode node, SiteSpec site)
    {
        var networks = new List<NetworkSpec>();
        var ids = new HashSet<int>();
        var items = y.Sequence(node, "networks");
        _allChargePointsKnown &= !y.Failed(node);
        foreach (var item in items)
        {
            var (network, idKnown) = ReadNetwork(item, site);
            if (idKnown && !ids.Add(network.Id))
            {
                y.Report(item, $"DLM Network Id {network.Id} is used twice");
            }

            networks.Add(network);
        }

        if (items.Children.Count == 0 && !y.Failed(node))
        {
            y.Report(node, "at least one DLM network is needed");
        }

        CheckTimeSeriesColumns(ids);
        return networks;
    }

    /// <summary>
    /// The master waits a reaction allowance before it judges a vehicle's draw, so it must be at least the slowest
    /// vehicle's reaction delay. Where the file does not set it, it is IEC 61851-1's 5 s, or longer when a vehicle at
    /// the network's points is slower; where the file sets it shorter than such a vehicle, that is an error at it.
    /// </summary>
    private List<NetworkSpec> WithReactionAllowances(SiteSpec site)
    {
        var networkOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < site.Networks.Count; n++)
        {
            foreach (var (_, point) in site.Networks[n].ManagedChargePoints)
            {
                networkOf.TryAdd(point.Id, n);
            }
        }

        var slowest = new VehicleSpec?[site.Networks.Count];
        foreach (var vehicle in site.Vehicles)
        {
            if (networkOf.TryGetValue(vehicle.ChargePointId, out var n) && (slowest[n] is not { } known || vehicle.ReactionDelay > known.ReactionDelay))
            {
                slowest[n] = vehicle;
            }
        }

        var networks = new List<NetworkSpec>(site.Networks.Count);
        for (var n = 0; n < site.Networks.Count; n++)
        {
            var network = site.Networks[n];
            var options = network.Options;
            if (slowest[n] is { } vehicle && vehicle.ReactionDelay > options.ReactionAllowance)
            {
                if (_reactionAllowances.TryGetValue(network.Id, out var node))
                {
                    y.Report(node, FormattableString.Invariant($"network {network.Id}'s reactionAllowance {options.ReactionAllowance.TotalSeconds:0.###} s is shorter than the reactionDelay {vehicle.ReactionDelay.TotalSeconds:0.###} s of session '{vehicle.Id}': the master would judge that vehicle's draw before it follows its signal"));
                }
                else
                {
                    network = network with { Options = options with { ReactionAllowance = vehicle.ReactionDelay } };
                }
            }

            networks.Add(network);
        }

        return networks;
    }

    private (NetworkSpec Network, bool IdKnown) ReadNetwork(YamlNode node, SiteSpec site)
    {
        const string What = "a network";
        var f = y.Fields(node, What, "id", "settings", "sampleRate", "queueing", "rotationInterval", "allowEvWakeup", "demandEstimation", "operatorLimitChanges", "stations", "supplyLineCapacity", "reactionAllowance");
        var idNode = y.Required(f, node, "id", What);
        var id = (int)y.Whole(idNode, "DLM Network Id", 0, 255);
        var settingsNode = y.Required(f, node, "settings", What);
        var settingsBefore = y.Errors;
        var settings = ReadSettings(settingsNode, id);
        var settingsKnown = y.Errors == settingsBefore;
        if (settings.ExternalMeter is not null && site.Meter is null && !plan)
        {
            y.Report(settingsNode, $"network {id} uses an external meter but the scenario has no 'meter' section");
        }

        var options = new DlmControllerOptions
        {
            SampleRate = f.TryGetValue("sampleRate", out var rate) ? y.Duration(rate, "sampleRate") : DlmControllerOptions.DefaultSampleRate,
            Queueing = f.TryGetValue("queueing", out var q) ? ReadQueueing(q) : QueueingPolicy.FairTradeFifo,
            RotationInterval = f.TryGetValue("rotationInterval", out var rotation) ? y.Duration(rotation, "rotationInterval") : TimeSpan.FromMinutes(15),
            AllowEvWakeup = !f.TryGetValue("allowEvWakeup", out var wake) || y.Boolean(wake, "allowEvWakeup"),
            DemandEstimation = f.TryGetValue("demandEstimation", out var est) ? ReadEstimation(est) : new DemandEstimationOptions(),
            ReactionAllowance = f.TryGetValue("reactionAllowance", out var allowance) ? y.Duration(allowance, "reactionAllowance") : DlmControllerOptions.DefaultReactionAllowance,
        };
        if (allowance is not null)
        {
            _reactionAllowances[id] = allowance;
        }

        var changes = new List<OperatorLimitChange>();
        if (f.TryGetValue("operatorLimitChanges", out var changesNode))
        {
            foreach (var item in y.Sequence(changesNode, "operatorLimitChanges"))
            {
                var cf = y.Fields(item, "an operator limit change", "at", "limit");
                var limitNode = y.Required(cf, item, "limit", "an operator limit change");
                // Checked against the settings only when they were read without a problem.
                var limit = settingsKnown ? ReadOperatorLimit(limitNode, settings) : y.PhaseAmps(limitNode, "operator limit", whole: true);
                var atNode = y.Required(cf, item, "at", "an operator limit change");
                var at = y.Time(atNode, "at", site.Start);
                if (!y.Failed(atNode) && changes.Count > 0 && at <= changes[^1].At)
                {
                    // An EMS sends its changes one after the other: a list out of time order is a mistake in the file.
                    y.Report(atNode, FormattableString.Invariant($"operator limit changes must be in time order: {at:yyyy-MM-ddTHH:mm:ssZ} is not after the change before it ({changes[^1].At:yyyy-MM-ddTHH:mm:ssZ})"));
                    continue;
                }

                if (!y.Failed(atNode))
                {
                    changes.Add(new OperatorLimitChange(at, limit));
                }
            }
        }

        var stationsNode = y.Required(f, node, "stations", What);
        var stations = new List<StationSpec>();
        var rolesKnown = true;
        var stationItems = y.Sequence(stationsNode, $"network {id} stations");
        _allChargePointsKnown &= !y.Failed(stationsNode);
        foreach (var item in stationItems)
        {
            var (station, roleKnown) = ReadStation(item, site.Start);
            stations.Add(station);
            rolesKnown &= roleKnown;
        }

        var masters = stations.Count(s => s.IsMaster);
        // A station whose role could not be read may be the master: count only when every role was read.
        if (masters != 1 && !plan && rolesKnown && !y.Failed(stationsNode))
        {
            y.Report(stationsNode, $"network {id} must have exactly one DLM master, not {masters}");
        }

        var (lineCapacity, lineDevice) = f.TryGetValue("supplyLineCapacity", out var line) ? ReadProtection(line, "supplyLineCapacity", whole: false) : default;
        var network = new NetworkSpec(id, settings, options, stations)
        {
            OperatorLimitChanges = changes,
            SupplyLineCapacity = line is null ? null : lineCapacity,
            SupplyLineDevice = lineDevice,
        };
        return (network, !y.Failed(idNode));
    }

    private QueueingPolicy ReadQueueing(YamlNode node) => y.Choice(
        node, "queueing", QueueingPolicy.FairTradeFifo, ("fifo", QueueingPolicy.FairTradeFifo), ("roundRobin", QueueingPolicy.FairTradeRoundRobin));

    private (StationSpec Station, bool RoleKnown) ReadStation(YamlNode node, DateTimeOffset start)
    {
        const string What = "a station";
        var f = y.Fields(node, What, "id", "role", "disconnectedLimit", "outages", "chargePoints", "network", "dlmSettings", "modbus");
        var stationIdNode = y.Required(f, node, "id", What);
        var id = y.String(stationIdNode, "station id");
        if (!y.Failed(stationIdNode) && !_stationIds.Add(id))
        {
            // Stations are told apart by id (findings, satellites out of reach, the check's addressing rules).
            y.Report(stationIdNode, $"station id '{id}' is used twice");
        }

        var roleNode = y.Required(f, node, "role", What);
        var role = ReadRole(roleNode);
        var outages = f.TryGetValue("outages", out var o) ? y.Windows(o, "outages", start) : [];
        if (outages.Count > 0 && !y.Failed(roleNode) && role is StationRole.MasterWithInternalSlave or StationRole.MasterStandalone)
        {
            y.Report(outages[0].Node, "a master cannot lose itself; outages belong to satellites");
        }

        var points = new List<ChargePointSpec>();
        var pointsNode = y.Required(f, node, "chargePoints", What);
        var items = y.Sequence(pointsNode, $"station {id} chargePoints");
        _allChargePointsKnown &= !y.Failed(pointsNode);
        foreach (var item in items)
        {
            var before = y.Errors;
            var (point, idNode) = ReadChargePoint(item, id);
            if (y.Failed(idNode))
            {
                _allChargePointsKnown = false;
            }
            else if (!_chargePoints.TryAdd(point.Id, (point, idNode, y.Errors == before)))
            {
                y.Report(item, $"charge point id '{point.Id}' is used twice");
            }

            points.Add(point);
        }

        var station = new StationSpec(id, role, points)
        {
            DisconnectedLimit = f.TryGetValue("disconnectedLimit", out var dl) ? y.WholeAmps(dl, "disconnectedLimit") : Dlm.DlmConstants.MinimumChargingCurrent,
            Outages = [.. outages.Select(w => w.Window)],
            Network = f.TryGetValue("network", out var network) ? ReadStationNetwork(network, id) : null,
            MasterOnlySettings = f.TryGetValue("dlmSettings", out var entered) ? ReadMasterOnlySettings(entered, id) : [],
            Ems = f.TryGetValue("modbus", out var modbus) ? ReadEmsInterface(modbus, id, points.Count) : new(),
        };
        return (station, !y.Failed(roleNode));
    }

    /// <summary>"Load Management" > "Modbus" (manual 6.4); a second connector takes the base port + 1, so that must be a port too.</summary>
    private EmsInterfaceSpec ReadEmsInterface(YamlNode node, string station, int connectors)
    {
        var what = $"station {station} modbus";
        var f = y.Fields(node, what, "server", "basePort", "registerAddressSet", "allowStartStopTransaction", "allowUidDisclose", "host", "unit");
        var defaults = new EmsInterfaceSpec();
        return new EmsInterfaceSpec
        {
            Server = f.TryGetValue("server", out var server) && y.Boolean(server, "modbus server"),
            BasePort = f.TryGetValue("basePort", out var port) ? (int)y.Whole(port, "modbus basePort", 1, 65536 - Math.Max(1, connectors)) : defaults.BasePort,
            RegisterAddressSet = f.TryGetValue("registerAddressSet", out var set)
                ? y.Choice(set, "modbus registerAddressSet", EmsInterfaceSpec.Mennekes, [.. EmsInterfaceSpec.RegisterAddressSets.Select(s => (s, s))])
                : defaults.RegisterAddressSet,
            AllowStartStopTransaction = f.TryGetValue("allowStartStopTransaction", out var startStop) && y.Boolean(startStop, "modbus allowStartStopTransaction"),
            AllowUidDisclose = f.TryGetValue("allowUidDisclose", out var uid) && y.Boolean(uid, "modbus allowUidDisclose"),
            Host = f.TryGetValue("host", out var host) ? y.String(host, "modbus host") : null,
            Unit = f.TryGetValue("unit", out var unit) ? (byte)y.Whole(unit, "modbus unit", 1, 255) : defaults.Unit,
        };
    }

    private StationRole ReadRole(YamlNode node) => y.Choice(
        node,
        "role",
        StationRole.SlaveAutoDiscovery,
        ("masterWithInternalSlave", StationRole.MasterWithInternalSlave),
        ("masterStandalone", StationRole.MasterStandalone),
        ("slaveAutoDiscovery", StationRole.SlaveAutoDiscovery),
        ("slaveFixedIp", StationRole.SlaveFixedIp));

    private (ChargePointSpec Point, YamlNode IdNode) ReadChargePoint(YamlNode node, string station)
    {
        const string What = "a charge point";
        var f = y.Fields(node, What, "id", "installationCurrentLimit", "phaseRotation");
        var idNode = y.Required(f, node, "id", What);
        var id = y.String(idNode, "charge point id");
        // A setting of the station's web interface: the same range as every "[A]" setting (docs/scenarios.md), as `allocate` has it.
        var limit = Amps.From(y.Whole(y.Required(f, node, "installationCurrentLimit", What), "installationCurrentLimit", 0, DlmSettingsRules.MaximumSettingAmps));
        var rotation = f.TryGetValue("phaseRotation", out var r) ? ReadRotation(r) : ChargePointSpec.NoRotation;
        return (new ChargePointSpec(id, station, limit, rotation), idNode);
    }

    private List<Phase> ReadRotation(YamlNode node)
    {
        var phases = new List<Phase>();
        var items = y.Sequence(node, "phaseRotation");
        foreach (var item in items)
        {
            var text = y.String(item, "phase");
            Phase? phase = text switch
            {
                "L1" => Phase.L1,
                "L2" => Phase.L2,
                "L3" => Phase.L3,
                _ => null,
            };
            if (phase is null)
            {
                y.Reject(item, $"phase must be L1, L2 or L3, not '{text}'");
            }
            else if (phases.Contains(phase.Value))
            {
                y.Report(item, $"{phase} appears twice in phaseRotation");
            }
            else
            {
                phases.Add(phase.Value);
            }
        }

        if (items.Children.Count == 0 && !y.Failed(node))
        {
            y.Report(node, "phaseRotation needs 1 to 3 phases");
        }

        return phases;
    }
}
