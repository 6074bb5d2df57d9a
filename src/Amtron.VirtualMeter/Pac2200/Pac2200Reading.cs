using Amtron.Dlm.Decision;
using Amtron.Dlm.Units;

namespace Amtron.VirtualMeter.Pac2200;

/// <summary>How trustworthy a reading is.</summary>
public enum ReadingStatus
{
    /// <summary>The meter answered with fresh values.</summary>
    Ok,

    /// <summary>The meter answered, but nothing it reports has changed for longer than the stale limit (a frozen meter).</summary>
    Stale,

    /// <summary>The meter did not answer, or answered with an error; the values are not meaningful.</summary>
    Failed,
}

/// <summary>
/// One reading of a PAC2200: currents signed by the direction of each phase's active power (negative = export),
/// voltages, powers, frequency, energies, digital input. A failed reading carries the reason instead of values.
/// </summary>
public sealed record Pac2200Reading(DateTimeOffset Time, ReadingStatus Status)
{
    /// <summary>Every value read, decoded as its <see cref="Pac2200Map"/> entry says (empty when the reading failed).</summary>
    public IReadOnlyDictionary<Pac2200Register, double> Values { get; init; } = new Dictionary<Pac2200Register, double>();

    /// <summary>Phase currents, negative while the phase exports (rounded to the milliamp, as the DLM takes them).</summary>
    public PhaseCurrents Currents { get; init; }

    /// <summary>Phase currents in A as the meter's float32 registers give them, signed as <see cref="Currents"/> (empty when the reading failed).</summary>
    public IReadOnlyList<double> CurrentsA { get; init; } = [];

    /// <summary>Voltages L1-N, L2-N, L3-N.</summary>
    public IReadOnlyList<Volts> Voltages { get; init; } = [];

    /// <summary>Active power per phase (W, signed).</summary>
    public IReadOnlyList<double> ActivePowerW { get; init; } = [];

    /// <summary>Total active power (W, signed).</summary>
    public double TotalActivePowerW { get; init; }

    /// <summary>Grid frequency (Hz).</summary>
    public double FrequencyHz { get; init; }

    /// <summary>Active energy imported, tariffs 1 and 2 together (Wh).</summary>
    public double ImportWh { get; init; }

    /// <summary>Active energy exported, tariffs 1 and 2 together (Wh).</summary>
    public double ExportWh { get; init; }

    /// <summary>Digital input 0.</summary>
    public bool DigitalInput { get; init; }

    /// <summary>Why the reading failed (null when it did not).</summary>
    public string? Error { get; init; }

    /// <summary>What the DLM master takes from it: the phase currents, or a failed reading (stale counts as failed).</summary>
    public MeterReading ToMeterReading() => Status == ReadingStatus.Ok ? MeterReading.Of(Currents) : MeterReading.Failed;
}
