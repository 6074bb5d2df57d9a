namespace Amtron.Site.Sweeps;

/// <summary>How each variant's seed is derived (docs/sweeps.md).</summary>
public enum SeedMode
{
    /// <summary>From the base seed, the replicate and the parameters that shape the random streams (vehicles, external
    /// loads, the period): variants that differ only in a control (a fuse, a setting) see the same arrivals.</summary>
    Common,

    /// <summary>From the base seed, the replicate and every parameter.</summary>
    Independent,
}

/// <summary>One value of an axis: its canonical text (<see cref="CanonicalYaml"/>) and where it is in the sweep file.</summary>
public sealed record SweepValue(string Text, int Line, int Column);

/// <summary>One parameter of a sweep: a scenario path and its values, with where the path is written.</summary>
public sealed record SweepAxis(string Path, IReadOnlyList<SweepValue> Values, int Line, int Column)
{
    /// <summary>
    /// True when the path shapes the scenario's random streams (generated vehicles, households, the period), so under
    /// <see cref="SeedMode.Common"/> it is part of the seed; every other path is a control.
    /// </summary>
    public bool ShapesRandomStreams => IsRandomStreamPath(Path);

    /// <summary>See <see cref="ShapesRandomStreams"/>.</summary>
    public static bool IsRandomStreamPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.IndexOfAny(['.', '[']);
        var first = end < 0 ? path : path[..end];
        return first is "vehicles" or "externalLoads" or "start" or "duration";
    }
}

/// <summary>
/// A sweep file as read (docs/sweeps.md): the base scenario, the grid (a cartesian product in the listed order), the
/// zipped axes (parallel lists, one more dimension after the grid's), the replicates and the seeding.
/// </summary>
/// <param name="File">The sweep file as named.</param>
/// <param name="Text">Its text.</param>
/// <param name="BasePath">The base scenario as written in the file (relative to the sweep file).</param>
/// <param name="BaseFile">The base scenario's path for opening it.</param>
/// <param name="BaseText">The base scenario's text.</param>
/// <param name="Seed">The base seed.</param>
/// <param name="SeedMode">How each variant's seed is derived.</param>
/// <param name="Replicates">Runs per parameter combination, each with its own seed.</param>
/// <param name="Grid">The grid's axes, in the listed order (the first varies slowest).</param>
/// <param name="Zip">The zipped axes: the i-th values of all of them form one step.</param>
public sealed record SweepFile(
    string File,
    string Text,
    string BasePath,
    string BaseFile,
    string BaseText,
    ulong Seed,
    SeedMode SeedMode,
    int Replicates,
    IReadOnlyList<SweepAxis> Grid,
    IReadOnlyList<SweepAxis> Zip)
{
    /// <summary>Every axis: the grid's, then the zipped ones.</summary>
    public IEnumerable<SweepAxis> Axes => Grid.Concat(Zip);
}
