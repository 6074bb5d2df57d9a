using System.Net;
using Amtron.Cli.Run;
using Amtron.Cli.Run.Live;

namespace Amtron.Cli.Tests.Run;

/// <summary>`amtron run`'s live options, checked before anything runs: one clear line per mistake.</summary>
public sealed class LiveArgumentsTests
{
    [Theory]
    [InlineData(false, 5020, null, null, null, "--ems-port needs --serve-ems or --serve-meter")]
    [InlineData(false, null, null, 10.0, null, "--speed needs --serve-ems or --serve-meter")]
    [InlineData(false, null, null, null, "0.0.0.0", "--bind needs --serve-ems or --serve-meter")]
    [InlineData(false, 5020, 5502, null, null, "--ems-port needs --serve-ems")]
    [InlineData(true, 0, null, null, null, "--ems-port 0 is not a TCP port (1-65535)")]
    [InlineData(true, 65536, null, null, null, "--ems-port 65536 is not a TCP port (1-65535)")]
    [InlineData(true, null, -1, null, null, "--serve-meter -1 is not a TCP port (0-65535; 0 = any free port)")]
    [InlineData(true, null, null, 0.0, null, "--speed must be a positive number, not 0")]
    [InlineData(true, null, null, double.NaN, null, "--speed must be a positive number, not NaN")]
    [InlineData(true, null, null, null, "localhost", "--bind 'localhost' is not an IP address")]
    public void A_mistake_is_named(bool serveEms, int? emsPort, int? meterPort, double? speed, string? bind, string problem)
    {
        Assert.Equal(problem, LiveArguments.Parse(serveEms, emsPort, meterPort, speed, bind, out var live));
        Assert.Null(live);
    }

    [Fact]
    public void Without_live_options_the_run_is_not_live()
    {
        Assert.Null(LiveArguments.Parse(false, null, null, null, null, out var live));
        Assert.Null(live);
    }

    [Fact]
    public void The_defaults_are_real_time_on_loopback_with_the_site_file_s_ports()
    {
        Assert.Null(LiveArguments.Parse(true, null, null, null, null, out var live));
        Assert.Equal(new LiveOptions(1, null, null, IPAddress.Loopback) { ServeEms = true }, live);
        Assert.Null(LiveArguments.Parse(false, null, 0, 60, "::1", out var meterOnly));
        Assert.Equal(new LiveOptions(60, null, 0, IPAddress.IPv6Loopback) { ServeEms = false }, meterOnly);
    }

    [Fact]
    public void Serving_the_ems_interface_of_a_site_where_no_station_serves_it_is_refused()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "6.1-car-park.yaml");
        var exit = RunCommand.Run(scenario, Path.Combine(Path.GetTempPath(), "never-written"), output, error, new RunOptions(Live: new LiveOptions(1, null, null, IPAddress.Loopback)));
        Assert.Equal(2, exit);
        Assert.Contains("--serve-ems: no station has its Modbus TCP server on", error.ToString(), StringComparison.Ordinal);
    }
}
