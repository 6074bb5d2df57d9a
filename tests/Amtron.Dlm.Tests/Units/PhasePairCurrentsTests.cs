using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Units;

public sealed class PhasePairCurrentsTests
{
    private static PhasePairCurrents OneToSix() => PhasePairCurrents.Zero
        .With(0, 1, Amps.From(1)).With(0, 2, Amps.From(2)).With(1, 0, Amps.From(3))
        .With(1, 2, Amps.From(4)).With(2, 0, Amps.From(5)).With(2, 1, Amps.From(6));

    [Fact]
    public void Each_ordered_pair_holds_its_own_current_and_a_phase_over_itself_is_zero()
    {
        var pairs = OneToSix();
        Assert.Equal([1, 2, 3, 4, 5, 6], new[] { (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1) }.Select(x => pairs[x.Item1, x.Item2].FloorWholeAmps));
        Assert.Equal(Amps.From(6), pairs[Phase.L3, Phase.L2]);
        Assert.All(Enumerable.Range(0, 3), p => Assert.Equal(Amps.Zero, pairs[p, p]));
    }

    [Fact]
    public void Over_every_other_puts_a_phase_s_current_against_both_other_phases()
    {
        var pairs = PhasePairCurrents.OverEveryOther(PhaseCurrents.FromWholeAmps(1, 2, 3));
        Assert.Equal(PhasePairCurrents.Zero.With(0, 1, Amps.From(1)).With(0, 2, Amps.From(1)).With(1, 0, Amps.From(2))
            .With(1, 2, Amps.From(2)).With(2, 0, Amps.From(3)).With(2, 1, Amps.From(3)), pairs);
    }

    [Fact]
    public void Sums_and_caps_go_pair_by_pair()
    {
        // (1..6) + (1..6) = 2, 4, 6, 8, 10, 12; capped at 7: 2, 4, 6, 7, 7, 7.
        var doubled = OneToSix() + OneToSix();
        Assert.Equal(OneToSix().With(0, 1, Amps.From(2)).With(0, 2, Amps.From(4)).With(1, 0, Amps.From(6)).With(1, 2, Amps.From(8))
            .With(2, 0, Amps.From(10)).With(2, 1, Amps.From(12)), doubled);
        Assert.Equal(doubled.With(1, 2, Amps.From(7)).With(2, 0, Amps.From(7)).With(2, 1, Amps.From(7)), doubled.AtMost(Amps.From(7)));
    }

    [Fact]
    public void Text_names_the_pairs_that_are_not_zero()
    {
        Assert.Equal("[]", PhasePairCurrents.Zero.ToString());
        Assert.Equal("[L1>L3 6 A, L3>L2 1.5 A]", PhasePairCurrents.Zero.With(0, 2, Amps.From(6)).With(2, 1, Amps.FromMilliamps(1500)).ToString());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(0, -1)]
    public void A_pair_outside_the_three_phases_or_of_one_phase_cannot_be_set(int heavier, int lighter) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PhasePairCurrents.Zero.With(heavier, lighter, Amps.From(1)));

    [Fact]
    public void A_pair_outside_the_three_phases_is_named_in_the_message() =>
        Assert.Contains("phase indices are 0..2, not (3, 0)", Assert.Throws<ArgumentOutOfRangeException>(() => PhasePairCurrents.Zero[3, 0]).Message, StringComparison.Ordinal);
}
