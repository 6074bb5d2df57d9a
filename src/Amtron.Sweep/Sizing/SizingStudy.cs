using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Site.Scenarios;
using Amtron.Site.Sweeps;

namespace Amtron.Sweep.Sizing;

/// <summary>What <c>amtron size</c> is asked.</summary>
/// <param name="SweepPath">The sweep file: base, the other axes, replicates and seeding.</param>
/// <param name="AxisPath">The grid axis to size (numbers).</param>
/// <param name="Target">What each run must meet.</param>
/// <param name="Quantile">The share of replicates that must meet it (0.9: 9 days in 10).</param>
/// <param name="ListedOnly">Only the axis's listed values; else every whole number between its smallest and largest.</param>
/// <param name="Jobs">Runs at once.</param>
public sealed record SizingRequest(string SweepPath, string AxisPath, SizingTarget Target, double Quantile, bool ListedOnly, int Jobs);

/// <summary>One value of the axis, tried on every replicate.</summary>
/// <param name="Value">The axis value.</param>
/// <param name="Quantities">The target's quantity per replicate (null: nothing to judge, e.g. no session that day, counted as met).</param>
/// <param name="Seeds">The seed of each replicate's run.</param>
/// <param name="Holding">Replicates that meet the target.</param>
public sealed record SizingProbe(double Value, IReadOnlyList<double?> Quantities, IReadOnlyList<ulong> Seeds, int Holding)
{
    /// <summary>The share of replicates that meet the target.</summary>
    public double Share => (double)Holding / Quantities.Count;
}

/// <summary>The answer for one combination of the other axes.</summary>
/// <param name="Others">The other axes' values (empty when the sized axis is the only one).</param>
/// <param name="Smallest">The smallest axis value meeting the target in the asked share of replicates; null when even the largest does not.</param>
/// <param name="Probes">Every value tried, in order.</param>
/// <param name="Monotone">False when a tried value above the answer missed the target (then the answer is the smallest from which every larger tried value meets it).</param>
public sealed record SizingAnswer(IReadOnlyList<SweepParameter> Others, double? Smallest, IReadOnlyList<SizingProbe> Probes, bool Monotone)
{
    /// <summary>The other axes as PATH=VALUE, or "all" when there are none.</summary>
    public string Label => Others.Count == 0 ? "all" : string.Join(", ", Others.Select(o => o.Assignment));
}

/// <summary>A finished study.</summary>
public sealed record SizingResult(SweepPlan Plan, SweepAxis Axis, SizingRequest Request, IReadOnlyList<SizingAnswer> Answers, int Runs);

/// <summary>A request the sweep cannot answer (not an axis of numbers, a share outside 0..1).</summary>
public sealed class SizingException(string message) : Exception(message);

