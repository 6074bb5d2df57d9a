using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The DLM networks, their stations and charge points.</summary>
internal sealed partial class ScenarioReader
{
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
}
