using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Units;

public sealed class PhaseSetTests
{

    [Fact]
    public void Sets_are_masks_with_l1_as_bit_0()
    {
        var set = PhaseSet.Of(Phase.L1, Phase.L3);
        Assert.Equal(0b101, set.Mask);
        Assert.Equal(2, set.Count);
        Assert.True(set.Contains(Phase.L3));
        Assert.False(set.Contains(Phase.L2));
        Assert.Equal("L1+L3", set.ToString());
    }

    [Fact]
    public void Three_phase_holds_every_phase() => Assert.Equal(3, PhaseSet.ThreePhase.Count);

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void Masks_outside_three_bits_are_rejected(int mask) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PhaseSet.FromMask(mask));

    [Fact]
    public void A_phase_named_twice_is_in_the_set_once()
    {
        Assert.Equal(PhaseSet.Of(Phase.L2), PhaseSet.Of(Phase.L2, Phase.L2));
        Assert.Equal("none", PhaseSet.Of().ToString());
    }
}
