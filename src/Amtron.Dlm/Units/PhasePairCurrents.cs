using System.Globalization;
using System.Text;

namespace Amtron.Dlm.Units;

/// <summary>
/// One current per ordered pair of grid phases (p, q), p ≠ q: how much more phase p may weigh than phase q beyond what
/// is modelled. A vehicle whose phases are not known yet draws on its connector's L1, L1 and L2, or all three, so which
/// phase it can make heavier than which depends on the pair, not on one phase alone.
/// </summary>
public readonly record struct PhasePairCurrents
{
    private readonly Amps _l1OverL2;
    private readonly Amps _l1OverL3;
    private readonly Amps _l2OverL1;
    private readonly Amps _l2OverL3;
    private readonly Amps _l3OverL1;
    private readonly Amps _l3OverL2;

    private PhasePairCurrents(Amps l1OverL2, Amps l1OverL3, Amps l2OverL1, Amps l2OverL3, Amps l3OverL1, Amps l3OverL2)
    {
        _l1OverL2 = l1OverL2;
        _l1OverL3 = l1OverL3;
        _l2OverL1 = l2OverL1;
        _l2OverL3 = l2OverL3;
        _l3OverL1 = l3OverL1;
        _l3OverL2 = l3OverL2;
    }

    /// <summary>Zero for every pair.</summary>
    public static PhasePairCurrents Zero => default;

    /// <summary>Each phase p may weigh <paramref name="perPhase"/>[p] more than every other phase.</summary>
    public static PhasePairCurrents OverEveryOther(PhaseCurrents perPhase) =>
        new(perPhase.L1, perPhase.L1, perPhase.L2, perPhase.L2, perPhase.L3, perPhase.L3);

    /// <summary>How much more <paramref name="heavier"/> (index 0..2) may weigh than <paramref name="lighter"/>; zero for a phase with itself.</summary>
    public Amps this[int heavier, int lighter] => (heavier, lighter) switch
    {
        (0, 1) => _l1OverL2,
        (0, 2) => _l1OverL3,
        (1, 0) => _l2OverL1,
        (1, 2) => _l2OverL3,
        (2, 0) => _l3OverL1,
        (2, 1) => _l3OverL2,
        (0, 0) or (1, 1) or (2, 2) => Amps.Zero,
        _ => throw new ArgumentOutOfRangeException(nameof(heavier), $"phase indices are 0..2, not ({heavier}, {lighter})"),
    };

    /// <summary>How much more <paramref name="heavier"/> may weigh than <paramref name="lighter"/>.</summary>
    public Amps this[Phase heavier, Phase lighter] => this[(int)heavier, (int)lighter];

    /// <summary>The same, with the pair (<paramref name="heavier"/>, <paramref name="lighter"/>) set to <paramref name="value"/>.</summary>
    public PhasePairCurrents With(int heavier, int lighter, Amps value)
    {
        _ = this[heavier, lighter];
        ArgumentOutOfRangeException.ThrowIfEqual(heavier, lighter);
        var p = heavier;
        var q = lighter;
        return new(
            (p, q) == (0, 1) ? value : _l1OverL2,
            (p, q) == (0, 2) ? value : _l1OverL3,
            (p, q) == (1, 0) ? value : _l2OverL1,
            (p, q) == (1, 2) ? value : _l2OverL3,
            (p, q) == (2, 0) ? value : _l3OverL1,
            (p, q) == (2, 1) ? value : _l3OverL2);
    }

    /// <summary>Each pair at most <paramref name="most"/>.</summary>
    public PhasePairCurrents AtMost(Amps most) => new(
        Amps.Min(_l1OverL2, most),
        Amps.Min(_l1OverL3, most),
        Amps.Min(_l2OverL1, most),
        Amps.Min(_l2OverL3, most),
        Amps.Min(_l3OverL1, most),
        Amps.Min(_l3OverL2, most));

#pragma warning disable CS1591 // Operators are self-describing.
    public static PhasePairCurrents operator +(PhasePairCurrents a, PhasePairCurrents b) => new(
        a._l1OverL2 + b._l1OverL2,
        a._l1OverL3 + b._l1OverL3,
        a._l2OverL1 + b._l2OverL1,
        a._l2OverL3 + b._l2OverL3,
        a._l3OverL1 + b._l3OverL1,
        a._l3OverL2 + b._l3OverL2);
#pragma warning restore CS1591

    /// <summary>The pairs that are not zero, e.g. "[L1>L2 6 A, L1>L3 6 A]".</summary>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            for (var q = 0; q < PhaseSet.PhaseCount; q++)
            {
                if (p != q && this[p, q] != Amps.Zero)
                {
                    text.Append(text.Length > 1 ? ", " : string.Empty).Append(CultureInfo.InvariantCulture, $"{(Phase)p}>{(Phase)q} {this[p, q]}");
                }
            }
        }

        return text.Append(']').ToString();
    }
}
