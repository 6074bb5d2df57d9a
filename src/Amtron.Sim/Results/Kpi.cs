using System.Text.Json;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Results;

/// <summary>One line of the KPI table on the terminal or in the report; a detail belongs to the row above it.</summary>
public sealed record KpiRow(string Label, string Value, bool Detail = false);

/// <summary>
/// A key figure of a run: <see cref="Name"/> as in summary.json and in assertions, <see cref="Label"/> for people,
/// its <see cref="Unit"/> (and so its decimals), and how it is computed from the result. The catalogue
/// (<see cref="KpiCatalogue"/>) lists them; summary.json, the report, the terminal table and the assertions read it.
/// </summary>
public abstract record Kpi(string Name, string Label, KpiUnit Unit)
{
    /// <summary>The names an assertion may use for this KPI.</summary>
    public abstract IReadOnlyList<string> MetricNames { get; }

    /// <summary>The values of <see cref="MetricNames"/>, by name.</summary>
    public abstract IEnumerable<KeyValuePair<string, double>> Metrics(SimulationResult result);

    /// <summary>Why <paramref name="site"/> cannot give <paramref name="metric"/> (one of <see cref="MetricNames"/>); null when it can.</summary>
    public virtual string? Unavailable(string metric, SiteSpec site) => null;

    /// <summary>Writes the KPI as a property of the object being written.</summary>
    public abstract void Write(Utf8JsonWriter json, SimulationResult result);

    /// <summary>The KPI as rows for people.</summary>
    public abstract IEnumerable<KpiRow> Rows(SimulationResult result);
}

/// <summary>One number.</summary>
public sealed record ScalarKpi(string Name, string Label, KpiUnit Unit, Func<SimulationResult, double> Value) : Kpi(Name, Label, Unit)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> MetricNames => [Name];

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, double>> Metrics(SimulationResult result) => [KeyValuePair.Create(Name, Value(result))];

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter json, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumber(Name, Unit.Rounded(Value(result)));
    }

    /// <inheritdoc />
    public override IEnumerable<KpiRow> Rows(SimulationResult result) => [new(Label, Unit.Shown(Value(result)))];
}

/// <summary>One number per phase (L1, L2, L3): assertions name the largest <c>Name</c> and each <c>Name.L1</c> ...</summary>
public sealed record PhaseKpi(string Name, string Label, KpiUnit Unit, Func<SimulationResult, IReadOnlyList<double>> Values) : Kpi(Name, Label, Unit)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> MetricNames => [Name, .. PhaseNames.Select(p => $"{Name}.{p}")];

    private static IEnumerable<string> PhaseNames => Enumerable.Range(1, PhaseSet.PhaseCount).Select(p => $"L{p}");

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, double>> Metrics(SimulationResult result)
    {
        var values = Values(result);
        return MetricNames.Zip([values.Max(), .. values], KeyValuePair.Create);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter json, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray(Name);
        foreach (var value in Values(result))
        {
            json.WriteNumberValue(Unit.Rounded(value));
        }

        json.WriteEndArray();
    }

    /// <inheritdoc />
    public override IEnumerable<KpiRow> Rows(SimulationResult result) =>
        [new(Label, string.Join(", ", PhaseNames.Zip(Values(result), (phase, v) => $"{phase} {Unit.Shown(v)}")))];
}

/// <summary>
/// One number per limit that was exceeded, by limit name. Which limits a site has depends on the site, so assertions
/// do not name them: this KPI has no metric.
/// </summary>
public sealed record LimitKpi(string Name, string Label, KpiUnit Unit, Func<SimulationResult, IReadOnlyDictionary<string, double>> Values) : Kpi(Name, Label, Unit)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> MetricNames => [];

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, double>> Metrics(SimulationResult result) => [];

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter json, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        var values = Sorted(result);
        json.WriteStartObject(Name);
        foreach (var (limit, value) in values)
        {
            json.WriteNumber(limit, Unit.Rounded(value));
        }

        json.WriteEndObject();

        // The keys are stable ids; the words for people beside them, so a renamed label never breaks a consumer.
        json.WriteStartObject(Name + "Names");
        foreach (var (limit, _) in values)
        {
            json.WriteString(limit, LimitIds.Describe(limit));
        }

        json.WriteEndObject();
    }

    /// <inheritdoc />
    public override IEnumerable<KpiRow> Rows(SimulationResult result)
    {
        var values = Sorted(result);
        return [new(Label, values.Count == 0 ? "none" : string.Empty), .. values.Select(kv => new KpiRow(LimitIds.Describe(kv.Key), Unit.Shown(kv.Value), Detail: true))];
    }

    private List<KeyValuePair<string, double>> Sorted(SimulationResult result) => [.. Values(result).OrderBy(kv => kv.Key, StringComparer.Ordinal)];
}
