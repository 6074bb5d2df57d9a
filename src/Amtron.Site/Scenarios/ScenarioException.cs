namespace Amtron.Site.Scenarios;

/// <summary>
/// A scenario, site or data file that cannot be used: every problem found, each as one line <c>file:line:col: problem</c>,
/// sorted by file (in the order they were first named), line and column. The message shows the first
/// <see cref="MaximumShown"/> and then how many more there are.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Most problems the message lists.</summary>
    public const int MaximumShown = 100;

    /// <summary>One problem.</summary>
    public ScenarioException(string file, long line, long column, string problem)
        : this([new Diagnostic(file, line, column, problem)])
    {
    }

    /// <summary>Several problems (at least one), in any order; <paramref name="notKept"/> more were found but not kept.</summary>
    public ScenarioException(IEnumerable<Diagnostic> diagnostics, int notKept = 0)
        : this(Sorted(diagnostics), notKept)
    {
    }

    private ScenarioException(Diagnostic[] sorted, int notKept)
        : base(Format(sorted, notKept))
    {
        Diagnostics = sorted;
        NotKept = notKept;
    }

    /// <summary>Every problem kept, sorted (all of them up to <see cref="DiagnosticList.MaximumKept"/>).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Problems found past <see cref="DiagnosticList.MaximumKept"/>: counted, their text not kept.</summary>
    public int NotKept { get; }

    /// <summary>The file of the first problem.</summary>
    public string File => Diagnostics[0].File;

    /// <summary>1-based line of the first problem.</summary>
    public long Line => Diagnostics[0].Line;

    /// <summary>1-based column of the first problem.</summary>
    public long Column => Diagnostics[0].Column;

    /// <summary>What is wrong at the first problem, without the location.</summary>
    public string Problem => Diagnostics[0].Problem;

    private static Diagnostic[] Sorted(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var list = diagnostics.Distinct().ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A scenario exception needs at least one problem.", nameof(diagnostics));
        }

        var files = list.Select(d => d.File).Distinct(StringComparer.Ordinal).ToList();
        return [.. list.OrderBy(d => files.IndexOf(d.File)).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Problem, StringComparer.Ordinal)];
    }

    private static string Format(Diagnostic[] sorted, int notKept)
    {
        var lines = sorted.Take(MaximumShown).Select(d => d.ToString()).ToList();
        var more = sorted.Length - lines.Count + notKept;
        if (more > 0)
        {
            lines.Add($"... and {more} more");
        }

        return string.Join('\n', lines);
    }
}
