using Amtron.Site.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.Hil.Tests;

/// <summary>The site file as the loop reads it: every address problem at once; one loop per network, its points in order.</summary>
public sealed class HilSiteTests
{
    private static Site.Model.SiteSpec Parse(string networks, string meter = "") =>
        ScenarioLoader.Parse($"name: s\nstart: 2026-06-01T00:00:00Z\nduration: 1d\n{meter}networks:\n{networks}", "s.yaml").Site;

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var site = Parse(
            """
              - id: 0
                settings: {evseSubDistributionLimit: 32, externalMeter: {location: excluding, mainDistributionLimit: 40}}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 16}]}
                  - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on}, chargePoints: [{id: CP2, installationCurrentLimit: 16}]}
                  - {id: CS3, role: slaveAutoDiscovery, modbus: {server: on, host: 10.0.0.3}, chargePoints: [{id: CP3, installationCurrentLimit: 16}]}
            """,
            "meter: {type: PAC2200}\n");
        var error = Assert.Throws<HilSiteException>(() => HilSite.Connect(site, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null));
        Assert.Equal(
            [
                "station CS1: its Modbus TCP server is off, so its charge points cannot be controlled (modbus: {server: on}, manual 6.4)",
                "station CS2: no address to reach its EMS interface (modbus: {host: ...}, or network: {staticIp: ...})",
                "network 0 uses the external meter, but the site file does not say where it answers (meter: {host: ..., port: 502, unit: 1})",
            ],
            error.Problems);
    }

    [Fact]
    public async Task One_loop_per_network_with_its_managed_points_in_order_and_the_meter_only_where_it_is_used()
    {
        var site = Parse(
            """
              - id: 0
                sampleRate: 2s
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: CS1, role: masterWithInternalSlave, modbus: {server: on, host: 10.0.0.1}, chargePoints: [{id: CP1, installationCurrentLimit: 16}, {id: CP2, installationCurrentLimit: 16}]}
                  - {id: CS2, role: slaveAutoDiscovery, modbus: {server: on, host: 10.0.0.2, basePort: 5020, unit: 7}, chargePoints: [{id: CP3, installationCurrentLimit: 16}]}
              - id: 1
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: CS4, role: masterStandalone, chargePoints: [{id: CP4, installationCurrentLimit: 16}]}
                  - {id: CS5, role: slaveAutoDiscovery, network: {staticIp: 10.0.0.5}, modbus: {server: on}, chargePoints: [{id: CP5, installationCurrentLimit: 16}]}
            """);
        await using var hil = HilSite.Connect(site, new HilOptions(), new FakeTimeProvider(), null, TextWriter.Null);

        Assert.Equal(2, hil.Loops.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), hil.Loops[0].Period);
        Assert.Equal(["CP1", "CP2", "CP3"], hil.Loops[0].Points.Select(p => p.Spec.Id));
        Assert.Equal(["10.0.0.1:502 unit 1", "10.0.0.1:503 unit 1", "10.0.0.2:5020 unit 7"], hil.Loops[0].Points.Select(p => p.Link.Address));
        // The standalone master's own point is not load-managed; the satellite's host is its static IP.
        Assert.Equal(["10.0.0.5:502 unit 1"], hil.Loops[1].Points.Select(p => p.Link.Address));
    }
}