/// <summary>
/// <c>amtron size</c>: the smallest value of one axis for which a target holds in a share of replicates, for each
/// combination of the other axes. Every listed value is tried (the curve of the plot, and the bracket); between the
/// largest listed value that misses and the smallest that meets, whole numbers are bisected (or, with listed values
/// only, the listed one is the answer). Each try runs every replicate with the sweep's seeds: under
/// <c>seedMode: common</c> the axis is a control, so every value sees the same days (common random numbers) and
/// the comparison between two values is the axis's alone. The target is assumed to hold from some value on; a tried
/// value above the answer that misses is reported.
/// </summary>
public static class SizingStudy
{
    /// <summary>Runs the study; a bad sweep throws <see cref="ScenarioException"/>, a bad request <see cref="SizingException"/>.</summary>
    public static SizingResult Run(SizingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.Quantile > 0 && request.Quantile <= 1))
        {
            throw new SizingException($"--quantile must be above 0 and at most 1 (the share of replicates that must meet the target), not {request.Quantile.ToString(CultureInfo.InvariantCulture)}");
        }

        var plan = SweepPlanner.Expand(SweepReader.Read(request.SweepPath));
        var sweep = plan.Sweep;
        var axis = sweep.Grid.FirstOrDefault(a => a.Path == request.AxisPath)
            ?? throw new SizingException($"--over {request.AxisPath}: not an axis of the sweep's grid (its grid: {string.Join(", ", sweep.Grid.Select(a => a.Path).DefaultIfEmpty("none"))})");
        var listed = axis.Values.Select(v => (Value: v, Number: CanonicalYaml.Number(v.Text))).ToList();
        if (listed.Any(v => v.Number is null))
        {
            throw new SizingException($"--over {axis.Path}: its values must be numbers, and {listed.First(v => v.Number is null).Value.Text} is not");
        }

        SweepPlanner.Validate(plan, KpiCatalogue.MetricNames, request.Jobs);
        var values = listed.OrderBy(v => v.Number).Select(v => (v.Value, Number: v.Number!.Value)).ToList();
        var whole = !request.ListedOnly && values.All(v => v.Number == Math.Floor(v.Number) && Math.Abs(v.Number) < 1e9);
        var runs = 0;
        var answers = new List<SizingAnswer>();
        foreach (var others in OtherCombinations(plan, axis))
        {
            var probes = new SortedDictionary<double, SizingProbe>();
            void Try(IReadOnlyList<(SweepValue Value, double Number)> tried)
            {
                foreach (var probe in Probe(sweep, axis, others, tried, request))
                {
                    probes[probe.Value] = probe;
                    runs += probe.Quantities.Count;
                }
            }

            bool Holds(double value) => probes[value].Share >= request.Quantile;
            Try(values);
            // The smallest listed value from which every larger listed value meets the target.
            var from = values.Count;
            while (from > 0 && Holds(values[from - 1].Number))
            {
                from--;
            }

            double? smallest = from < values.Count ? values[from].Number : null;
            if (whole && from > 0 && from < values.Count)
            {
                // Bisect the whole numbers between the last listed value that misses and the first that meets.
                var (low, high) = ((long)values[from - 1].Number, (long)values[from].Number);
                while (high - low > 1)
                {
                    var middle = low + ((high - low) / 2);
                    var text = middle.ToString(CultureInfo.InvariantCulture);
                    Try([(new SweepValue(text, values[from].Value.Line, values[from].Value.Column), middle)]);
                    (low, high) = Holds(middle) ? (low, middle) : (middle, high);
                }

                smallest = high;
            }

            var monotone = smallest is not { } answer || probes.Values.Where(p => p.Value > answer).All(p => p.Share >= request.Quantile);
            answers.Add(new SizingAnswer(others, smallest, [.. probes.Values], monotone));
        }

        return new SizingResult(plan, axis, request, answers, runs);
    }

    /// <summary>Each combination of the other axes' values, in the sweep's order (one empty one without other axes).</summary>
    private static IEnumerable<IReadOnlyList<SweepParameter>> OtherCombinations(SweepPlan plan, SweepAxis axis) =>
        plan.Variants.Where(v => v.Replicate == 0)
            .Select(v => (IReadOnlyList<SweepParameter>)[.. v.Parameters.Where(p => p.Axis != axis)])
            .DistinctBy(others => string.Join("\n", others.Select(o => o.Assignment)));

    /// <summary>Every replicate of every tried value, run at once on <see cref="SizingRequest.Jobs"/> threads.</summary>
    private static List<SizingProbe> Probe(SweepFile sweep, SweepAxis axis, IReadOnlyList<SweepParameter> others, IReadOnlyList<(SweepValue Value, double Number)> tried, SizingRequest request)
    {
        var replicates = sweep.Replicates;
        var quantities = new double?[tried.Count * replicates];
        var seeds = new ulong[tried.Count * replicates];
        Parallel.For(0, quantities.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Jobs) }, i =>
        {
            var (value, _) = tried[i / replicates];
            var replicate = i % replicates;
            // The axis in its place among the others, as a variant of the sweep would have it.
            var parameters = sweep.Axes.Select(a => a == axis ? new SweepParameter(axis, value) : others.First(o => o.Axis == a)).ToList();
            var seed = SweepSeeds.Seed(sweep.Seed, sweep.SeedMode, replicate, parameters);
            var variant = new SweepVariant(-1, replicate, parameters, seed, SweepSeeds.VariantHash(string.Empty, seed, parameters));
            var (_, result) = VariantRunner.Simulate(sweep, variant);
            quantities[i] = request.Target.Value(KpiCatalogue.Metrics(result));
            seeds[i] = seed;
        });
        return
        [
            .. tried.Select((t, k) =>
            {
                var mine = quantities.AsSpan(k * replicates, replicates).ToArray();
                return new SizingProbe(t.Number, mine, seeds.AsSpan(k * replicates, replicates).ToArray(), mine.Count(q => q is not { } v || request.Target.Holds(v)));
            }),
        ];
    }
}
