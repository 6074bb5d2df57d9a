using Amtron.Dlm.Settings;
using Amtron.Site.Model;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// The installation parts of a site file that <c>amtron check</c> reads (the simulator ignores them): each station's
/// network part, settings entered on a station's own web interface, the meter's wiring, the backend set-up. Values
/// may be written as the web interface shows them ("DHCP server", "Auto (DHCP client)", "OCPP-J 1.6") or in camel
/// case ("dhcpServer"): case, spaces and punctuation do not matter.
/// </summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] NetworkKeys =
    [
        "modeForEthernetConfiguration", "staticIp", "staticNetmask", "staticGateway", "connectionType", "wanRouter", "modem",
        "sim", "ocppMode", "ocppUrl", "httpBasicAuthentication", "firmware", "cableLength", "uplink",
    ];

    /// <summary>The web interface's full parameter names (camel case) and other obvious spellings, for the short keys.</summary>
    private static readonly Dictionary<string, string> NetworkKeyAliases = new(StringComparer.Ordinal)
    {
        ["staticNetworkConfigurationIp"] = "staticIp",
        ["staticNetworkConfigurationNetmask"] = "staticNetmask",
        ["staticNetworkConfigurationGateway"] = "staticGateway",
        ["webSocketsJsonOcppUrlOfTheBackend"] = "ocppUrl",
        ["backendUrl"] = "ocppUrl",
        ["httpBasicAuthenticationPassword"] = "httpBasicAuthentication",
        ["firmwareVersion"] = "firmware",
        ["modemPresent"] = "modem",
        ["simPresent"] = "sim",
        ["cableLengthM"] = "cableLength",
    };

    private BackendConnection ReadBackend(YamlNode node) => Simplified(y.String(node, "backend")) switch
    {
        "none" => BackendConnection.None,
        "simgateway" or "sim" or "gsm" or "gateway" => BackendConnection.SimGateway,
        "router" or "lan" or "ethernet" => BackendConnection.Router,
        _ => Rejected(node, $"backend must be none, simGateway or router, not '{y.String(node, "backend")}'", BackendConnection.None),
    };

    private MeterWiring ReadMeterWiring(YamlNode node) => Simplified(y.String(node, "measures")) switch
    {
        "externalconsumers" or "externalconsumersonly" or "external" => MeterWiring.ExternalConsumers,
        "externalconsumersandchargepoints" or "externalconsumersandchargingstations" or "total" or "totalconsumption" => MeterWiring.ExternalConsumersAndChargePoints,
        _ => Rejected(node, $"meter measures must be externalConsumers or total, not '{y.String(node, "measures")}'", MeterWiring.ExternalConsumers),
    };

    private StationNetwork ReadStationNetwork(YamlNode node, string station)
    {
        var what = $"station {station} network";
        var f = Canonical(y.Fields(node, what, [.. NetworkKeys, .. NetworkKeyAliases.Keys]), what);
        return new StationNetwork
        {
            Mode = f.TryGetValue("modeForEthernetConfiguration", out var mode) ? ReadEthernetMode(mode) : null,
            StaticIp = Text(f, "staticIp"),
            StaticNetmask = Text(f, "staticNetmask"),
            StaticGateway = Text(f, "staticGateway"),
            ConnectionType = f.TryGetValue("connectionType", out var type) ? ReadConnectionType(type) : null,
            WanRouter = f.TryGetValue("wanRouter", out var wan) && y.Boolean(wan, "wanRouter"),
            Modem = f.TryGetValue("modem", out var modem) && y.Boolean(modem, "modem"),
            Sim = f.TryGetValue("sim", out var sim) && y.Boolean(sim, "sim"),
            OcppMode = Text(f, "ocppMode"),
            OcppUrl = Text(f, "ocppUrl"),
            HttpBasicAuthentication = f.TryGetValue("httpBasicAuthentication", out var auth) && PasswordSet(auth),
            Firmware = f.TryGetValue("firmware", out var firmware) ? Firmware(firmware) : null,
            CableLengthMetres = f.TryGetValue("cableLength", out var cable) ? y.Number(cable, "cableLength", 0, 100_000) : null,
            Uplink = Text(f, "uplink"),
        };
    }

    /// <summary>Maps the long names of the web interface to the short keys; a field given under both is an error.</summary>
    private Dictionary<string, YamlNode> Canonical(Dictionary<string, YamlNode> fields, string what)
    {
        var canonical = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            var name = NetworkKeyAliases.GetValueOrDefault(key, key);
            if (!canonical.TryAdd(name, value))
            {
                y.Reject(value, $"{what} gives {name} twice (as '{key}' and under another name)");
            }
        }

        return canonical;
    }

    /// <summary>"HTTP Basic Authentication password": true/false, or the password itself (empty = not used).</summary>
    private bool PasswordSet(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } text } && Simplified(text) is "true" or "false" or "yes" or "no" or "on" or "off")
        {
            return y.Boolean(node, "httpBasicAuthentication");
        }

        if (node is not YamlScalarNode scalar)
        {
            y.Reject(node, "httpBasicAuthentication must be true, false or the password");
            return false;
        }

        return scalar.Value is { Length: > 0 };
    }

    /// <summary>
    /// Settings written under a station's own <c>dlmSettings</c>: checked by the same rules as a master's (a missing
    /// sub-distribution limit taken as the largest, so only the values written are judged), then remembered by name.
    /// </summary>
    private List<string> ReadMasterOnlySettings(YamlNode node, string station)
    {
        var draft = ReadSettingsDraft(node, $"station {station} dlmSettings");
        draft.EvseSubDistributionLimit ??= PhaseValues.Same(DlmSettingsRules.MaximumSettingAmps);
        var problems = DlmSettingsRules.Validate(draft).Problems.Where(p => p.Kind == DlmSettingsProblemKind.InvalidValue).ToList();
        ReportProblems(node, "dlmSettings", problems);
        var f = y.Fields(node, "dlmSettings", SettingsKeys);
        return [.. SettingsKeys.Where(k => Given(f, k) is not null)];
    }

    private EthernetMode ReadEthernetMode(YamlNode node) => Simplified(y.String(node, "modeForEthernetConfiguration")) switch
    {
        "dhcpserver" => EthernetMode.DhcpServer,
        "auto" or "autodhcpclient" or "dhcpclient" => EthernetMode.DhcpClient,
        "static" => EthernetMode.Static,
        _ => Rejected(node, $"modeForEthernetConfiguration must be \"DHCP server\", \"Auto (DHCP client)\" or \"Static\", not '{y.String(node, "modeForEthernetConfiguration")}'", EthernetMode.DhcpClient),
    };

    private ConnectionType ReadConnectionType(YamlNode node) => Simplified(y.String(node, "connectionType")) switch
    {
        "ethernet" => ConnectionType.Ethernet,
        "gsm" => ConnectionType.Gsm,
        _ => Rejected(node, $"connectionType must be GSM or Ethernet, not '{y.String(node, "connectionType")}'", ConnectionType.Ethernet),
    };

    /// <summary>An optional text field; an empty value (<c>""</c> or <c>~</c>) means the field is left empty.</summary>
    private string? Text(Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            y.Reject(node, $"{key} must be a text");
            return null;
        }

        return string.IsNullOrWhiteSpace(scalar.Value) || scalar.Value == "~" ? null : scalar.Value.Trim();
    }

    /// <summary>Reports a value that cannot be used and gives the stand-in the reading goes on with.</summary>
    private T Rejected<T>(YamlNode node, string problem, T placeholder)
    {
        y.Reject(node, problem);
        return placeholder;
    }

    /// <summary>Lower-case letters and digits only, so "Auto (DHCP client)" and "autoDhcpClient" read alike.</summary>
    internal static string Simplified(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>A firmware version as the web interface shows it: numbers with dots, optionally a leading V and a suffix (5.12.4, V4.52, 5, 5.12.4-rc1).</summary>
    private string? Firmware(YamlNode node)
    {
        var text = y.String(node, "firmware");
        if (!y.Failed(node) && !FirmwareVersion().IsMatch(text))
        {
            y.Reject(node, $"firmware must be a version such as 5.12.4 or 4.52, not '{text}'");
            return null;
        }

        return text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[vV]?\d{1,5}(\.\d{1,5}){0,3}([-+ ][\w.+-]*)?$")]
    private static partial System.Text.RegularExpressions.Regex FirmwareVersion();
}
