using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Cli.Allocate;

/// <summary>
/// One request line as System.Text.Json reads it (docs/allocate.md): shapes only. Null means "not given"; the
/// settings are checked by <see cref="DlmSettingsRules"/>, the rest (required fields too) by
/// <see cref="AllocateRequestReader"/>. Settable members, no <c>required</c>: the serializer's constructor path for
/// required or init-only members boxes every value and made reading 15-50 % slower than the hand-written reader
/// (docs/performance.md).
/// </summary>
internal sealed class AllocateRequestJson
{
    public DlmSettingsDraft? Settings { get; set; }

    public string? TimeUtc { get; set; }

    public MeterJson? Meter { get; set; }

    public bool? DigitalInputActive { get; set; }

    public IReadOnlyList<ChargePointJson?>? ChargePoints { get; set; }
}

/// <summary>An external meter reading: <c>{"currents":[L1, L2, L3]}</c> or <c>{"failed":true}</c>.</summary>
internal sealed class MeterJson
{
    public PhaseValues? Currents { get; set; }

    public bool? Failed { get; set; }
}

/// <summary>One charge point of a request, in priority order.</summary>
internal sealed class ChargePointJson
{
    public string? Id { get; set; }

    public double? InstallationCurrentLimit { get; set; }

    public PhaseSet? Phases { get; set; }

    public bool? Requesting { get; set; }

    public double? MaxCurrent { get; set; }

    public PhaseValues? MeasuredCurrents { get; set; }
}
