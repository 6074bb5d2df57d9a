using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>The names a site file writes for the device kinds (docs/grid.md), both ways.</summary>
public class DeviceKindNamesTests
{
    [Theory]
    [InlineData(DeviceKind.FuseGG, "gG")]
    [InlineData(DeviceKind.McbB, "mcbB")]
    [InlineData(DeviceKind.McbC, "mcbC")]
    [InlineData(DeviceKind.McbD, "mcbD")]
    [InlineData(DeviceKind.Mccb, "mccb")]
    [InlineData(DeviceKind.SlsE, "slsE")]
    public void Each_kind_has_its_name_both_ways(DeviceKind kind, string name)
    {
        Assert.Equal(name, DeviceKindNames.Of(kind));
        Assert.Equal(kind, DeviceKindNames.Parse(name));
    }

    [Fact]
    public void All_names_are_listed_in_order()
    {
        Assert.Equal(["gG", "mcbB", "mcbC", "mcbD", "mccb", "slsE"], DeviceKindNames.All);
    }

    // Exactly as written: no other case, nothing else.
    [Theory]
    [InlineData("GG")]
    [InlineData("mcbb")]
    [InlineData("")]
    [InlineData("fuse")]
    public void Other_names_are_no_kind(string name)
    {
        Assert.Null(DeviceKindNames.Parse(name));
    }

    [Fact]
    public void A_value_outside_the_enum_has_no_name()
    {
        Assert.Throws<InvalidOperationException>(() => DeviceKindNames.Of((DeviceKind)99));
    }
}
