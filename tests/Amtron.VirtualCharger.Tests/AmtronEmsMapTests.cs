using Amtron.VirtualCharger.Ems;

namespace Amtron.VirtualCharger.Tests;

/// <summary>The readable blocks of the register map (docs/ems-modbus.md), and the check every read passes.</summary>
public sealed class AmtronEmsMapTests
{
    [Fact]
    public void The_readable_blocks_are_in_order_and_apart_so_a_read_lies_inside_one()
    {
        var blocks = AmtronEmsMap.Readable;
        for (var i = 1; i < blocks.Count; i++)
        {
            Assert.True(blocks[i].First > blocks[i - 1].First + blocks[i - 1].Count, $"block {blocks[i].First} touches the one before");
        }
    }

    [Theory]
    [InlineData(100, 53, true)] // 100–152, the whole first block
    [InlineData(100, 54, false)] // up to 153: past it
    [InlineData(152, 1, true)]
    [InlineData(200, 28, true)] // 200–227
    [InlineData(199, 1, false)]
    [InlineData(227, 1, true)]
    [InlineData(228, 1, false)]
    [InlineData(705, 25, true)] // 705–729
    [InlineData(730, 1, false)]
    [InlineData(1000, 1, true)]
    [InlineData(999, 2, false)]
    [InlineData(140, 61, false)] // 140–200: from the first block into the second, over the gap
    public void A_run_reads_only_inside_one_block(int first, int count, bool readable) =>
        Assert.Equal(readable, AmtronEmsMap.IsReadable(first, count));
}
