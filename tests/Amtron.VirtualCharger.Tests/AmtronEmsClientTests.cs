using System.Net;
using Amtron.Modbus.Client;
using Amtron.Modbus.Server;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;

namespace Amtron.VirtualCharger.Tests;

/// <summary>Our client against our virtual connector on loopback, answering any unit id 1–255 as the controller does.</summary>
public sealed class AmtronEmsClientTests : IAsyncLifetime
{
    private readonly FixedChargePoint _source = new(new ChargePointReading
    {
        Vehicle = VehicleState.C,
        RelayPhases = 1,
        CurrentsA = [15.5, 0, 0],
        SignalledAmps = 16,
        EvMaximumAmps = 20,
        SessionDuration = TimeSpan.FromSeconds(75_000),
    });

    private AmtronEmsDevice _device = null!;
    private ModbusTcpServer _server = null!;

    public async Task InitializeAsync()
    {
        _device = new AmtronEmsDevice(_source, new EmsInterfaceSpec { Server = true });
        _server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, unit => unit >= 1 ? _device : null);
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ModbusTcpClient Modbus(byte unit) => new(new ModbusClientOptions { Port = _server.LocalEndPoint.Port, UnitId = unit });

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    public async Task A_cycle_reads_state_phases_currents_signal_and_maximum(byte unit)
    {
        await using var modbus = Modbus(unit);
        var observation = await new AmtronEmsClient(modbus).ReadAsync();
        Assert.Null(observation.Error);
        Assert.Equal(VehicleState.C, observation.Vehicle);
        Assert.Equal(1, observation.RelayPhases);
        Assert.Equal([15.5, 0, 0], observation.CurrentsA!);
        Assert.Equal((16, 20), (observation.SignalledAmps, observation.EvMaximumAmps));
        Assert.Equal(TimeSpan.FromSeconds(75_000), observation.SessionDuration); // above 65 535 s: both words of 718
    }

    [Fact]
    public async Task A_written_limit_is_in_force_and_a_bad_one_is_refused_before_the_wire()
    {
        await using var modbus = Modbus(1);
        var client = new AmtronEmsClient(modbus);
        await client.WriteLimitAsync(10);
        Assert.Equal(10, _device.EmsLimit);
        await client.WriteLimitAsync(0);
        Assert.Equal(0, _device.EmsLimit);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.WriteLimitAsync(5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.WriteLimitAsync(33));
    }

    [Fact]
    public async Task No_meter_gives_no_currents_and_a_connector_that_does_not_answer_is_a_failed_read()
    {
        _source.Reading = _source.Reading with { MeterPresent = false };
        await using (var modbus = Modbus(1))
        {
            Assert.Null((await new AmtronEmsClient(modbus).ReadAsync()).CurrentsA);
        }

        await using var nobody = new ModbusTcpClient(new ModbusClientOptions { Port = _server.LocalEndPoint.Port, UnitId = 0, Timeout = TimeSpan.FromMilliseconds(300) });
        var failed = await new AmtronEmsClient(nobody).ReadAsync();
        Assert.NotNull(failed.Error);
    }
}
