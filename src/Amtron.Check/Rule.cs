namespace Amtron.Check;

/// <summary>A rule of the installation manual as <c>amtron check</c> applies it.</summary>
/// <param name="Id">Stable id used in the output and in the expected findings of the bundled sites.</param>
/// <param name="Severity">Severity of its findings.</param>
/// <param name="Section">The manual's section it comes from.</param>
/// <param name="Summary">What the rule requires.</param>
public sealed record Rule(string Id, Severity Severity, string Section, string Summary)
{
    /// <summary>A finding of this rule.</summary>
    public Finding At(string station, string message, string fix) => new(Severity, Id, station, message, fix);
}
