using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amtron.Dlm.Units;
using Amtron.Modbus.Server;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Pac2200;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Interop.Tests;

/// <summary>mbpoll (libmodbus) reads our virtual PAC2200 and gets exactly what we serve.</summary>
public sealed partial class MbpollTests : IAsyncLifetime
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
        // -0: wire addresses (0-based), -1: one poll, -B: big-endian word order (high word first, as the PAC2200).
        var (exit, output) = Peers.Run(Peers.Mbpoll!, ["-m", "tcp", "-a", "1", "-r", address.ToString(CultureInfo.InvariantCulture), "-c", count.ToString(CultureInfo.InvariantCulture), "-t", type, "-B", "-0", "-1", "-p", Port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"], TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, output);
        return ValueLine().Matches(output).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
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
        var (_, output) = Peers.Run(Peers.Mbpoll!, ["-m", "tcp", "-a", "1", "-r", "14", "-c", "1", "-t", "4:float", "-B", "-0", "-1", "-p", Port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"], TimeSpan.FromSeconds(20));
        Assert.Contains("Illegal data address", output, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ValueLine();
}
