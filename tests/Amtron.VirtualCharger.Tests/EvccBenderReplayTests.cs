using System.Net;
using Amtron.Modbus.Client;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;

namespace Amtron.VirtualCharger.Tests;

/// <summary>
/// What evcc's <c>bender</c> charger (evcc-io/evcc, charger/bender.go, read through the search tool) sends to an AMTRON
/// Professional, replayed register by register against our virtual connector, with the answers evcc needs to take it
/// for what it is: the current register set (not legacy), a meter with phase voltages, no battery state, neither the
/// 0.1 A limit nor the power limit (so the HEMS current limit, 1000, is the one it writes), and no RFID identification
/// without a smart vehicle. evcc's default unit id is 255; it writes with FC 16.
/// </summary>
public sealed class EvccBenderReplayTests : IAsyncLifetime
{
    private readonly FixedChargePoint _source = new(new ChargePointReading
    {
        Vehicle = VehicleState.C,
        Status = OcppStatus.Charging,
        RelayPhases = 3,
        CurrentsA = [15.5, 15.5, 15.5],
        EnergyWh = [1000, 1000, 1000],
        SignalledAmps = 16,
        EvMaximumAmps = 32,
    });

    private AmtronEmsDevice _device = null!;
    private ModbusTcpServer _server = null!;

    public async Task InitializeAsync()
    {
        _device = new AmtronEmsDevice(_source, new EmsInterfaceSpec { Server = true });
        _server = new ModbusTcpServer(new ModbusServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, unit => unit >= 1 ? _device : null);
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _device.Dispose();
    }

    [Fact]
    public async Task Evcc_start_up_finds_the_current_register_set_a_meter_and_the_hems_current_limit()
    {
        await using var evcc = new ModbusTcpClient(new ModbusClientOptions { Port = _server.LocalEndPoint.Port, UnitId = 255 });

        // "check legacy register set": the model (142, 10 registers) answers, so not legacy.
        var model = await evcc.ReadHoldingRegistersAsync(142, 10);
        Assert.Equal("AMTRON Professional", Ascii(model));
        // "check presence of metering": active power (220, u32) is not 0xFFFFFFFF: 3 × 230 V × 15.5 A = 10 695 W.
        Assert.Equal(10_695u, U32(await evcc.ReadHoldingRegistersAsync(220, 2)));
        // "check presence of ocpp meter": voltage L1 (222, u32) above 0.
        Assert.Equal(230u, U32(await evcc.ReadHoldingRegistersAsync(222, 2)));
        // Battery state (730): not on this model, so evcc reads no SoC.
        await AssertException(ExceptionCode.IllegalDataAddress, () => evcc.ReadHoldingRegistersAsync(730, 1).AsTask());
        // "check feature mA" (1001) and "modbus power control" (1002): absent, so evcc keeps register 1000.
        await AssertException(ExceptionCode.IllegalDataAddress, () => evcc.ReadHoldingRegistersAsync(1001, 1).AsTask());
        await AssertException(ExceptionCode.IllegalDataAddress, () => evcc.ReadHoldingRegistersAsync(1002, 1).AsTask());
        // "check feature rfid": smart vehicle detected (740) is not served: the error ends identify, no identifier.
        await AssertException(ExceptionCode.IllegalDataAddress, () => evcc.ReadHoldingRegistersAsync(740, 1).AsTask());
    }

    [Fact]
    public async Task Evcc_cycles_read_the_state_and_meter_and_write_the_hems_current_limit_with_fc16()
    {
        await using var evcc = new ModbusTcpClient(new ModbusClientOptions { Port = _server.LocalEndPoint.Port, UnitId = 255 });

        // Status (122): 3 is evcc's StatusC. Enabled: the limit register (1000) is not 0 (no EMS limit yet: 32 A).
        Assert.Equal([3], await evcc.ReadHoldingRegistersAsync(122, 1));
        Assert.Equal([32], await evcc.ReadHoldingRegistersAsync(1000, 1));
        // Meter: power (220), currents (212, 6 registers, mA), voltages (222, 6), total energy (218, Wh).
        var currents = Triple(await evcc.ReadHoldingRegistersAsync(212, 6));
        Assert.Equal(new uint[] { 15_500, 15_500, 15_500 }, currents);
        var voltages = Triple(await evcc.ReadHoldingRegistersAsync(222, 6));
        Assert.Equal(new uint[] { 230, 230, 230 }, voltages);
        Assert.Equal(3000u, U32(await evcc.ReadHoldingRegistersAsync(218, 2)));

        // Enable(true) writes its current (6 A at first), MaxCurrent(16) writes 16, Enable(false) writes 0: FC 16, one register.
        var limits = new List<int>();
        _device.EmsLimitChanged += limits.Add;
        await evcc.WriteMultipleRegistersAsync(1000, [6]);
        await evcc.WriteMultipleRegistersAsync(1000, [16]);
        Assert.Equal([16], await evcc.ReadHoldingRegistersAsync(1000, 1));
        Assert.Equal(16, _device.EmsLimit);
        await evcc.WriteMultipleRegistersAsync(1000, [0]);
        Assert.Equal([0], await evcc.ReadHoldingRegistersAsync(1000, 1));
        Assert.Equal([6, 16, 0], limits);

        // MaxCurrent refuses below 6 A itself; above 32 A the device says exception 03, which evcc reports.
        await AssertException(ExceptionCode.IllegalDataValue, () => evcc.WriteMultipleRegistersAsync(1000, [33]).AsTask());
    }

    private static async Task AssertException(ExceptionCode expected, Func<Task> request)
    {
        var error = await Assert.ThrowsAsync<ModbusException>(request);
        Assert.Equal(expected, error.Code);
    }

    private static uint U32(ushort[] words) => ((uint)words[0] << 16) | words[1];

    private static uint[] Triple(ushort[] words) => [U32(words[0..2]), U32(words[2..4]), U32(words[4..6])];

    private static string Ascii(ushort[] words) =>
        new string([.. words.SelectMany(w => new[] { (char)(w >> 8), (char)(w & 0xFF) })]).TrimEnd('\0');
}
