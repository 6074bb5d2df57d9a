namespace Amtron.Site.Scenarios;

/// <summary>
/// The problems found while reading a file and the files it names, collected so that one run reports all of them;
/// <see cref="ThrowIfAny"/> ends the reading with one <see cref="ScenarioException"/> that carries them all.
/// </summary>
public sealed class DiagnosticList
{
    /// <summary>
    /// Problems kept with their text; past this only counted (a CSV of a million bad rows would otherwise hold
    /// gigabytes of messages of which the first hundred are shown).
    /// </summary>
    public const int MaximumKept = 10_000;

    private readonly List<Diagnostic> _items = [];
    private int _notKept;

    /// <summary>Problems reported so far; compare two counts to learn whether a step found any.</summary>
    public int Count => _items.Count + _notKept;

    /// <summary>Adds a problem.</summary>
    public void Add(string file, long line, long column, string problem)
    {
        if (_items.Count < MaximumKept)
        {
            _items.Add(new Diagnostic(file, line, column, problem));
        }
        else
        {
            _notKept++;
        }
    }

    /// <summary>Throws a <see cref="ScenarioException"/> with every problem kept (and the count of the others), if there is one.</summary>
    public void ThrowIfAny()
    {
        if (Count > 0)
        {
            throw new ScenarioException(_items, _notKept);
        }
    }
}
