using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>A station's EMS interface (manual 6.4) in the site file.</summary>
public sealed class EmsInterfaceTests
{
    private static string Site(string modbus, int points = 2) =>
        "name: ems\nstart: 2026-06-01T00:00:00Z\nduration: 1h\n" +
        "networks: [{id: 0, settings: {evseSubDistributionLimit: 32}, stations: [{id: S, role: masterWithInternalSlave, " + modbus +
        "chargePoints: [" + string.Join(", ", Enumerable.Range(1, points).Select(i => $"{{id: CP{i}, installationCurrentLimit: 16}}")) + "]}]}]\n";

    [Fact]
    public void Every_setting_is_read_with_the_manuals_names()
    {
        var station = ScenarioLoader.Parse(Site("modbus: {server: on, basePort: 5020, registerAddressSet: MENNEKES, allowStartStopTransaction: on, allowUidDisclose: true}, "), "ems.yaml").Site.Networks[0].Stations[0];
        Assert.Equal(new EmsInterfaceSpec { Server = true, BasePort = 5020, AllowStartStopTransaction = true, AllowUidDisclose = true }, station.Ems);
        Assert.Equal(5021, station.Ems.PortOf(1));
    }

    [Fact]
    public void Where_an_ems_reaches_the_station_and_the_meter_is_read_for_amtron_hil()
    {
        var text = Site("modbus: {server: on, host: 192.168.1.21, unit: 7}, ") + "meter: {type: PAC2200, host: meter.local, port: 5020, unit: 3}\n";
        var site = ScenarioLoader.Parse(text, "ems.yaml").Site;
        Assert.Equal(("192.168.1.21", (byte)7), (site.Networks[0].Stations[0].Ems.Host, site.Networks[0].Stations[0].Ems.Unit));
        Assert.Equal(("meter.local", 5020, (byte)3), (site.Meter!.Host, site.Meter.Port, site.Meter.Unit));
        var plain = ScenarioLoader.Parse(Site("modbus: {server: on}, ") + "meter: {type: PAC2200}\n", "ems.yaml").Site;
        Assert.Equal((null, (byte)1), (plain.Networks[0].Stations[0].Ems.Host, plain.Networks[0].Stations[0].Ems.Unit));
        Assert.Equal((null, 502, (byte)1), (plain.Meter!.Host, plain.Meter.Port, plain.Meter.Unit));
    }

    [Fact]
    public void Without_the_key_the_interface_is_off_on_port_502_with_the_mennekes_set()
    {
        var ems = ScenarioLoader.Parse(Site(string.Empty), "ems.yaml").Site.Networks[0].Stations[0].Ems;
        Assert.False(ems.Server);
        Assert.Equal((502, "MENNEKES", false, false), (ems.BasePort, ems.RegisterAddressSet, ems.AllowStartStopTransaction, ems.AllowUidDisclose));
    }

    [Theory]
    [InlineData("modbus: {server: maybe}, ", "modbus server must be true or false, not 'maybe'")]
    [InlineData("modbus: {registerAddressSet: Bender}, ", "modbus registerAddressSet must be MENNEKES, Phoenix, TQ-DM100 or ISE/IGT Kassel, not 'Bender'")]
    [InlineData("modbus: {basePort: 65535}, ", "modbus basePort must be")]
    [InlineData("modbus: {basePort: 0}, ", "modbus basePort must be")]
    [InlineData("modbus: {port: 502}, ", "'port'")]
    [InlineData("modbus: {unit: 0}, ", "modbus unit must be")]
    public void A_bad_setting_is_a_located_error(string modbus, string problem)
    {
        // Two connectors: the second answers on base port + 1, so 65535 leaves it without a port.
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Site(modbus), "ems.yaml"));
        Assert.Contains(error.Diagnostics, d => d.Problem.Contains(problem, StringComparison.Ordinal) && d.Line == 4);
    }
}
