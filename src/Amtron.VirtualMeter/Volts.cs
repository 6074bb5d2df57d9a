namespace Amtron.VirtualMeter;

/// <summary>A voltage (RMS).</summary>
public readonly record struct Volts(double Value)
{
    /// <summary>The nominal line-to-neutral voltage of a European low-voltage grid.</summary>
    public static Volts Nominal => new(230);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Value:0.##} V");
}
