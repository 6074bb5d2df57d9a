using System.Globalization;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>A master's DLM settings, its external meter settings and scheduler, and demand estimation.</summary>
internal sealed partial class ScenarioReader
{
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
        var evse = y.Required(f, node, "evseSubDistributionLimit", what);
        var settings = new DlmSettings(y.PhaseAmps(evse, "evseSubDistributionLimit", whole: true));
        if (f.TryGetValue("operatorEvseSubDistributionLimit", out var op))
        {
            var limit = y.PhaseAmps(op, "operatorEvseSubDistributionLimit", whole: true);
            if (!y.Failed(evse) && !y.Failed(op))
            {
                CheckOperatorWithinSubDistribution(op, limit, settings);
            }

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
                y.Report(node, $"Operator EVSE Sub-Distribution Limit L{p + 1} ({limit[p].Value} A) is above the EVSE Sub-Distribution Limit ({settings.EvseSubDistributionLimit[p].Value} A); the manual requires it to be smaller or equal");
                return;
            }
        }
    }

    private ExternalMeterSettings ReadExternalMeter(YamlNode node)
    {
        var f = y.Fields(node, "externalMeter", "location", "mainDistributionLimit", "externalLoadHeadroom", "externalLoadFallback");
        var locationNode = y.Required(f, node, "location", "externalMeter");
        var location = ExternalMeterLocation.ExcludingEvseSubDistribution;
        switch (y.String(locationNode, "location"))
        {
            case "excluding":
                break;
            case "including":
                location = ExternalMeterLocation.IncludingEvseSubDistribution;
                break;
            case var other:
                y.Reject(locationNode, $"location must be excluding or including, not '{other}'");
                break;
        }

        return new ExternalMeterSettings(location, y.PhaseAmps(y.Required(f, node, "mainDistributionLimit", "externalMeter"), "mainDistributionLimit", whole: true))
        {
            ExternalLoadHeadroom = f.TryGetValue("externalLoadHeadroom", out var h) ? y.PhaseAmps(h, "externalLoadHeadroom", whole: true) : PhaseCurrents.Zero,
            ExternalLoadFallback = f.TryGetValue("externalLoadFallback", out var fb) ? y.PhaseAmps(fb, "externalLoadFallback", whole: true) : ExternalMeterSettings.DefaultExternalLoadFallback,
        };
    }

    private MaximumCurrentScheduler? ReadScheduler(YamlNode node)
    {
        var entries = new List<SchedulerEntry>();
        var items = y.Sequence(node, "maximumCurrentScheduler");
        foreach (var item in items)
        {
            var f = y.Fields(item, "a scheduler entry", "hour", "limit");
            var hourNode = y.Required(f, item, "hour", "a scheduler entry");
            var hour = (int)y.Whole(hourNode, "hour", 0, MaximumCurrentScheduler.HoursPerDay - 1);
            var limit = y.PhaseAmps(y.Required(f, item, "limit", "a scheduler entry"), "limit", whole: true);
            if (y.Failed(hourNode))
            {
                continue;
            }

            if (entries.Any(e => e.Hour == hour))
            {
                y.Report(hourNode, $"hour {hour} appears twice in the scheduler");
                continue;
            }

            entries.Add(new SchedulerEntry(hour, limit));
        }

        if (items.Children.Count == 0 && !y.Failed(node))
        {
            y.Report(node, "the scheduler needs at least one entry");
        }

        return entries.Count == 0 ? null : new MaximumCurrentScheduler(entries);
    }
}
