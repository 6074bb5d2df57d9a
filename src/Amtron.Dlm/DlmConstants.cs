using Amtron.Dlm.Units;

namespace Amtron.Dlm;

/// <summary>Fixed numbers of the charging standard and the device.</summary>
public static class DlmConstants
{
    /// <summary>IEC 61851-1: below 6 A a vehicle must not charge, so a point gets 0 or at least this.</summary>
    public const long MinimumChargingCurrentWholeAmps = 6;

    /// <summary>The minimum charging current as a quantity.</summary>
    public static readonly Amps MinimumChargingCurrent = Amps.From(MinimumChargingCurrentWholeAmps);
}
