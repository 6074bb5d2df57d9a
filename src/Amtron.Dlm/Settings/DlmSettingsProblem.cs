namespace Amtron.Dlm.Settings;

/// <summary>What kind of problem a settings value has.</summary>
public enum DlmSettingsProblemKind
{
    /// <summary>A value is missing, of the wrong shape or out of range: the settings cannot be built.</summary>
    InvalidValue,

    /// <summary>
    /// Every value is valid on its own, but two disagree with a rule of the manual (the Operator limit above the
    /// Sub-Distribution Limit). A planning tool may report it as a finding; the settings are still built.
    /// </summary>
    Contradiction,
}

/// <summary>
/// One problem with the DLM settings as written.
/// </summary>
/// <param name="Path">
/// Where, relative to the settings: field names joined by dots, array items as [index]
/// (<c>maximumCurrentScheduler[1].limit[2]</c>); empty for the value as a whole.
/// </param>
/// <param name="Message">What is wrong, starting lower case (e.g. "must be a whole number, not 10.5").</param>
/// <param name="Kind">Whether the settings could still be built.</param>
public sealed record DlmSettingsProblem(string Path, string Message, DlmSettingsProblemKind Kind = DlmSettingsProblemKind.InvalidValue);
