using Amtron.Dlm.Units;
using Amtron.Grid.Protection;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The reading itself: the scenario's top level here, one partial file per section.</summary>
internal sealed partial class ScenarioReader(YamlFields y, string directory, bool plan)
{
    /// <summary>Charge points by id, with the node of the id; Complete is false when one of its fields could not be read (skip checks on it).</summary>
    private readonly Dictionary<string, (ChargePointSpec Point, YamlNode IdNode, bool Complete)> _chargePoints = new(StringComparer.Ordinal);

    private readonly HashSet<string> _stationIds = new(StringComparer.Ordinal);

    /// <summary>False when a station list, a station or a charge point id could not be read: a session may name one of those.</summary>
    private bool _allChargePointsKnown = true;

    /// <summary>Each network's reactionAllowance where the file sets it (by DLM Network Id), to locate a conflict with a slow vehicle.</summary>
    private readonly Dictionary<int, YamlNode> _reactionAllowances = [];

    /// <summary>False when start or duration could not be read: times cannot be checked against the period.</summary>
    private bool _periodKnown = true;

    public Scenario Read(YamlNode root)
    {
        var f = y.Fields(root, "the scenario", "name", "description", "seed", "start", "duration", "voltage", "grid", "externalLoads", "meter", "networks", "vehicles", "assert", "backend", "gridOperator");
        // A site file for `amtron check` describes an installation, not a run: name and period are optional there.
        var name = plan && !f.ContainsKey("name") ? string.Empty : y.String(y.Required(f, root, "name", "the scenario"), "name");
        var description = f.TryGetValue("description", out var d) ? y.String(d, "description") : string.Empty;
        var seed = f.TryGetValue("seed", out var s) ? (ulong)y.Whole(s, "seed", 0, long.MaxValue) : 1UL;
        var (start, duration) = ReadPeriod(f, root);
        var site = new SiteSpec(start, duration, seed)
        {
            VoltageV = f.TryGetValue("voltage", out var v) ? y.Number(v, "voltage", 100, 500) : 230,
            ExternalLoads = f.TryGetValue("externalLoads", out var loads) ? ReadLoads(loads, start, start + duration, seed) : [],
            Meter = f.TryGetValue("meter", out var m) ? ReadMeter(m, start) : null,
            Backend = f.TryGetValue("backend", out var b) ? ReadBackend(b) : null,
        };

        if (f.TryGetValue("grid", out var g))
        {
            var (fuse, device) = ReadGrid(g);
            site = site with { MainFuse = fuse, MainFuseDevice = device };
        }

        var networksNode = y.Required(f, root, "networks", "the scenario");
        site = site with { Networks = ReadNetworks(networksNode, site) };
        if (f.TryGetValue("gridOperator", out var gridOperator))
        {
            site = WithGridOperator(gridOperator, site);
        }

        site = site with { Vehicles = f.TryGetValue("vehicles", out var vehicles) ? ReadVehicles(vehicles, site) : [] };
        site = site with { Networks = WithReactionAllowances(site) };
        var assertions = f.TryGetValue("assert", out var a) ? ReadAssertions(a) : [];
        return new Scenario(name, description, site, assertions) { Notes = y.Notes };
    }

    /// <summary>The longest simulated period: ten years (the progress and time-series arithmetic stays far from overflow).</summary>
    private static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(3660);

    /// <summary>The latest end of a simulated period.</summary>
    private static readonly DateTimeOffset LatestEnd = new(9998, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The earliest start: the plots' time axis (OLE Automation dates) cannot show year 1, and no grid is older.</summary>
    private static readonly DateTimeOffset EarliestStart = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private (DateTimeOffset Start, TimeSpan Duration) ReadPeriod(Dictionary<string, YamlNode> f, YamlNode root)
    {
        var before = y.Errors;
        if (plan && !f.ContainsKey("start") && !f.ContainsKey("duration"))
        {
            return (DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1));
        }

        var startNode = y.Required(f, root, "start", "the scenario");
        var start = y.Time(startNode, "start");
        if (y.Errors == before && start < EarliestStart)
        {
            y.Report(startNode, $"the simulated period must start on or after {EarliestStart:yyyy-MM-ddTHH:mm:ssZ}");
        }

        var duration = y.Duration(y.Required(f, root, "duration", "the scenario"), "duration");
        if (y.Errors == before && duration > MaximumDuration)
        {
            y.Report(f["duration"], $"duration must be at most {MaximumDuration.TotalDays:0}d (10 years), not {duration.TotalDays:0.###}d");
        }
        else if (y.Errors == before && duration > LatestEnd - start)
        {
            // A year of calendar left after the end: day, week and schedule arithmetic looks past it.
            y.Report(startNode, $"the simulated period must end by {LatestEnd:yyyy-MM-dd}");
        }

        _periodKnown = y.Errors == before;
        // A period that could not be read stands in as one day, so nothing is generated for a year that will not run;
        // from its start when that was read and in range (times given against it are still checked), else from 1970,
        // so later checks do no arithmetic near either end of the calendar.
        var knownStart = !y.Failed(startNode) && start >= EarliestStart && start < LatestEnd ? start : DateTimeOffset.UnixEpoch;
        return _periodKnown ? (start, duration) : (knownStart, TimeSpan.FromDays(1));
    }

    private (PhaseCurrents? Fuse, ProtectiveDevice? Device) ReadGrid(YamlNode node)
    {
        var f = y.Fields(node, "grid", "mainFuse");
        if (!f.TryGetValue("mainFuse", out var fuse))
        {
            return (null, null);
        }

        var (limit, device) = ReadProtection(fuse, "grid mainFuse", whole: true);
        return (limit, device);
    }

    private List<ScenarioAssertion> ReadAssertions(YamlNode node)
    {
        var list = new List<ScenarioAssertion>();
        foreach (var item in y.Sequence(node, "assert"))
        {
            var text = y.String(item, "an assertion");
            if (y.Failed(item))
            {
                continue;
            }

            if (ScenarioAssertion.TryParse(text) is { } assertion)
            {
                list.Add(assertion with { Line = item.Start.Line, Column = item.Start.Column });
            }
            else
            {
                y.Reject(item, $"'{text}' is not 'metric op number' with op one of == != >= <= > <");
            }
        }

        return list;
    }
}
