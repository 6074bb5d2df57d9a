using Amtron.Modbus.Protocol;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;
using Microsoft.Extensions.Time.Testing;

namespace Amtron.VirtualCharger.Tests;

/// <summary>The EMS register set of an AMTRON Professional connector, each value worked from docs/ems-modbus.md.</summary>
public sealed class AmtronEmsDeviceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private static readonly ChargePointReading Charging = new()
    {
        Vehicle = VehicleState.C,
        Status = OcppStatus.Charging,
        SignalledAmps = 16,
        EvMaximumAmps = 32,
        OtherLimitAmps = 20,
        RelayPhases = 3,
        CurrentsA = [16.5, 16.25, 0],
        VoltagesV = [230, 231, 229],
        EnergyWh = [73536, 1000, 0],
        SessionEnergyWh = 70000,
        SessionDuration = TimeSpan.FromSeconds(70000),
        UserId = "04A1B2C3D4",
    };

    private AmtronEmsDevice Device(ChargePointReading? reading = null, EmsInterfaceSpec? settings = null) =>
        new(new FixedChargePoint(reading ?? Charging), settings ?? new EmsInterfaceSpec { Server = true }, _time);

    private static ushort[] Read(AmtronEmsDevice device, ushort address, int count)
    {
        var values = new ushort[count];
        Assert.Equal(ExceptionCode.None, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, address, values));
        return values;
    }

    private static ExceptionCode Write(AmtronEmsDevice device, ushort address, params ushort[] values) => device.WriteRegisters(address, values);

    [Fact]
    public void Identification_and_state_registers()
    {
        var device = Device();
        Assert.Equal([0x352E, 0x3132], Read(device, 100, 2)); // "5.12"
        Assert.Equal([6], Read(device, 104, 1)); // OCPP Charging
        Assert.Equal([3], Read(device, 122, 1)); // state C
        Assert.Equal([1], Read(device, 124, 1)); // available
        Assert.Equal([1], Read(device, 140, 1)); // 3 phases switched
        Assert.Equal([16], Read(device, 706, 1)); // signalled
        Assert.Equal([32], Read(device, 715, 1)); // EV maximum

        // "AMTRON Professional" in 10 registers, high byte first, NUL-padded: "AM" = 0x414D … "l" + NUL.
        var model = Read(device, 142, 10);
        Assert.Equal(0x414D, model[0]);
        Assert.Equal(0x6C00, model[9]);
    }

    [Fact]
    public void The_meter_block_is_u32_high_word_first()
    {
        var device = Device();
        var meter = Read(device, 200, 28);

        // Energy L1 73 536 Wh = 0x00011F40 (the research file's worked example).
        Assert.Equal([0x0001, 0x1F40], meter[0..2]);
        Assert.Equal([0, 1000], meter[2..4]);

        // Power L1 230 V × 16.5 A = 3 795 W; L2 231 × 16.25 = 3 753.75 → 3 754 W.
        Assert.Equal([0, 3795], meter[6..8]);
        Assert.Equal([0, 3754], meter[8..10]);

        // Currents in mA: 16 500 and 16 250.
        Assert.Equal([0, 16500], meter[12..14]);
        Assert.Equal([0, 16250], meter[14..16]);
        Assert.Equal([0, 0], meter[16..18]);

        // Total energy 74 536 Wh = 65 536 + 9 000 = 0x00012328; total power 3 795 + 3 753.75 = 7 548.75 → 7 549 W.
        Assert.Equal([0x0001, 0x2328], meter[18..20]);
        Assert.Equal([0, 7549], meter[20..22]);
        Assert.Equal([0, 230, 0, 231, 0, 229], meter[22..28]);
    }

    [Fact]
    public void Without_a_meter_every_32_bit_meter_value_reads_not_available()
    {
        var device = Device(Charging with { MeterPresent = false });
        Assert.All(Read(device, 200, 28), word => Assert.Equal(0xFFFF, word));
    }

    [Fact]
    public void Session_values_and_their_legacy_16_bit_copies()
    {
        var device = Device();

        // 70 000 Wh: u32 0x00011170; the legacy register keeps the low 16 bits, 70 000 − 65 536 = 4 464.
        Assert.Equal([0x0001, 0x1170], Read(device, 716, 2));
        Assert.Equal([4464], Read(device, 705, 1));
        Assert.Equal([0x0001, 0x1170], Read(device, 718, 2));
        Assert.Equal([4464], Read(device, 709, 1));
    }

    [Fact]
    public void The_user_id_shows_only_with_allow_uid_disclose()
    {
        Assert.All(Read(Device(), 720, 10), word => Assert.Equal(0, word));
        var disclosed = Read(Device(settings: new EmsInterfaceSpec { AllowUidDisclose = true }), 720, 10);
        Assert.Equal(0x3034, disclosed[0]); // "04"
        Assert.Equal(0x4434, disclosed[4]); // "D4"
        Assert.Equal(0, disclosed[5]);
    }

    [Fact]
    public void Whole_blocks_read_as_integrations_read_them_with_reserved_registers_as_zero()
    {
        // SPT's Home Assistant integration reads 100–152, 200–227, 706–715 and 716–719 as blocks from real controllers.
        var device = Device();
        var general = Read(device, 100, 53);
        Assert.Equal((ushort)VehicleState.C, general[122 - 100]);
        Assert.Equal(1, general[140 - 100]); // three phases switched
        Assert.All(new[] { 102, 103, 105, 119, 123, 125, 130, 133, 135, 139, 141, 152 }, reserved => Assert.Equal(0, general[reserved - 100]));
        var session = Read(device, 705, 25);
        Assert.Equal(16, session[706 - 705]);
        Assert.Equal(32, session[715 - 705]);
        Assert.All(new[] { 707, 708, 710, 711, 712, 713, 714 }, reserved => Assert.Equal(0, session[reserved - 705]));
        Assert.Equal(28, Read(device, 200, 28).Length);
        Assert.Equal(0, Read(device, 102, 1)[0]);
    }

    [Fact]
    public void Holding_registers_only_and_unmapped_addresses_are_refused_as_the_controller_does()
    {
        var device = Device();
        Assert.Equal(ExceptionCode.IllegalFunction, device.ReadRegisters(FunctionCode.ReadInputRegisters, 122, new ushort[1]));
        Assert.Equal(ExceptionCode.IllegalFunction, device.ReadBits(FunctionCode.ReadCoils, 0, new bool[1]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 99, new ushort[1]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 152, new ushort[2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 199, new ushort[2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 227, new ushort[2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 704, new ushort[2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 729, new ushort[2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 1001, new ushort[1]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, device.ReadRegisters(FunctionCode.ReadHoldingRegisters, 1000, new ushort[2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, Write(device, 1001, 60));
        Assert.Equal(ExceptionCode.IllegalDataAddress, Write(device, 1002, 3725));
        Assert.Equal(ExceptionCode.IllegalDataAddress, Write(device, 122, 1));
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(6, 6)]
    [InlineData(32, 32)]
    [InlineData(5, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void The_hems_limit_takes_0_or_6_to_32_and_reads_1_to_5_as_a_pause(int written, int inForce)
    {
        var device = Device();
        Assert.Equal(ExceptionCode.None, Write(device, 1000, (ushort)written));
        Assert.Equal(inForce, device.EmsLimit);
        Assert.Equal([(ushort)inForce], Read(device, 1000, 1));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(65535)]
    public void A_hems_limit_above_32_A_is_refused_and_changes_nothing(int written)
    {
        var device = Device();
        Assert.Equal(ExceptionCode.None, Write(device, 1000, 10));
        Assert.Equal(ExceptionCode.IllegalDataValue, Write(device, 1000, (ushort)written));
        Assert.Equal(10, device.EmsLimit);
    }

    [Fact]
    public void The_operator_current_limit_is_the_lowest_of_the_ems_limit_and_the_others()
    {
        var device = Device(); // others: 20 A
        Assert.Equal([20], Read(device, 134, 1));
        Write(device, 1000, 10);
        Assert.Equal([10], Read(device, 134, 1));
    }

    [Fact]
    public void After_the_communication_timeout_the_safe_current_applies_until_the_next_access()
    {
        var device = Device();
        var changes = new List<int>();
        device.EmsLimitChanged += changes.Add;
        Assert.Equal(ExceptionCode.None, Write(device, 131, 6, 10)); // safe current 6 A, timeout 10 s
        Write(device, 1000, 20);
        Assert.Equal(_time.GetUtcNow().AddSeconds(10), device.TimesOutAt);

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(20, device.EmsLimit);
        Assert.Equal([20], changes);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(6, device.EmsLimit);
        Assert.Equal([20, 6], changes); // the owner hears of the timeout when it expires, not at the next access

        // Any read restarts the timeout: the HEMS limit applies again, and the owner hears of it.
        Read(device, 122, 1);
        Assert.Equal(20, device.EmsLimit);
        Assert.Equal([20, 6, 20], changes);
        Assert.Equal([6, 10], Read(device, 131, 2));
    }

    [Fact]
    public void A_safe_current_of_1_to_5_A_is_a_pause_and_a_timeout_of_0_never_expires()
    {
        var device = Device();
        Write(device, 131, 3, 0);
        Write(device, 1000, 16);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(16, device.EmsLimit);
        Assert.Null(device.TimesOutAt);
        Assert.Equal([0, 0], Read(device, 131, 2));
    }

    [Fact]
    public void A_uid_starts_a_transaction_only_when_allowed_and_none_is_open()
    {
        static ushort[] Uid(string text) => [.. Enumerable.Range(0, 10).Select(i => (ushort)((text[2 * i] << 8) | text[(2 * i) + 1]))];
        var card = Uid("        04A1B2C3D4E5"); // right-aligned with leading spaces

        Assert.Equal(ExceptionCode.IllegalDataAddress, Write(Device(), 1110, card));

        var allowed = new EmsInterfaceSpec { AllowStartStopTransaction = true };
        var device = Device(Charging with { TransactionOpen = false }, allowed);
        var started = new List<string>();
        device.TransactionStartRequested += started.Add;
        Assert.Equal(ExceptionCode.None, Write(device, 1110, card));

        // Register by register (FC 06) as some integrations write it: the card counts once the last one is written.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ExceptionCode.None, Write(device, (ushort)(1110 + i), card[i]));
            Assert.Equal(i < 9 ? 1 : 2, started.Count);
        }

        Assert.Equal(["04A1B2C3D4E5", "04A1B2C3D4E5"], started);
        Assert.Equal(ExceptionCode.IllegalDataValue, Write(Device(Charging with { TransactionOpen = true }, allowed), 1110, card));
    }
}
