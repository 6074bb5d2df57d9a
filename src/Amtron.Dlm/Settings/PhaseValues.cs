namespace Amtron.Dlm.Settings;

/// <summary>
/// An "(L1/L2/L3) [A]" setting as written, before it is checked: normally one number per phase; <see cref="Same"/>
/// when one number was written for all three phases.
/// </summary>
public sealed class PhaseValues
{
    private readonly double[] _values;

    private PhaseValues(double[] values, bool isSame)
    {
        _values = values;
        IsSame = isSame;
    }

    /// <summary>The numbers as written, one per phase (any count; the rules ask for three).</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>True when one number was written for every phase.</summary>
    public bool IsSame { get; }

    /// <summary>Numbers written per phase, in the order L1, L2, L3.</summary>
    public static PhaseValues Of(params ReadOnlySpan<double> values) => new(values.ToArray(), false);

    /// <summary>One number written for all three phases.</summary>
    public static PhaseValues Same(double value) => new([value, value, value], true);
}
