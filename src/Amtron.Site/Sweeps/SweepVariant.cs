using System.Globalization;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Sweeps;

/// <summary>One value of one axis in a variant.</summary>
public sealed record SweepParameter(SweepAxis Axis, SweepValue Value)
{
    /// <summary><c>PATH=VALUE</c>, as <c>amtron run --set</c> takes it.</summary>
    public string Assignment => $"{Axis.Path}={Value.Text}";
}

/// <summary>
/// One run of a sweep: its parameters, its replicate and the seed derived from them (<see cref="SweepSeeds"/>), and
/// the hash of everything that decides its result besides the tool (<see cref="SweepSeeds.VariantHash"/>).
/// </summary>
/// <param name="Id">Its position in the expansion: a label, and the key for sharding (variant v runs in shard v mod N).</param>
/// <param name="Replicate">0 .. replicates - 1.</param>
/// <param name="Parameters">One per axis, in the sweep's order.</param>
/// <param name="Seed">The scenario seed it runs with.</param>
/// <param name="Hash">SHA-256 (hex) of the base scenario, the parameters and the seed.</param>
public sealed record SweepVariant(int Id, int Replicate, IReadOnlyList<SweepParameter> Parameters, ulong Seed, string Hash)
{
    /// <summary>The name of its results folder under <c>runs/</c>.</summary>
    public string FolderName => FolderNameOf(Id);

    /// <summary>The results folder name of variant <paramref name="id"/>.</summary>
    public static string FolderNameOf(int id) => string.Create(CultureInfo.InvariantCulture, $"v{id:D6}");

    /// <summary>The overrides that make the base scenario this variant; errors in them are located in the sweep file.</summary>
    public IReadOnlyList<ScenarioOverride> Overrides(SweepFile sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var seed = Seed.ToString(CultureInfo.InvariantCulture);
        return
        [
            .. Parameters.Select(p => new ScenarioOverride(p.Axis.Path, p.Value.Text, sweep.File, p.Axis.Column, p.Value.Column)
            {
                Line = p.Axis.Line,
                ValuePlace = (p.Value.Line, p.Value.Column),
                Shown = p.Assignment,
            }),
            new ScenarioOverride("seed", seed, sweep.File, 1, 1) { Shown = $"seed={seed}" },
        ];
    }
}
