using System.Text.Json;
using Amtron.Grid.Dimming;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Results;

/// <summary>A figure of the grid operator's §14a dimming (docs/grid.md); a site that is not dimmed has none.</summary>
public sealed record DimmingKpi(string Name, string Label, KpiUnit Unit, Func<DimmingCompliance, double> Value) : Kpi(Name, Label, Unit)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> MetricNames => [Name];

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, double>> Metrics(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Dimming is { } dimming ? [KeyValuePair.Create(Name, Value(dimming))] : [];
    }

    /// <inheritdoc />
    public override string? Unavailable(string metric, SiteSpec site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.GridOperator is null ? $"{metric}: the site is not dimmed; give its gridOperator (§14a dimming windows and signal)" : null;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter json, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Dimming is { } dimming)
        {
            json.WriteNumber(Name, Unit.Rounded(Value(dimming)));
        }
        else
        {
            json.WriteNull(Name);
        }
    }

    /// <inheritdoc />
    public override IEnumerable<KpiRow> Rows(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [new(Label, result.Dimming is { } dimming ? Unit.Shown(Value(dimming)) : "not dimmed")];
    }
}
