using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The reading itself: the scenario's top level here, one partial file per section.</summary>
internal sealed partial class ScenarioReader(YamlFields y, string directory, bool plan)
{
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
