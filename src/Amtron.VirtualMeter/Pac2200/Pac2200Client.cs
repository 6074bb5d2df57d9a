using Amtron.Dlm.Units;
using Amtron.Modbus.Client;

namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// Reads a PAC2200 (real or virtual) into a <see cref="Pac2200Reading"/> with three requests: the measured values
/// 1..70, the status words 205..212 and the energies 801..816. Failures are values, not exceptions: a meter that does
/// not answer gives <see cref="ReadingStatus.Failed"/>; one whose values have not changed at all for
/// <see cref="StaleAfter"/> gives <see cref="ReadingStatus.Stale"/>.
/// </summary>
public sealed class Pac2200Client(ModbusTcpClient modbus, TimeProvider? time = null)
{
    // 1..70: the block drivers read from real devices (OpenEMS reads 1..68 in one request; 69/70 is the total power
    // factor). The neutral current at 71 is only in one driver's map, so a real meter might refuse it.
    private const int MeasuredCount = Pac2200Registers.TotalPowerFactor + 1;
    private const int StatusCount = Pac2200Registers.ActiveTariff + 2 - Pac2200Registers.DiagnosticsStatus;
    private const int EnergyCount = Pac2200Registers.ActiveEnergyExportT2 + 4 - Pac2200Registers.ActiveEnergyImportT1;
    private readonly ModbusTcpClient _modbus = modbus ?? throw new ArgumentNullException(nameof(modbus));
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ushort[]? _lastImage;
    private DateTimeOffset _lastChange;

    /// <summary>How long identical values may repeat before a reading counts as stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads the meter once.</summary>
    public async Task<Pac2200Reading> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        ushort[] measured, status, energy;
        try
        {
            measured = await _modbus.ReadHoldingRegistersAsync(Pac2200Registers.VoltageL1N, MeasuredCount, cancellationToken: cancellationToken).ConfigureAwait(false);
            status = await _modbus.ReadHoldingRegistersAsync(Pac2200Registers.DiagnosticsStatus, StatusCount, cancellationToken: cancellationToken).ConfigureAwait(false);
            energy = await _modbus.ReadHoldingRegistersAsync(Pac2200Registers.ActiveEnergyImportT1, EnergyCount, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException or ModbusException)
        {
            return new Pac2200Reading(now, ReadingStatus.Failed) { Error = e.Message };
        }

        float Float(ushort register) => RegisterValues.ToFloat32(measured.AsSpan(register - Pac2200Registers.VoltageL1N));
        double Energy(ushort register) => RegisterValues.ToFloat64(energy.AsSpan(register - Pac2200Registers.ActiveEnergyImportT1));
        var power = new double[3];
        var currents = new Amps[3];
        var voltages = new Volts[3];
        for (var p = 0; p < 3; p++)
        {
            power[p] = Float((ushort)(Pac2200Registers.ActivePowerL1 + (2 * p)));
            var magnitude = Float((ushort)(Pac2200Registers.CurrentL1 + (2 * p)));
            currents[p] = Amps.FromDouble(power[p] < 0 ? -magnitude : magnitude);
            voltages[p] = new Volts(Float((ushort)(Pac2200Registers.VoltageL1N + (2 * p))));
        }

        var inputs = RegisterValues.ToUInt32(status.AsSpan(Pac2200Registers.DigitalInputsStatus - Pac2200Registers.DiagnosticsStatus));
        ushort[] image = [.. measured, .. status, .. energy];
        if (_lastImage is null || !image.AsSpan().SequenceEqual(_lastImage))
        {
            _lastImage = image;
            _lastChange = now;
        }

        return new Pac2200Reading(now, now - _lastChange > StaleAfter ? ReadingStatus.Stale : ReadingStatus.Ok)
        {
            Currents = new PhaseCurrents(currents[0], currents[1], currents[2]),
            Voltages = voltages,
            ActivePowerW = power,
            TotalActivePowerW = Float(Pac2200Registers.TotalActivePower),
            FrequencyHz = Float(Pac2200Registers.Frequency),
            ImportWh = Energy(Pac2200Registers.ActiveEnergyImportT1) + Energy(Pac2200Registers.ActiveEnergyImportT2),
            ExportWh = Energy(Pac2200Registers.ActiveEnergyExportT1) + Energy(Pac2200Registers.ActiveEnergyExportT2),
            DigitalInput = (inputs & 1) != 0,
        };
    }
}
