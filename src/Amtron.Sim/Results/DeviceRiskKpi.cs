using System.Text.Json;
using Amtron.Grid.Protection;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Results;

/// <summary>
/// A trip-risk figure of the named protective devices (docs/grid.md), on one <see cref="CurveEdge"/>: assertions name
/// the largest over every device (<c>Name</c>) and the main fuse's (<c>Name.mainFuse</c>); summary.json and sweeps
/// have each device's by its id.
/// </summary>
public sealed record DeviceRiskKpi(string Name, string Label, CurveEdge Edge) : Kpi(Name, Label, KpiUnit.Damage)
{
    private string MainFuseMetric => $"{Name}.{LimitIds.MainFuse}";

    /// <inheritdoc />
    public override IReadOnlyList<string> MetricNames => [Name, MainFuseMetric];

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, double>> Metrics(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Devices.Count == 0)
        {
            return [];
        }

        return [KeyValuePair.Create(Name, result.Devices.Max(Of)), .. result.Devices.Select(d => KeyValuePair.Create($"{Name}.{d.Id}", Of(d)))];
    }

    /// <inheritdoc />
    public override string? Unavailable(string metric, SiteSpec site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var anyDevice = site.MainFuseDevice is not null || site.Networks.Any(n => n.SupplyLineDevice is not null);
        return metric switch
        {
            _ when metric == Name && !anyDevice =>
                $"{metric}: the site names no protective device; write grid.mainFuse or a network's supplyLineCapacity as {{rating: 63, type: gG}}",
            _ when metric == MainFuseMetric && site.MainFuseDevice is null =>
                $"{metric}: the main fuse is not a named device; write grid.mainFuse as {{rating: 63, type: gG}}",
            _ => null,
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter json, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        json.WriteStartObject(Name);
        foreach (var device in result.Devices)
        {
            json.WriteNumber(device.Id, Unit.Rounded(Of(device)));
        }

        json.WriteEndObject();
    }

    /// <inheritdoc />
    public override IEnumerable<KpiRow> Rows(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Devices.Count == 0
            ? [new(Label, "no device named")]
            : [new(Label, string.Empty), .. result.Devices.Select(d => new KpiRow($"{LimitIds.Describe(d.Id)} ({d.Damage.Device})", Verdict(d), Detail: true))];
    }

    private string Verdict(DeviceRisk device)
    {
        var value = Of(device);
        var opens = Edge == CurveEdge.Worst ? "trip possible" : "trip expected";
        return value >= 1 ? $"{Unit.Shown(value)} ({opens})" : Unit.Shown(value);
    }

    private double Of(DeviceRisk device) => Edge == CurveEdge.Worst ? device.Damage.MaxWorst : device.Damage.MaxTypical;
}
