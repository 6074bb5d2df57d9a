using Amtron.Dlm.Units;

namespace Amtron.VirtualMeter;

/// <summary>
/// What a meter measures at one instant, per phase: current (negative while the phase exports), voltage line to
/// neutral, power factor (0..1, the same sign convention as the current), plus the state of digital input 0.
/// </summary>
public sealed record MeterSample(PhaseCurrents Currents)
{
    /// <summary>Nominal frequency of the grid.</summary>
    public const double NominalFrequencyHz = 50;

    /// <summary>Voltage L1-N, L2-N, L3-N.</summary>
    public IReadOnlyList<Volts> Voltages { get; init; } = [Volts.Nominal, Volts.Nominal, Volts.Nominal];

    /// <summary>Power factor per phase (1 = purely resistive).</summary>
    public IReadOnlyList<double> PowerFactors { get; init; } = [1.0, 1.0, 1.0];

    /// <summary>Grid frequency in Hz.</summary>
    public double FrequencyHz { get; init; } = NominalFrequencyHz;

    /// <summary>Digital input 0 (e.g. a ripple-control receiver wired to the meter).</summary>
    public bool DigitalInput { get; init; }
}
