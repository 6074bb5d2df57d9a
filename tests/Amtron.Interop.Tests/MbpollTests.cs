using System.Net;
using Amtron.Dlm.Units;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Interop.Tests;

/// <summary>mbpoll (libmodbus) reads our virtual PAC2200 and gets exactly what we serve.</summary>
public sealed class MbpollTests : IAsyncLifetime
{
    private ModbusTcpServer _server = null!;

    private int Port => _server.LocalEndPoint.Port;

    public async Task InitializeAsync()
    {
        var source = new ConstantSource(new MeterSample(PhaseCurrents.FromDoubles(7.25, 8.5, 9.75)) { Voltages = [new Volts(229.5), new Volts(230), new Volts(231.25)] });
        _server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, new Pac2200Meter(source));
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<int, string> Poll(int address, int count, string type)
    {
        var (exit, output, values) = Peers.PollMbpoll(Port, address, count, type);
        Assert.True(exit == 0, output);
        return values;
    }

    [MbpollFact]
    public void Mbpoll_reads_the_served_currents_as_float32_with_fc03()
    {
        var values = Poll(13, 3, "4:float");
        Assert.Equal(new Dictionary<int, string> { [13] = "7.25", [15] = "8.5", [17] = "9.75" }, values);
    }

    [MbpollFact]
    public void Mbpoll_reads_the_served_voltages_and_currents_with_fc04()
    {
        Assert.Equal(new Dictionary<int, string> { [1] = "229.5", [3] = "230", [5] = "231.25" }, Poll(1, 3, "3:float"));
        Assert.Equal(new Dictionary<int, string> { [13] = "7.25", [15] = "8.5", [17] = "9.75" }, Poll(13, 3, "3:float"));
    }

    [MbpollFact]
    public void Mbpoll_is_refused_a_read_that_starts_inside_a_value()
    {
        var (_, output, _) = Peers.PollMbpoll(Port, 14, 1, "4:float");
        Assert.True(output.Contains("Illegal data address", StringComparison.OrdinalIgnoreCase), output);
    }
}
