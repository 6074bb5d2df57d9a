namespace Amtron.Site.Scenarios;

/// <summary>One problem in an input file, located as compilers do.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based character column.</param>
/// <param name="Problem">What is wrong, without the location.</param>
public sealed record Diagnostic(string File, long Line, long Column, string Problem)
{
    /// <summary><c>file:line:col: problem</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Problem}";
}
