using System.Text;
using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;
using Amtron.Site.Model;

namespace Amtron.VirtualCharger.Ems;

/// <summary>
/// A virtual AMTRON Professional connector behind its EMS Modbus TCP server (<see cref="AmtronEmsMap"/>): holding
/// registers only (FC 04 and the bit functions are exception 01, as on the real controller), the state from an
/// <see cref="IChargePointSource"/>, the EMS's writes kept here: the HEMS current limit (1000), the safe current (131)
/// and the communication timeout (132). Any read or write restarts the timeout; once it expires the safe current
/// applies instead of the HEMS limit until the next access. <see cref="EmsLimitChanged"/> tells the owner (the
/// simulated charge point) whenever the limit in force changes. Thread-safe.
/// </summary>
public sealed class AmtronEmsDevice : IModbusDataModel, IDisposable
{
    private readonly IChargePointSource _source;
    private readonly EmsInterfaceSpec _settings;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ushort[] _uid = new ushort[AmtronEmsMap.TextRegisters];
    private int _hemsLimit;
    private int _safeCurrent;
    private int _timeoutSeconds;
    private DateTimeOffset _lastAccess;
    private int _inForce;
    private readonly ITimer _timeout;

    /// <summary>
    /// A connector showing <paramref name="source"/> with a station's EMS settings (only the MENNEKES register set is
    /// served), with no EMS limit (32 A) until one is written.
    /// </summary>
    public AmtronEmsDevice(IChargePointSource source, EmsInterfaceSpec settings, TimeProvider? time = null, string firmware = "5.12", string model = "AMTRON Professional")
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        if (settings.RegisterAddressSet != EmsInterfaceSpec.Mennekes)
        {
            throw new ArgumentException($"the virtual charger serves the {EmsInterfaceSpec.Mennekes} register set, not '{settings.RegisterAddressSet}'", nameof(settings));
        }

        _time = time ?? TimeProvider.System;
        Firmware = firmware ?? throw new ArgumentNullException(nameof(firmware));
        Model = model ?? throw new ArgumentNullException(nameof(model));
        _hemsLimit = AmtronEmsMap.MaximumCurrent;
        _inForce = _hemsLimit;
        _lastAccess = _time.GetUtcNow();
        _timeout = _time.CreateTimer(static device => ((AmtronEmsDevice)device!).TimedOut(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops the timeout's timer.</summary>
    public void Dispose() => _timeout.Dispose();

    /// <summary>Raised (outside the lock) with the EMS limit now in force when it changes: a write, or the timeout.</summary>
    public event Action<int>? EmsLimitChanged;

    /// <summary>Raised (outside the lock) with a UID written to 1110 while starting is allowed and no transaction is open.</summary>
    public event Action<string>? TransactionStartRequested;

    /// <summary>Firmware version served at 100 (4 characters).</summary>
    public string Firmware { get; }

    /// <summary>Model served at 142 (up to 20 characters).</summary>
    public string Model { get; }

    /// <inheritdoc />
    public DeviceIdentification? Identification => null;

    /// <summary>The EMS limit in force now (A): the HEMS limit, or the safe current after a communication timeout.</summary>
    public int EmsLimit
    {
        get
        {
            int limit;
            lock (_gate)
            {
                limit = Refresh(_time.GetUtcNow());
            }

            return limit;
        }
    }

    /// <summary>When the safe current will apply if the EMS stays silent (null while no timeout is set).</summary>
    public DateTimeOffset? TimesOutAt
    {
        get
        {
            lock (_gate)
            {
                return _timeoutSeconds > 0 ? _lastAccess.AddSeconds(_timeoutSeconds) : null;
            }
        }
    }

    /// <inheritdoc />
    public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values) => ExceptionCode.IllegalFunction;

    /// <inheritdoc />
    public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
    {
        if (table != FunctionCode.ReadHoldingRegisters)
        {
            return ExceptionCode.IllegalFunction;
        }

        if (!AmtronEmsMap.IsReadable(address, values.Length))
        {
            return ExceptionCode.IllegalDataAddress;
        }

        var now = _time.GetUtcNow();
        var reading = _source.Read(now);
        int changed;
        lock (_gate)
        {
            changed = Access(now);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Register(address + i, reading);
            }
        }

        Raise(changed);
        return ExceptionCode.None;
    }

