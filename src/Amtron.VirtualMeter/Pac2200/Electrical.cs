namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// The quantities a PAC2200 derives from per-phase current, voltage and power factor, assuming a symmetric
/// three-phase system (phases 120° apart) for the line-to-line voltages and the neutral current: P = U·I·PF (signed
/// with the current), S = U·|I|, Q = √(S² − P²). Which register shows which quantity is <see cref="Pac2200Map"/>'s.
/// </summary>
internal readonly struct Electrical
{
    private readonly double[] _voltage = new double[3];
    private readonly double[] _current = new double[3];
    private readonly double[] _active = new double[3];
    private readonly double[] _apparent = new double[3];
    private readonly double[] _reactive = new double[3];
    private readonly double[] _powerFactor = new double[3];

    public Electrical(MeterSample sample)
    {
        for (var p = 0; p < 3; p++)
        {
            var signed = sample.Currents[p].Value;
            _voltage[p] = sample.Voltages[p].Value;
            _current[p] = Math.Abs(signed);
            _powerFactor[p] = Math.Clamp(Math.Abs(sample.PowerFactors[p]), 0, 1);
            _apparent[p] = _voltage[p] * _current[p];
            _active[p] = Math.Sign(signed) * _apparent[p] * _powerFactor[p];
            _reactive[p] = Math.Sqrt(Math.Max(0, (_apparent[p] * _apparent[p]) - (_active[p] * _active[p])));
        }

        Frequency = sample.FrequencyHz;
    }

    public double Frequency { get; }

    public double AverageVoltage => (_voltage[0] + _voltage[1] + _voltage[2]) / 3;

    public double AverageLineToLine => (LineToLine(0) + LineToLine(1) + LineToLine(2)) / 3;

    public double AverageCurrent => (_current[0] + _current[1] + _current[2]) / 3;

    public double TotalApparentPower => _apparent[0] + _apparent[1] + _apparent[2];

    public double TotalActivePower => _active[0] + _active[1] + _active[2];

    public double TotalReactivePower => _reactive[0] + _reactive[1] + _reactive[2];

    /// <summary>|P| / S over the three phases; 1 with no load.</summary>
    public double TotalPowerFactor
    {
        get
        {
            var apparent = TotalApparentPower;
            return apparent > 0 ? Math.Abs(TotalActivePower) / apparent : 1;
        }
    }

    /// <summary>|I1 + I2·e^(−j120°) + I3·e^(j120°)| for in-phase currents.</summary>
    public double Neutral
    {
        get
        {
            var (a, b, c) = (_current[0], _current[1], _current[2]);
            return Math.Sqrt(Math.Max(0, (a * a) + (b * b) + (c * c) - (a * b) - (b * c) - (c * a)));
        }
    }

    /// <summary>Voltage line to neutral of phase <paramref name="phase"/> (0..2).</summary>
    public double Voltage(int phase) => _voltage[phase];

    /// <summary>Current magnitude.</summary>
    public double Current(int phase) => _current[phase];

    public double ApparentPower(int phase) => _apparent[phase];

    /// <summary>Active power, negative while the phase exports.</summary>
    public double ActivePower(int phase) => _active[phase];

    public double ReactivePower(int phase) => _reactive[phase];

    public double PowerFactor(int phase) => _powerFactor[phase];

    /// <summary>L1-L2, L2-L3, L3-L1 (index 0..2) from two phase voltages 120° apart: √(Ua² + Ub² + Ua·Ub).</summary>
    public double LineToLine(int index)
    {
        var a = _voltage[index];
        var b = _voltage[(index + 1) % 3];
        return Math.Sqrt((a * a) + (b * b) + (a * b));
    }
}
