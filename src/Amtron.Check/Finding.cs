namespace Amtron.Check;

/// <summary>How bad a finding is: an error stops the installation from working as the manual describes.</summary>
public enum Severity
{
    /// <summary>The manual's requirement is broken; <c>amtron check</c> exits 1.</summary>
    Error,

    /// <summary>A recommendation of the manual is not followed, or something cannot be verified.</summary>
    Warning,
}

/// <summary>One violation: which rule, where, what is wrong, and how to fix it.</summary>
/// <param name="Severity">Error or warning (fixed per rule, see <see cref="RuleCatalog"/>).</param>
/// <param name="Rule">The rule's stable id, e.g. <c>static.duplicate-ip</c>.</param>
/// <param name="Station">The station (charging station id) the finding is about.</param>
/// <param name="Message">What is wrong, with the values found.</param>
/// <param name="Fix">What to change.</param>
public sealed record Finding(Severity Severity, string Rule, string Station, string Message, string Fix);
