using System.Globalization;
using System.Runtime.CompilerServices;

namespace Amtron.Dlm.Units;

/// <summary>
/// An electric current, stored as whole milliamps so sums, differences and comparisons are exact.
/// The DLM signals whole amps; meters report finer values, which are rounded to the nearest milliamp.
/// </summary>
public readonly record struct Amps : IComparable<Amps>
{
    /// <summary>Milliamps per amp.</summary>
    public const long MilliampsPerAmp = 1000;

    private Amps(long milliamps) => Milliamps = milliamps;

    /// <summary>The current in milliamps.</summary>
    public long Milliamps { get; }

    /// <summary>Zero amps.</summary>
    public static Amps Zero => default;

    /// <summary>A current of a whole number of amps.</summary>
    public static Amps From(long wholeAmps) => new(checked(wholeAmps * MilliampsPerAmp));

    /// <summary>A current from a measured value in amps, rounded to the nearest milliamp.</summary>
    public static Amps FromDouble(double amps)
    {
        if (!double.IsFinite(amps))
        {
            throw new ArgumentOutOfRangeException(nameof(amps), amps, "A current must be a finite number.");
        }

        return new(checked((long)Math.Round(amps * MilliampsPerAmp, MidpointRounding.AwayFromZero)));
    }

    /// <summary>A current of the given number of milliamps.</summary>
    public static Amps FromMilliamps(long milliamps) => new(milliamps);

    /// <summary>The largest whole number of amps not above this current.</summary>
    public long FloorWholeAmps
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Math.DivRem(Milliamps, MilliampsPerAmp, out var rest) - (rest < 0 ? 1 : 0);
    }

    /// <summary>The current in amps as a floating-point number (for display and reports).</summary>
    public double Value => Milliamps / (double)MilliampsPerAmp;

    /// <summary>This current, or zero if it is negative.</summary>
    // Stryker disable once Equality : at 0 mA both branches give 0 A
    public Amps NonNegative => Milliamps < 0 ? Zero : this;

    /// <summary>The smaller of two currents.</summary>
    // Stryker disable once Equality : on a tie both operands are the same current
    public static Amps Min(Amps a, Amps b) => a.Milliamps <= b.Milliamps ? a : b;

    /// <summary>The larger of two currents.</summary>
    // Stryker disable once Equality : on a tie both operands are the same current
    public static Amps Max(Amps a, Amps b) => a.Milliamps >= b.Milliamps ? a : b;

#pragma warning disable CS1591 // Operators are self-describing.
    public static Amps operator +(Amps a, Amps b) => new(checked(a.Milliamps + b.Milliamps));
    public static Amps operator -(Amps a, Amps b) => new(checked(a.Milliamps - b.Milliamps));
    public static Amps operator -(Amps a) => new(checked(-a.Milliamps));
    public static Amps operator *(Amps a, long factor) => new(checked(a.Milliamps * factor));
    public static bool operator <(Amps a, Amps b) => a.Milliamps < b.Milliamps;
    public static bool operator >(Amps a, Amps b) => a.Milliamps > b.Milliamps;
    public static bool operator <=(Amps a, Amps b) => a.Milliamps <= b.Milliamps;
    public static bool operator >=(Amps a, Amps b) => a.Milliamps >= b.Milliamps;
#pragma warning restore CS1591

    /// <inheritdoc />
    public int CompareTo(Amps other) => Milliamps.CompareTo(other.Milliamps);

    /// <inheritdoc />
    public override string ToString() => ((decimal)Milliamps / MilliampsPerAmp).ToString(CultureInfo.InvariantCulture) + " A";
}
