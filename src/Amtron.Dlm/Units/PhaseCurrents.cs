namespace Amtron.Dlm.Units;

/// <summary>One current per grid phase (L1, L2, L3), as the manual's "(L1/L2/L3) [A]" settings.</summary>
public readonly record struct PhaseCurrents(Amps L1, Amps L2, Amps L3)
{
    /// <summary><paramref name="current"/> on each phase of <paramref name="phases"/>, zero on the others.</summary>
    public static PhaseCurrents On(PhaseSet phases, Amps current) => new(
        phases.Contains(Phase.L1) ? current : Amps.Zero,
        phases.Contains(Phase.L2) ? current : Amps.Zero,
        phases.Contains(Phase.L3) ? current : Amps.Zero);

    /// <summary>Zero on every phase.</summary>
    public static PhaseCurrents Zero => default;

    /// <summary>Whole amps per phase.</summary>
    public static PhaseCurrents FromWholeAmps(long l1, long l2, long l3) => new(Amps.From(l1), Amps.From(l2), Amps.From(l3));

    /// <summary>The same whole number of amps on every phase.</summary>
    public static PhaseCurrents Uniform(long wholeAmps) => FromWholeAmps(wholeAmps, wholeAmps, wholeAmps);

    /// <summary>Measured values in amps per phase, rounded to the milliamp.</summary>
    public static PhaseCurrents FromDoubles(double l1, double l2, double l3) =>
        new(Amps.FromDouble(l1), Amps.FromDouble(l2), Amps.FromDouble(l3));

    /// <summary>The current on phase index 0..2.</summary>
    public Amps this[int phaseIndex] => phaseIndex switch
    {
        0 => L1,
        1 => L2,
        2 => L3,
        _ => throw new ArgumentOutOfRangeException(nameof(phaseIndex)),
    };

    /// <summary>The current on a phase.</summary>
    public Amps this[Phase phase] => this[(int)phase];

    /// <summary>Phase-wise minimum.</summary>
    public static PhaseCurrents Min(PhaseCurrents a, PhaseCurrents b) =>
        new(Amps.Min(a.L1, b.L1), Amps.Min(a.L2, b.L2), Amps.Min(a.L3, b.L3));

    /// <summary>Every phase clamped at zero from below.</summary>
    public PhaseCurrents NonNegative => new(L1.NonNegative, L2.NonNegative, L3.NonNegative);

    /// <summary>Largest minus smallest phase current.</summary>
    public Amps Spread => Amps.Max(Amps.Max(L1, L2), L3) - Amps.Min(Amps.Min(L1, L2), L3);

    /// <summary>True when any phase is below zero.</summary>
    public bool AnyNegative => L1 < Amps.Zero || L2 < Amps.Zero || L3 < Amps.Zero;

#pragma warning disable CS1591 // Operators are self-describing.
    public static PhaseCurrents operator +(PhaseCurrents a, PhaseCurrents b) => new(a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3);
    public static PhaseCurrents operator -(PhaseCurrents a, PhaseCurrents b) => new(a.L1 - b.L1, a.L2 - b.L2, a.L3 - b.L3);
#pragma warning restore CS1591

    /// <inheritdoc />
    public override string ToString() => $"[{L1}, {L2}, {L3}]";
}
