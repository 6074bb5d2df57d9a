using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Units;

public sealed class PhaseCurrentsTests
{
    [Theory]
    [InlineData(0b001, 6, 0, 0)]
    [InlineData(0b010, 0, 6, 0)]
    [InlineData(0b100, 0, 0, 6)]
    [InlineData(0b011, 6, 6, 0)]
    [InlineData(0b111, 6, 6, 6)]
    public void On_puts_the_current_on_the_set_s_phases_and_zero_on_the_others(int mask, long l1, long l2, long l3) =>
        Assert.Equal(PhaseCurrents.FromWholeAmps(l1, l2, l3), PhaseCurrents.On(PhaseSet.FromMask(mask), Amps.From(6)));
}
