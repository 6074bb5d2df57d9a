using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// A master's DLM settings (read as written, judged by <see cref="DlmSettingsRules"/> as `amtron allocate` does), and
/// demand estimation.
/// </summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] SettingsKeys =
    [
        "evseSubDistributionLimit", "operatorEvseSubDistributionLimit", "currentImbalancePrevention", "currentImbalanceLimit",
        "externalMeter", "maximumCurrentScheduler", "meterDigitalInputCurrentOffset",
    ];

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
        var result = DlmSettingsRules.Validate(ReadSettingsDraft(node, $"network {network} settings"));
        ReportProblems(node, "settings", result.Problems);

        // Settings with problems were reported; the reader goes on with a placeholder to find the file's other mistakes.
        return result.Settings ?? new DlmSettings(PhaseCurrents.Zero);
    }

    /// <summary>An Operator limit set during operation: the same rules as the setting (manual 6.2).</summary>
    private PhaseCurrents ReadOperatorLimit(YamlNode node, DlmSettings settings)
    {
        var (limit, problems) = DlmSettingsRules.ValidateOperatorLimit(y.PhaseValues(node, "limit"), settings);
        ReportProblems(node, "limit", problems);
        return limit ?? PhaseCurrents.Zero;
    }

    /// <summary>
    /// The settings page as written, for <see cref="DlmSettingsRules"/>: keys checked, values parsed, nothing judged.
    /// A key written with no value (<c>~</c>, <c>null</c> or empty) counts as not given, as JSON's null does.
    /// </summary>
    private DlmSettingsDraft ReadSettingsDraft(YamlNode node, string what)
    {
        var f = y.Fields(node, what, SettingsKeys);
        return new DlmSettingsDraft
        {
            EvseSubDistributionLimit = Given(f, "evseSubDistributionLimit") is { } sub ? y.PhaseValues(sub, "evseSubDistributionLimit") : null,
            OperatorEvseSubDistributionLimit = Given(f, "operatorEvseSubDistributionLimit") is { } op ? y.PhaseValues(op, "operatorEvseSubDistributionLimit") : null,
            CurrentImbalancePrevention = Given(f, "currentImbalancePrevention") is { } p ? y.Boolean(p, "currentImbalancePrevention") : null,
            CurrentImbalanceLimit = Given(f, "currentImbalanceLimit") is { } l ? y.Number(l, "currentImbalanceLimit") : null,
            ExternalMeter = Given(f, "externalMeter") is { } m ? ReadExternalMeterDraft(m) : null,
            MaximumCurrentScheduler = Given(f, "maximumCurrentScheduler") is { } s ? ReadSchedulerDraft(s) : null,
            MeterDigitalInputCurrentOffset = Given(f, "meterDigitalInputCurrentOffset") is { } o ? y.PhaseValues(o, "meterDigitalInputCurrentOffset") : null,
        };
    }

    private ExternalMeterDraft ReadExternalMeterDraft(YamlNode node)
    {
        var f = y.Fields(node, "externalMeter", "location", "mainDistributionLimit", "externalLoadHeadroom", "externalLoadFallback");
        return new ExternalMeterDraft
        {
            Location = Given(f, "location") is { } location ? y.String(location, "location") : null,
            MainDistributionLimit = Given(f, "mainDistributionLimit") is { } main ? y.PhaseValues(main, "mainDistributionLimit") : null,
            ExternalLoadHeadroom = Given(f, "externalLoadHeadroom") is { } h ? y.PhaseValues(h, "externalLoadHeadroom") : null,
            ExternalLoadFallback = Given(f, "externalLoadFallback") is { } fb ? y.PhaseValues(fb, "externalLoadFallback") : null,
        };
    }

    private List<SchedulerEntryDraft?> ReadSchedulerDraft(YamlNode node)
    {
        var entries = new List<SchedulerEntryDraft?>();
        foreach (var item in y.Sequence(node, "maximumCurrentScheduler"))
        {
            if (YamlFields.IsNull(item))
            {
                entries.Add(null);
                continue;
            }

            var f = y.Fields(item, "a scheduler entry", "hour", "limit");
            entries.Add(new SchedulerEntryDraft
            {
                Hour = Given(f, "hour") is { } hour ? y.Number(hour, "hour") : null,
                Limit = Given(f, "limit") is { } limit ? y.PhaseValues(limit, "limit") : null,
            });
        }

        return entries;
    }

    /// <summary>
    /// Every problem the rules found, each at the node its path leads to (the nearest one written, for a missing
    /// field), unless that node's own value was already reported. A contradiction is left to `amtron check`, which
    /// reports it as a finding.
    /// </summary>
    private void ReportProblems(YamlNode node, string name, IReadOnlyList<DlmSettingsProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (plan && problem.Kind == DlmSettingsProblemKind.Contradiction)
            {
                continue;
            }

            var at = YamlFields.Locate(node, problem.Path);
            if (!y.Failed(at))
            {
                var path = problem.Path.Length == 0 || problem.Path[0] == '[' ? name + problem.Path : $"{name}.{problem.Path}";
                y.Report(at, $"{path}: {problem.Message}");
            }
        }
    }

    private static YamlNode? Given(Dictionary<string, YamlNode> fields, string key) =>
        fields.TryGetValue(key, out var value) && !YamlFields.IsNull(value) ? value : null;
}
