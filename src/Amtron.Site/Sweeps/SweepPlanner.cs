using Amtron.Site.Scenarios;

namespace Amtron.Site.Sweeps;

/// <summary>A sweep expanded: every variant, and the hashes that tie results to the sweep and base they came from.</summary>
/// <param name="Sweep">The sweep file.</param>
/// <param name="SweepHash">SHA-256 of the sweep file's text and the base scenario's text.</param>
/// <param name="BaseSha256">SHA-256 of the base scenario's text (as a run's summary.json gives it).</param>
/// <param name="Variants">In expansion order: the grid (first axis slowest), then the zip, then the replicate.</param>
public sealed record SweepPlan(SweepFile Sweep, string SweepHash, string BaseSha256, IReadOnlyList<SweepVariant> Variants);

/// <summary>Expands a sweep into its variants and checks that every one is a valid scenario.</summary>
public static class SweepPlanner
{
    /// <summary>The variants, with their seeds and hashes: a pure function of the sweep file's and the base's text.</summary>
    public static SweepPlan Expand(SweepFile sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var baseSha = SweepSeeds.Sha256(sweep.BaseText);
        var dimensions = sweep.Grid.Select(a => a.Values.Count).Append(sweep.Zip.Count > 0 ? sweep.Zip[0].Values.Count : 1).ToArray();
        var combinations = dimensions.Aggregate(1, (product, count) => product * count);
        var variants = new List<SweepVariant>(combinations * sweep.Replicates);
        var digits = new int[dimensions.Length];
        for (var c = 0; c < combinations; c++)
        {
            // Mixed-radix digits of c, the last dimension fastest.
            var rest = c;
            for (var d = dimensions.Length - 1; d >= 0; d--)
            {
                digits[d] = rest % dimensions[d];
                rest /= dimensions[d];
            }

            List<SweepParameter> parameters =
            [
                .. sweep.Grid.Select((axis, d) => new SweepParameter(axis, axis.Values[digits[d]])),
                .. sweep.Zip.Select(axis => new SweepParameter(axis, axis.Values[digits[^1]])),
            ];
            for (var r = 0; r < sweep.Replicates; r++)
            {
                var seed = SweepSeeds.Seed(sweep.Seed, sweep.SeedMode, r, parameters);
                variants.Add(new SweepVariant(variants.Count, r, parameters, seed, SweepSeeds.VariantHash(baseSha, seed, parameters)));
            }
        }

        return new SweepPlan(sweep, SweepSeeds.Sha256(sweep.Text + "\0" + sweep.BaseText), baseSha, variants);
    }

    /// <summary>
    /// Reads the base scenario as every parameter combination makes it (the replicates of one differ only in their
    /// seed) and throws one <see cref="ScenarioException"/> with every problem, each located where it was written: in
    /// the sweep file for a path that does not exist or a value the reader rejects.
    /// </summary>
    public static void Validate(SweepPlan plan, IReadOnlyCollection<string>? metrics, int jobs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sweep = plan.Sweep;
        var firsts = plan.Variants.Where(v => v.Replicate == 0).ToList();
        var problems = new Diagnostic[firsts.Count][];
        Parallel.For(0, firsts.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            try
            {
                ScenarioLoader.Parse(sweep.BaseText, sweep.BaseFile, firsts[i].Overrides(sweep), metrics);
                problems[i] = [];
            }
            catch (ScenarioException e)
            {
                problems[i] = [.. e.Diagnostics];
            }
        });
        var all = problems.SelectMany(p => p).Distinct().ToList();
        if (all.Count > 0)
        {
            throw new ScenarioException(all);
        }
    }
}
