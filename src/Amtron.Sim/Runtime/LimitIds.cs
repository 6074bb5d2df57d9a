using System.Globalization;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The checked limits' stable ids (the keys of summary.json: <c>mainFuse</c>, <c>network0.dlmLimit</c>), which do not
/// change when the words do; <see cref="Describe"/> gives the words for people.
/// </summary>
public static class LimitIds
{
    /// <summary>The main fuse at the grid connection.</summary>
    public const string MainFuse = "mainFuse";

    private const string Network = "network";
    private const string SubDistributionSuffix = "evseSubDistributionLimit";
    private const string DlmSuffix = "dlmLimit";
    private const string ImbalanceSuffix = "currentImbalanceLimit";
    private const string MainDistributionSuffix = "mainDistributionLimit";
    private const string SupplyLineSuffix = "supplyLine";

    /// <summary>A network's EVSE Sub-Distribution Limit (its supply line's fuse), on its draw.</summary>
    public static string EvseSubDistribution(int network) => Of(network, SubDistributionSuffix);

    /// <summary>A network's DLM limit in force (Operator limit, downgrade offset, scheduler), on its draw.</summary>
    public static string Dlm(int network) => Of(network, DlmSuffix);

    /// <summary>A network's Current Imbalance Limit, where it is measured.</summary>
    public static string Imbalance(int network) => Of(network, ImbalanceSuffix);

    /// <summary>A metered network's Main Distribution Limit, on the supply at the meter.</summary>
    public static string MainDistribution(int network) => Of(network, MainDistributionSuffix);

    /// <summary>A network's supply line, where its protective device is named (trip risk, docs/grid.md).</summary>
    public static string SupplyLine(int network) => Of(network, SupplyLineSuffix);

    /// <summary>The limit in words, as the manual names it ("network 0 DLM limit (Operator, downgrade offset, scheduler)").</summary>
    public static string Describe(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id == MainFuse)
        {
            return "grid main fuse";
        }

        var dot = id.IndexOf('.', StringComparison.Ordinal);
        var network = dot > Network.Length && id.StartsWith(Network, StringComparison.Ordinal) ? id[Network.Length..dot] : null;
        var what = id[(dot + 1)..] switch
        {
            SubDistributionSuffix => "EVSE Sub-Distribution Limit",
            DlmSuffix => "DLM limit (Operator, downgrade offset, scheduler)",
            ImbalanceSuffix => "Current Imbalance Limit",
            MainDistributionSuffix => "Main Distribution Limit",
            SupplyLineSuffix => "supply line",
            _ => null,
        };
        return network is null || what is null ? id : $"network {network} {what}";
    }

    private static string Of(int network, string suffix) => string.Create(CultureInfo.InvariantCulture, $"{Network}{network}.{suffix}");
}
