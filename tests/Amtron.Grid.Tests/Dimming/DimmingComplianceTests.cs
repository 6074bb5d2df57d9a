using Amtron.Grid.Dimming;

namespace Amtron.Grid.Tests.Dimming;

/// <summary>What a dimmed site did: drawn against the request, granted against the minimum, the time to comply.</summary>
public class DimmingComplianceTests
{
    // Request 4.2 kW, minimum 4.14 kW. A window: 10 s at 11.04 kW drawn (granted 11.04), then 50 s at 4.14 kW (granted
    // 4.14), then 20 s with nothing granted to a vehicle wanting 11.04 kW. Above the request 10 s, 6.84 kW at most,
    // 6.84 × 10 / 3600 kWh; latency 10 s; below the minimum 20 s by 4.14 kW.
    [Fact]
    public void A_window_is_judged_on_drawn_granted_and_wanted_power()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);

        dimming.WindowStarted();
        dimming.Advance(TimeSpan.FromSeconds(10), 11.04, 11.04, 11.04);
        dimming.Advance(TimeSpan.FromSeconds(50), 4.14, 4.14, 11.04);
        dimming.Advance(TimeSpan.FromSeconds(20), 0, 0, 11.04);
        dimming.WindowEnded();

        Assert.Equal(TimeSpan.FromSeconds(80), dimming.Dimmed);
        Assert.Equal(TimeSpan.FromSeconds(10), dimming.NotDimmed);
        Assert.Equal(6.84, dimming.MaxExcessKW, 12);
        Assert.Equal(6.84 * 10 / 3600, dimming.EnergyAboveRequestKWh, 15);
        Assert.Equal(((11.04 * 10) + (4.14 * 50)) / 3600, dimming.EnergyWhileDimmedKWh, 15);
        Assert.Equal(TimeSpan.FromSeconds(10), dimming.MaxLatency);
        Assert.Equal(TimeSpan.FromSeconds(20), dimming.BelowMinimum);
        Assert.Equal(4.14, dimming.MaxShortfallKW, 12);
    }

    // Vehicles that want less than the minimum are owed what they want: 2 kW granted of 2 kW wanted is not short.
    [Fact]
    public void A_vehicle_wanting_less_than_the_minimum_is_owed_what_it_wants()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);
        dimming.WindowStarted();

        dimming.Advance(TimeSpan.FromSeconds(60), 2, 2, 2);

        Assert.Equal(TimeSpan.Zero, dimming.BelowMinimum);
    }

    // A window in which charging never comes down: the whole window is its latency.
    [Fact]
    public void A_window_never_kept_counts_whole()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);
        dimming.WindowStarted();
        dimming.Advance(TimeSpan.FromMinutes(5), 7, 7, 7);
        dimming.WindowEnded();
        dimming.WindowStarted();
        dimming.Advance(TimeSpan.FromMinutes(1), 0, 0, 0);
        dimming.WindowEnded();

        Assert.Equal(TimeSpan.FromMinutes(5), dimming.MaxLatency);
        Assert.Equal(2, dimming.Windows);
    }

    // The same powers cut into more intervals give the same energies to the last bit.
    [Fact]
    public void Energies_do_not_depend_on_how_a_stretch_is_cut()
    {
        var whole = new DimmingCompliance(4.2, 4.14);
        var pieces = new DimmingCompliance(4.2, 4.14);
        whole.WindowStarted();
        pieces.WindowStarted();

        whole.Advance(TimeSpan.FromSeconds(70), 9.3, 9.3, 9.3);
        for (var i = 0; i < 7; i++)
        {
            pieces.Advance(TimeSpan.FromSeconds(10), 9.3, 9.3, 9.3);
        }

        Assert.Equal(whole.EnergyWhileDimmedKWh, pieces.EnergyWhileDimmedKWh);
        Assert.Equal(whole.EnergyAboveRequestKWh, pieces.EnergyAboveRequestKWh);
    }
}
