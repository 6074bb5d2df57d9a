using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Cli.Allocate;

/// <summary>
/// One request line as System.Text.Json reads it (docs/allocate.md): shapes only. Null means "not given"; the
/// settings are checked by <see cref="DlmSettingsRules"/>, the rest by <see cref="AllocateRequestReader"/>.
/// </summary>
internal sealed class AllocateRequestJson
{
    public required DlmSettingsDraft Settings { get; init; }

    public string? TimeUtc { get; init; }

    public MeterJson? Meter { get; init; }

    public bool? DigitalInputActive { get; init; }

    public IReadOnlyList<ChargePointJson?>? ChargePoints { get; init; }
}

/// <summary>An external meter reading: <c>{"currents":[L1, L2, L3]}</c> or <c>{"failed":true}</c>.</summary>
internal sealed class MeterJson
{
    public PhaseValues? Currents { get; init; }

    public bool? Failed { get; init; }
}

/// <summary>One charge point of a request, in priority order.</summary>
internal sealed class ChargePointJson
{
    public required string Id { get; init; }

    public required double InstallationCurrentLimit { get; init; }

    public required PhaseSet Phases { get; init; }

    public bool? Requesting { get; init; }

    public double? MaxCurrent { get; init; }

    public PhaseValues? MeasuredCurrents { get; init; }
}
