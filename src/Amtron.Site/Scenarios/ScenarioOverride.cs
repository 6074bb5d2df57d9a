namespace Amtron.Site.Scenarios;

/// <summary>
/// One change to a scenario before it is read (<c>amtron run --set PATH=VALUE</c>, <c>--seed N</c>, a sweep's
/// variant): <paramref name="Path"/> names a value by keys and list indexes (<c>networks[0].settings.evseSubDistributionLimit</c>),
/// <paramref name="Value"/> is YAML (<c>80</c>, <c>[63, 80, 100]</c>, <c>roundRobin</c>). Errors in it are located at
/// <paramref name="Label"/> (what the user wrote), line 1, the column within it.
/// </summary>
/// <param name="Path">Dotted keys and [index]es from the top of the scenario.</param>
/// <param name="Value">The new value, as YAML.</param>
/// <param name="Label">What the user wrote, e.g. <c>--set networks[0].queueing=fifo</c>; errors name it as their file.</param>
/// <param name="PathColumn">The 1-based column of the path's first character within <paramref name="Label"/>.</param>
/// <param name="ValueColumn">The 1-based column of the value's first character within <paramref name="Label"/>.</param>
public sealed record ScenarioOverride(string Path, string Value, string Label, int PathColumn, int ValueColumn)
{
    /// <summary>How the override is shown in a run's results (summary.json <c>overrides</c>); null: <see cref="Label"/>.</summary>
    public string? Shown { get; init; }

    /// <summary>The line of <see cref="Label"/> the path is on (a sweep file's axis; 1 for a command-line option).</summary>
    public int Line { get; init; } = 1;

    /// <summary>
    /// Where the value is, when it is not on <see cref="Line"/> at <see cref="ValueColumn"/> as written: a sweep file's
    /// value node, whose text the override carries in canonical form. Every error in the value is then located there.
    /// </summary>
    public (int Line, int Column)? ValuePlace { get; init; }

    /// <summary>
    /// <c>PATH=VALUE</c> as given to <c>--set</c> (split at the first <c>=</c>), or null with the problem when it is
    /// not that.
    /// </summary>
    public static ScenarioOverride? FromAssignment(string assignment, out string problem)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        const string Option = "--set ";
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            problem = $"--set '{assignment}': expected PATH=VALUE, e.g. networks[0].settings.evseSubDistributionLimit=[80, 80, 80]";
            return null;
        }

        problem = string.Empty;
        return new ScenarioOverride(assignment[..equals], assignment[(equals + 1)..], Option + assignment, Option.Length + 1, Option.Length + equals + 2);
    }

    /// <summary>The scenario's seed (<c>--seed N</c>).</summary>
    public static ScenarioOverride Seed(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        const string Option = "--seed ";
        return new ScenarioOverride("seed", seed, Option + seed, 1, Option.Length + 1);
    }
}
