namespace Amtron.Site.Scenarios;

/// <summary>A scenario file that cannot be used: where (file:line:col) and what is wrong, as one line.</summary>
public sealed class ScenarioException(string file, long line, long column, string problem)
    : Exception($"{file}:{line}:{column}: {problem}")
{
    /// <summary>The file.</summary>
    public string File { get; } = file;

    /// <summary>1-based line.</summary>
    public long Line { get; } = line;

    /// <summary>1-based column.</summary>
    public long Column { get; } = column;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;
}
