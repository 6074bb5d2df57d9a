namespace Amtron.Site.Scenarios;

/// <summary>
/// The problems found while reading a file and the files it names, collected so that one run reports all of them;
/// <see cref="ThrowIfAny"/> ends the reading with one <see cref="ScenarioException"/> that carries them all.
/// </summary>
public sealed class DiagnosticList
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Problems reported so far; compare two counts to learn whether a step found any.</summary>
    public int Count => _items.Count;

    /// <summary>Adds a problem.</summary>
    public void Add(string file, long line, long column, string problem) => _items.Add(new Diagnostic(file, line, column, problem));

    /// <summary>Throws a <see cref="ScenarioException"/> with every problem, if there is one.</summary>
    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new ScenarioException(_items);
        }
    }
}
