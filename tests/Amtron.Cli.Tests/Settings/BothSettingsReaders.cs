using System.Globalization;
using System.Text.RegularExpressions;
using Amtron.Cli.Allocate;
using Amtron.Dlm.Settings;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Tests.Settings;

/// <summary>
/// Reads one settings page with both readers: as `networks[0].settings` of a site file and as the `settings` of an
/// `amtron allocate` request. The outcome is "ok: " and the settings spelt out, or "error: path: message" without
/// the reader's own location (file:line:col, line N).
/// </summary>
internal static partial class BothSettingsReaders
{
    public static string Yaml(string settingsYaml)
    {
        var site = $$"""
            name: settings
            start: 2026-06-01T00:00:00Z
            duration: 1h
            meter: {type: PAC2200}
            networks:
              - id: 1
                settings:{{settingsYaml}}
                stations:
                  - id: CS1
                    role: masterWithInternalSlave
                    chargePoints: [{id: CP1, installationCurrentLimit: 16}]
            """;
        try
        {
            return "ok: " + Describe(ScenarioLoader.Parse(site, "settings.yaml").Site.Networks[0].Settings);
        }
        catch (ScenarioException exception)
        {
            return "error: " + Location().Replace(exception.Message, string.Empty, 1);
        }
    }

    public static string Json(string settingsJson)
    {
        var (request, error) = AllocateRequestReader.Read($$"""{"settings":{{settingsJson}},"timeUtc":"2026-06-01T00:00:00Z"}""");
        return request is null ? $"error: {error!.Path}: {error.Message}" : "ok: " + Describe(request.Settings);
    }

    /// <summary>Every setting, in a fixed order (the scheduler is a class without value equality).</summary>
    public static string Describe(DlmSettings s) => string.Create(
        CultureInfo.InvariantCulture,
        $"sub {s.EvseSubDistributionLimit}; operator {s.OperatorEvseSubDistributionLimit}; prevention {s.CurrentImbalancePrevention}; imbalance {s.CurrentImbalanceLimit}; "
        + $"meter {(s.ExternalMeter is { } m ? $"{m.Location} {m.MainDistributionLimit} {m.ExternalLoadHeadroom} {m.ExternalLoadFallback}" : "off")}; "
        + $"scheduler {(s.MaximumCurrentScheduler is { } sc ? string.Join(" ", sc.Entries.Select(e => $"{e.Hour}h {e.Limit}")) : "off")}; offset {s.MeterDigitalInputCurrentOffset}");

    [GeneratedRegex(@"^settings\.yaml:\d+:\d+: ")]
    private static partial Regex Location();
}
