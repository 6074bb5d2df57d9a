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

    // Request 4.2 kW: 10 s at 8.2 kW then 20 s at 6.2 kW, read before the window ends (the second stretch still open):
    // above the request 4 × 10 + 2 × 20 = 80 kWs, drawn 82 + 124 = 206 kWs.
    [Fact]
    public void The_energies_count_the_stretch_still_open()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);
        dimming.WindowStarted();

        dimming.Advance(TimeSpan.FromSeconds(10), 8.2, 8.2, 8.2);
        dimming.Advance(TimeSpan.FromSeconds(20), 6.2, 6.2, 6.2);

        Assert.Equal(80.0 / 3600, dimming.EnergyAboveRequestKWh, 12);
        Assert.Equal(206.0 / 3600, dimming.EnergyWhileDimmedKWh, 12);
    }

    // Drawing exactly the request keeps it: 30 s at 8 kW, then 60 s at 4.2 kW: latency 30 s, not dimmed 30 s, 3.8 kW
    // over at most.
    [Fact]
    public void Drawing_exactly_the_request_keeps_it()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);
        dimming.WindowStarted();

        dimming.Advance(TimeSpan.FromSeconds(30), 8, 8, 8);
        dimming.Advance(TimeSpan.FromSeconds(60), 4.2, 4.2, 8);
        dimming.WindowEnded();

        Assert.Equal(TimeSpan.FromSeconds(30), dimming.MaxLatency);
        Assert.Equal(TimeSpan.FromSeconds(30), dimming.NotDimmed);
        Assert.Equal(3.8, dimming.MaxExcessKW, 12);
        Assert.Equal(3.8 * 30 / 3600, dimming.EnergyAboveRequestKWh, 12);
    }

    // The latency runs until charging first comes down: 10 s above, 10 s below, 50 s above again: 10 s, although 60 s
    // of the window were not dimmed.
    [Fact]
    public void The_latency_ends_when_charging_first_comes_down()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);
        dimming.WindowStarted();

        dimming.Advance(TimeSpan.FromSeconds(10), 8, 8, 8);
        dimming.Advance(TimeSpan.FromSeconds(10), 2, 2, 8);
        dimming.Advance(TimeSpan.FromSeconds(50), 8, 8, 8);
        dimming.WindowEnded();

        Assert.Equal(TimeSpan.FromSeconds(10), dimming.MaxLatency);
        Assert.Equal(TimeSpan.FromSeconds(60), dimming.NotDimmed);
    }

    // 2 kW granted to a vehicle wanting 11.04 kW, against a 4.14 kW minimum: 4.14 − 2 = 2.14 kW short.
    [Fact]
    public void The_shortfall_is_the_minimum_less_what_was_granted()
    {
        var dimming = new DimmingCompliance(4.2, 4.14);
        dimming.WindowStarted();

        dimming.Advance(TimeSpan.FromSeconds(60), 2, 2, 11.04);

        Assert.Equal(TimeSpan.FromSeconds(60), dimming.BelowMinimum);
        Assert.Equal(2.14, dimming.MaxShortfallKW, 12);
    }

    // A window's end closes its stretch: two windows at one power (11.04 kW for 1 min, then for 2 min) count as each
    // window's energies added, to the last bit, not as one 3 min stretch (11.04 × 1/60 + 11.04 × 2/60 kWh is not
    // 11.04 × 3/60 kWh in doubles).
    [Fact]
    public void A_windows_end_closes_its_stretch()
    {
        var both = new DimmingCompliance(4.2, 4.14);
        var (first, second) = (new DimmingCompliance(4.2, 4.14), new DimmingCompliance(4.2, 4.14));
        foreach (var (dimming, minutes) in new[] { (both, 1), (both, 2), (first, 1), (second, 2) })
        {
            dimming.WindowStarted();
            dimming.Advance(TimeSpan.FromMinutes(minutes), 11.04, 11.04, 11.04);
            dimming.WindowEnded();
        }

        Assert.Equal(first.EnergyWhileDimmedKWh + second.EnergyWhileDimmedKWh, both.EnergyWhileDimmedKWh);
        Assert.Equal(first.EnergyAboveRequestKWh + second.EnergyAboveRequestKWh, both.EnergyAboveRequestKWh);
        Assert.Equal(0.552, both.EnergyWhileDimmedKWh, 12);
    }
}
