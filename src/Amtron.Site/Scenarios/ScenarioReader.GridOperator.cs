using System.Globalization;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// <c>gridOperator</c>: §14a EnWG dimming windows, how the signal reaches the site, and the controllable consumers
/// behind the connection besides the charge points (docs/grid.md).
/// </summary>
internal sealed partial class ScenarioReader
{
    private const string GridOperatorWhat = "gridOperator";

    /// <summary>
    /// The site with its grid operator, and the dimming applied as the signal arrives: the meter's digital input
    /// energised in the windows, or the Operator limit an EMS writes at each window's start and takes back at its end.
    /// </summary>
    private SiteSpec WithGridOperator(YamlNode node, SiteSpec site)
    {
        var f = y.Fields(node, GridOperatorWhat, "dimming", "signal", "requestKW", "controllableConsumers", "operatorLimit");
        var signalNode = y.Required(f, node, "signal", GridOperatorWhat);
        var signal = y.Choice(signalNode, $"{GridOperatorWhat} signal", DimmingSignal.DigitalInput, ("digitalInput", DimmingSignal.DigitalInput), ("ems", DimmingSignal.Ems));
        var windows = f.TryGetValue("dimming", out var dimming) ? y.Windows(dimming, $"{GridOperatorWhat} dimming", site.Start).Select(w => w.Window).ToList() : [];
        var spec = new GridOperatorSpec(windows, signal)
        {
            ChargePoints = site.Networks.SelectMany(n => n.Stations).SelectMany(s => s.ChargePoints).Count(cp => GridOperatorSpec.IsControllable(cp.InstallationCurrentLimit, site.VoltageV)),
        };
        if (f.TryGetValue("controllableConsumers", out var consumers))
        {
            var c = y.Fields(consumers, $"{GridOperatorWhat} controllableConsumers", "heatPumpsKW", "airConditionersKW", "storage");
            spec = spec with
            {
                HeatPumpsKW = c.TryGetValue("heatPumpsKW", out var hp) ? y.Number(hp, "heatPumpsKW", 0, 1000) : 0,
                AirConditionersKW = c.TryGetValue("airConditionersKW", out var ac) ? y.Number(ac, "airConditionersKW", 0, 1000) : 0,
                Storage = c.TryGetValue("storage", out var storage) ? (int)y.Whole(storage, "storage", 0, 100) : 0,
            };
        }

        if (f.TryGetValue("requestKW", out var requestNode))
        {
            var request = y.Number(requestNode, $"{GridOperatorWhat} requestKW", 0, 100_000);
            if (!y.Failed(requestNode) && request < spec.MinimumKW)
            {
                y.Reject(requestNode, string.Create(CultureInfo.InvariantCulture, $"{GridOperatorWhat} requestKW {request} kW is below the §14a minimum the operator must leave, {spec.MinimumKW:0.###} kW"));
            }

            spec = spec with { RequestKW = request };
        }

        if (spec.ControllableConsumers == 0 && !y.Failed(node))
        {
            y.Report(node, $"{GridOperatorWhat}: the site has no controllable consumer (no charge point above 4.2 kW, no heat pump, air conditioner or storage)");
        }

        var emsLimit = f.TryGetValue("operatorLimit", out var limitNode) ? y.PhaseAmps(limitNode, $"{GridOperatorWhat} operatorLimit", whole: true) : (PhaseCurrents?)null;
        return signal switch
        {
            _ when y.Failed(signalNode) => site with { GridOperator = spec },
            DimmingSignal.DigitalInput => ByDigitalInput(node, limitNode, site, spec),
            _ => ByEms(node, site, spec with { EmsOperatorLimit = emsLimit ?? PhaseCurrents.Uniform(spec.MinimumPerPhase(site.VoltageV).FloorWholeAmps) }),
        };
    }

    private SiteSpec ByDigitalInput(YamlNode node, YamlNode? limitNode, SiteSpec site, GridOperatorSpec spec)
    {
        if (limitNode is not null)
        {
            y.Reject(limitNode, $"{GridOperatorWhat} operatorLimit is what an EMS writes (signal: ems); the digital input lowers the Operator limit by the meter's offset");
        }

        if (site.Meter is not { Type: MeterSpec.Pac2200 } meter)
        {
            y.Report(node, $"{GridOperatorWhat} signal digitalInput needs a PAC2200 meter: its digital input is the downgrade input of manual 6.5");
            return site with { GridOperator = spec };
        }

        return site with { GridOperator = spec, Meter = meter with { DigitalInputActive = [.. meter.DigitalInputActive, .. spec.Dimming] } };
    }

    private SiteSpec ByEms(YamlNode node, SiteSpec site, GridOperatorSpec spec)
    {
        if (site.Networks.Count != 1 || site.Networks[0].OperatorLimitChanges.Count > 0)
        {
            y.Report(node, $"{GridOperatorWhat} signal ems writes the Operator limit of the site's one network, which must have no operatorLimitChanges of its own (this site: {site.Networks.Count} networks)");
            return site with { GridOperator = spec };
        }

        var network = site.Networks[0];
        var dimmed = spec.EmsOperatorLimit!.Value;
        var restored = network.Settings.OperatorEvseSubDistributionLimit;
        var changes = spec.Dimming.OrderBy(w => w.From).SelectMany(w => new[] { new OperatorLimitChange(w.From, dimmed), new OperatorLimitChange(w.To, restored) });
        return site with { GridOperator = spec, Networks = [network with { OperatorLimitChanges = [.. changes] }] };
    }
}