    /// <inheritdoc />
    public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values) => ExceptionCode.IllegalFunction;

    /// <inheritdoc />
    public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        var now = _time.GetUtcNow();
        var transactionOpen = _source.Read(now).TransactionOpen;
        string? start = null;
        int changed;
        ExceptionCode outcome;
        lock (_gate)
        {
            outcome = Validate(address, values, transactionOpen);
            if (outcome == ExceptionCode.None)
            {
                start = Apply(address, values);
            }

            // A refused write still reached the device: it counts as an access too.
            changed = Access(now);
        }

        Raise(changed);
        if (start is not null)
        {
            TransactionStartRequested?.Invoke(start);
        }

        return outcome;
    }

    /// <summary>Takes a validated write; the UID when its last register was written (the card presented), else null.</summary>
    private string? Apply(ushort address, ReadOnlySpan<ushort> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var at = address + i;
            switch (at)
            {
                case AmtronEmsMap.SafeCurrent:
                    _safeCurrent = Current(values[i]);
                    break;
                case AmtronEmsMap.CommunicationTimeout:
                    _timeoutSeconds = values[i];
                    break;
                case AmtronEmsMap.HemsCurrentLimit:
                    _hemsLimit = Current(values[i]);
                    break;
                default:
                    _uid[at - AmtronEmsMap.StartTransactionUid] = values[i];
                    break;
            }
        }

        if (address + values.Length != AmtronEmsMap.StartTransactionUid + AmtronEmsMap.TextRegisters)
        {
            return null;
        }

        // Written at once (FC 16) or register by register (FC 06), the last register presents the card.
        var uid = Ascii(_uid).Trim();
        Array.Clear(_uid);
        return uid;
    }

    /// <summary>0 to 32 with 1–5 taken as 0 for the currents; 1001/1002 do not exist on this model; 1110 needs the setting and no open transaction.</summary>
    private ExceptionCode Validate(ushort address, ReadOnlySpan<ushort> values, bool transactionOpen)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var at = address + i;
            var known = at is AmtronEmsMap.SafeCurrent or AmtronEmsMap.CommunicationTimeout or AmtronEmsMap.HemsCurrentLimit
                || (at >= AmtronEmsMap.StartTransactionUid && at < AmtronEmsMap.StartTransactionUid + AmtronEmsMap.TextRegisters);
            if (!known)
            {
                return ExceptionCode.IllegalDataAddress;
            }

            if (at is AmtronEmsMap.SafeCurrent or AmtronEmsMap.HemsCurrentLimit && values[i] > AmtronEmsMap.MaximumCurrent)
            {
                return ExceptionCode.IllegalDataValue;
            }

            if (at >= AmtronEmsMap.StartTransactionUid)
            {
                if (!_settings.AllowStartStopTransaction)
                {
                    return ExceptionCode.IllegalDataAddress;
                }

                if (transactionOpen)
                {
                    return ExceptionCode.IllegalDataValue;
                }
            }
        }

        return ExceptionCode.None;
    }

    /// <summary>A written current: 0 pauses, below 6 A is 0.</summary>
    private static int Current(ushort value) => value < AmtronEmsMap.MinimumCurrent ? 0 : value;

    /// <summary>Restarts the timeout; the limit in force now, if this access changed it, else -1.</summary>
    private int Access(DateTimeOffset now)
    {
        var before = _inForce;
        _lastAccess = now;
        var after = Refresh(now);
        _timeout.Change(_timeoutSeconds > 0 ? TimeSpan.FromSeconds(_timeoutSeconds) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return after != before ? after : -1;
    }

    /// <summary>The EMS has been silent for the timeout: the safe current applies, and the owner is told at once.</summary>
    private void TimedOut()
    {
        int changed;
        lock (_gate)
        {
            var before = _inForce;
            var after = Refresh(_time.GetUtcNow());
            changed = after != before ? after : -1;
        }

        Raise(changed);
    }

    /// <summary>The limit in force at <paramref name="now"/> (the safe current once the EMS has been silent too long).</summary>
    private int Refresh(DateTimeOffset now)
    {
        var timedOut = _timeoutSeconds > 0 && now - _lastAccess >= TimeSpan.FromSeconds(_timeoutSeconds);
        _inForce = timedOut ? _safeCurrent : _hemsLimit;
        return _inForce;
    }

    private void Raise(int changed)
    {
        if (changed >= 0)
        {
            EmsLimitChanged?.Invoke(changed);
        }
    }

    private ushort Register(int address, ChargePointReading r) => address switch
    {
        >= AmtronEmsMap.FirmwareVersion and < AmtronEmsMap.FirmwareVersion + 2 => Text(Firmware, address - AmtronEmsMap.FirmwareVersion),
        AmtronEmsMap.OcppStatus => (ushort)r.Status,
        >= AmtronEmsMap.ProtocolVersion and < AmtronEmsMap.ProtocolVersion + 2 => Text("1.00", address - AmtronEmsMap.ProtocolVersion),
        AmtronEmsMap.VehicleState => (ushort)r.Vehicle,
        AmtronEmsMap.Availability => r.Available ? (ushort)1 : (ushort)0,
        AmtronEmsMap.SafeCurrent => (ushort)_safeCurrent,
        AmtronEmsMap.CommunicationTimeout => (ushort)_timeoutSeconds,
        AmtronEmsMap.OperatorCurrentLimit => (ushort)Math.Min(r.OtherLimitAmps, _inForce),
        AmtronEmsMap.RelayState => r.RelayPhases switch { 0 => 0, 1 => 5, _ => 1 },
        >= AmtronEmsMap.Model and < AmtronEmsMap.Model + AmtronEmsMap.TextRegisters => Text(Model, address - AmtronEmsMap.Model),
        >= AmtronEmsMap.EnergyL1 and < AmtronEmsMap.VoltageL1 + 6 => MeterWord(address, r),
        AmtronEmsMap.LegacySessionEnergy => (ushort)((long)r.SessionEnergyWh & 0xFFFF),
        AmtronEmsMap.SignalledCurrent => (ushort)r.SignalledAmps,
        AmtronEmsMap.LegacySessionDuration => (ushort)((long)r.SessionDuration.TotalSeconds & 0xFFFF),
        AmtronEmsMap.EvMaximumCurrent => (ushort)r.EvMaximumAmps,
        >= AmtronEmsMap.SessionEnergy and < AmtronEmsMap.SessionEnergy + 2 => Word((uint)Math.Min(uint.MaxValue - 1, r.SessionEnergyWh), address - AmtronEmsMap.SessionEnergy),
        >= AmtronEmsMap.SessionDuration and < AmtronEmsMap.SessionDuration + 2 => Word((uint)Math.Min(uint.MaxValue - 1, r.SessionDuration.TotalSeconds), address - AmtronEmsMap.SessionDuration),
        >= AmtronEmsMap.UserId and < AmtronEmsMap.UserId + AmtronEmsMap.TextRegisters => Text(_settings.AllowUidDisclose ? r.UserId : string.Empty, address - AmtronEmsMap.UserId),
        AmtronEmsMap.HemsCurrentLimit => (ushort)_hemsLimit,
        // A reserved register inside a block that reads (AmtronEmsMap.Readable): 0, assumed (docs/ems-modbus.md).
        _ => 0,
    };

    /// <summary>The meter block 200–227: u32 values, or 0xFFFFFFFF without a meter.</summary>
    private static ushort MeterWord(int address, ChargePointReading r)
    {
        var offset = address - AmtronEmsMap.EnergyL1;
        var value = offset / 2;
        static uint Of(double x) => (uint)Math.Clamp(Math.Round(x), 0, uint.MaxValue - 1);
        // Sums spelt out, not LINQ: every read of the meter block passes here (no allocation per register).
        var word = !r.MeterPresent ? AmtronEmsMap.NotAvailable : value switch
        {
            < 3 => Of(r.EnergyWh[value]),
            < 6 => Of(r.VoltagesV[value - 3] * r.CurrentsA[value - 3]),
            < 9 => Of(r.CurrentsA[value - 6] * 1000),
            9 => Of(r.EnergyWh[0] + r.EnergyWh[1] + r.EnergyWh[2]),
            10 => Of((r.VoltagesV[0] * r.CurrentsA[0]) + (r.VoltagesV[1] * r.CurrentsA[1]) + (r.VoltagesV[2] * r.CurrentsA[2])),
            _ => Of(r.VoltagesV[value - 11]),
        };
        return Word(word, offset % 2);
    }

    private static ushort Word(uint value, int index) => index == 0 ? (ushort)(value >> 16) : (ushort)(value & 0xFFFF);

    /// <summary>Register <paramref name="index"/> of a text: two ASCII characters, the first in the high byte, padded with NUL.</summary>
    private static ushort Text(string text, int index)
    {
        var high = 2 * index < text.Length ? Ascii(text[2 * index]) : (byte)0;
        var low = (2 * index) + 1 < text.Length ? Ascii(text[(2 * index) + 1]) : (byte)0;
        return (ushort)((high << 8) | low);
    }

    private static byte Ascii(char c) => c is >= ' ' and <= '~' ? (byte)c : (byte)'?';

    private static string Ascii(ushort[] registers)
    {
        var text = new StringBuilder(registers.Length * 2);
        foreach (var register in registers)
        {
            text.Append((char)(register >> 8)).Append((char)(register & 0xFF));
        }

        return text.ToString().Replace("\0", string.Empty, StringComparison.Ordinal);
    }
}
