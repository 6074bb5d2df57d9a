using Amtron.Dlm.Units;
using Amtron.Grid.Protection;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A main fuse or a supply line written as a device {rating, type}: the same limit, and the device's curves.</summary>
public sealed class ProtectiveDeviceTests
{
    private static string Site(string mainFuse, string supplyLine) => $$"""
        name: devices
        start: 2026-06-01T00:00:00Z
        duration: 1d
        grid: {mainFuse: {{mainFuse}}}
        networks:
          - id: 3
            settings: {evseSubDistributionLimit: 32}
            supplyLineCapacity: {{supplyLine}}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}]}]
        """;

    [Fact]
    public void A_named_device_is_its_rating_on_every_phase_and_its_curves()
    {
        var site = ScenarioLoader.Parse(Site("{rating: 63, type: gG}", "{rating: 40, type: mcbC}"), "devices.yaml").Site;

        Assert.Equal(PhaseCurrents.Uniform(63), site.MainFuse);
        Assert.Equal((DeviceKind.FuseGG, Amps.From(63)), (site.MainFuseDevice!.Kind, site.MainFuseDevice.Rating));
        var network = Assert.Single(site.Networks);
        Assert.Equal(PhaseCurrents.Uniform(40), network.SupplyLineCapacity);
        Assert.Equal("40 A mcbC", network.SupplyLineDevice!.ToString());
    }

    [Fact]
    public void A_plain_number_or_list_stays_a_plain_limit()
    {
        var site = ScenarioLoader.Parse(Site("63", "[40, 40, 35]"), "devices.yaml").Site;

        Assert.Equal(PhaseCurrents.Uniform(63), site.MainFuse);
        Assert.Null(site.MainFuseDevice);
        Assert.Equal(PhaseCurrents.FromWholeAmps(40, 40, 35), site.Networks[0].SupplyLineCapacity);
        Assert.Null(site.Networks[0].SupplyLineDevice);
    }

    [Fact]
    public void Every_problem_of_a_device_is_reported_where_it_is_written()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Site("{rating: 160, type: gG}", "{rating: 40, type: fuse, trip: fast}"), "devices.yaml"));

        // Line 4: "grid: {mainFuse: {rating: " is 26 characters: 160 at 27. Line 8: "    supplyLineCapacity: {" is 25,
        // "rating: 40, type: " 18 more: fuse at 44; "fuse, " 6 more: trip at 50.
        Assert.Equal(
            [
                (4L, 27L, "grid mainFuse: gG curves are tabulated for 16–125 A (IEC 60269-1 gates), not 160 A"),
                (8L, 44L, "supplyLineCapacity type must be one of gG, mcbB, mcbC, mcbD, mccb, slsE, not 'fuse'"),
                (8L, 50L, "unknown key 'trip' in supplyLineCapacity (expected one of: rating, type)"),
            ],
            error.Diagnostics.Select(d => (d.Line, d.Column, d.Problem)));
    }

    [Fact]
    public void A_device_needs_its_rating_and_type()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Site("{type: gG}", "{rating: 40}"), "devices.yaml"));

        Assert.Equal(
            [(4L, 18L, "grid mainFuse needs 'rating'"), (8L, 25L, "supplyLineCapacity needs 'type'")],
            error.Diagnostics.Select(d => (d.Line, d.Column, d.Problem)));
    }
}
