namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// The quantities a PAC2200 derives from per-phase current, voltage and power factor, assuming a symmetric
/// three-phase system (phases 120° apart) for the line-to-line voltages and the neutral current: P = U·I·PF (signed
/// with the current), S = U·|I|, Q = √(S² − P²).
/// </summary>
internal readonly struct Electrical
{
    private readonly double[] _voltage = new double[3];
    private readonly double[] _current = new double[3];
    private readonly double[] _active = new double[3];
    private readonly double[] _apparent = new double[3];
    private readonly double[] _reactive = new double[3];
    private readonly double[] _powerFactor = new double[3];
    private readonly double _frequency;

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

        _frequency = sample.FrequencyHz;
    }

    public double TotalActivePower => _active[0] + _active[1] + _active[2];

    /// <summary>The float value of a measured-value register (1..71).</summary>
    public double Measured(ushort register) => register switch
    {
        >= 1 and <= 5 => _voltage[(register - 1) / 2],
        >= 7 and <= 11 => LineToLine((register - 7) / 2),
        >= 13 and <= 17 => _current[(register - 13) / 2],
        >= 19 and <= 23 => _apparent[(register - 19) / 2],
        >= 25 and <= 29 => _active[(register - 25) / 2],
        >= 31 and <= 35 => _reactive[(register - 31) / 2],
        >= 37 and <= 41 => _powerFactor[(register - 37) / 2],
        55 => _frequency,
        57 => (_voltage[0] + _voltage[1] + _voltage[2]) / 3,
        59 => (LineToLine(0) + LineToLine(1) + LineToLine(2)) / 3,
        61 => (_current[0] + _current[1] + _current[2]) / 3,
        63 => _apparent[0] + _apparent[1] + _apparent[2],
        65 => TotalActivePower,
        67 => _reactive[0] + _reactive[1] + _reactive[2],
        69 => TotalPowerFactor,
        71 => Neutral,
        _ => 0, // 43..53: not in the sources we have (docs/virtual-meter.md); served as 0.0 so block reads work
    };

    private double TotalPowerFactor
    {
        get
        {
            var apparent = _apparent[0] + _apparent[1] + _apparent[2];
            return apparent > 0 ? Math.Abs(TotalActivePower) / apparent : 1;
        }
    }

    /// <summary>|I1 + I2·e^(−j120°) + I3·e^(j120°)| for in-phase currents.</summary>
    private double Neutral
    {
        get
        {
            var (a, b, c) = (_current[0], _current[1], _current[2]);
            return Math.Sqrt(Math.Max(0, (a * a) + (b * b) + (c * c) - (a * b) - (b * c) - (c * a)));
        }
    }

    /// <summary>L1-L2, L2-L3, L3-L1 from two phase voltages 120° apart: √(Ua² + Ub² + Ua·Ub).</summary>
    private double LineToLine(int index)
    {
        var a = _voltage[index];
        var b = _voltage[(index + 1) % 3];
        return Math.Sqrt((a * a) + (b * b) + (a * b));
    }
}
