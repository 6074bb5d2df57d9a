namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// Wire addresses of the Siemens SENTRON PAC2200 (manual L1V30415167B, appendix A; offsets are wire addresses, no
/// ±1). Measured values are float32 in 2 registers, energies float64 in 4 registers (Wh), status words uint32;
/// everything big-endian, high word first. FC 03 and FC 04 read the same values.
/// </summary>
public static class Pac2200Registers
{
    /// <summary>Voltage L1-N (V); L2-N at 3, L3-N at 5.</summary>
    public const ushort VoltageL1N = 1;

    /// <summary>Voltage L1-L2 (V); L2-L3 at 9, L3-L1 at 11.</summary>
    public const ushort VoltageL1L2 = 7;

    /// <summary>Current L1 (A); L2 at 15, L3 at 17.</summary>
    public const ushort CurrentL1 = 13;

    /// <summary>Apparent power L1 (VA); L2 at 21, L3 at 23.</summary>
    public const ushort ApparentPowerL1 = 19;

    /// <summary>Active power L1 (W, signed: negative while exporting); L2 at 27, L3 at 29.</summary>
    public const ushort ActivePowerL1 = 25;

    /// <summary>Reactive power L1 (var); L2 at 33, L3 at 35.</summary>
    public const ushort ReactivePowerL1 = 31;

    /// <summary>Power factor L1; L2 at 39, L3 at 41.</summary>
    public const ushort PowerFactorL1 = 37;

    /// <summary>First register after the per-phase power factors; 43..54 are served as 0.0 (see docs/virtual-meter.md).</summary>
    public const ushort UndocumentedFirst = 43;

    /// <summary>Frequency (Hz).</summary>
    public const ushort Frequency = 55;

    /// <summary>Average voltage L-N (V).</summary>
    public const ushort AverageVoltageLN = 57;

    /// <summary>Average voltage L-L (V).</summary>
    public const ushort AverageVoltageLL = 59;

    /// <summary>Average current (A).</summary>
    public const ushort AverageCurrent = 61;

    /// <summary>Total apparent power (VA).</summary>
    public const ushort TotalApparentPower = 63;

    /// <summary>Total active power (W, signed).</summary>
    public const ushort TotalActivePower = 65;

    /// <summary>Total reactive power (var).</summary>
    public const ushort TotalReactivePower = 67;

    /// <summary>Total power factor.</summary>
    public const ushort TotalPowerFactor = 69;

    /// <summary>Neutral current (A).</summary>
    public const ushort NeutralCurrent = 71;

    /// <summary>Last register of the measured-value block.</summary>
    public const ushort MeasuredLast = 72;

    /// <summary>Device diagnostics and status (uint32).</summary>
    public const ushort DiagnosticsStatus = 205;

    /// <summary>Digital outputs status (uint32; DO 0.0 = bit 0).</summary>
    public const ushort DigitalOutputsStatus = 207;

    /// <summary>Digital inputs status (uint32; DI 0.0 = bit 0).</summary>
    public const ushort DigitalInputsStatus = 209;

    /// <summary>Active tariff (uint32; 0 = tariff 1, 1 = tariff 2).</summary>
    public const ushort ActiveTariff = 211;

    /// <summary>Active energy import tariff 1 (float64, Wh).</summary>
    public const ushort ActiveEnergyImportT1 = 801;

    /// <summary>Active energy import tariff 2 (float64, Wh).</summary>
    public const ushort ActiveEnergyImportT2 = 805;

    /// <summary>Active energy export tariff 1 (float64, Wh).</summary>
    public const ushort ActiveEnergyExportT1 = 809;

    /// <summary>Active energy export tariff 2 (float64, Wh).</summary>
    public const ushort ActiveEnergyExportT2 = 813;

    /// <summary>I&amp;M 0 identification block (27 registers, read as a whole only).</summary>
    public const ushort IdentificationBlock = 64001;

    /// <summary>Registers of the I&amp;M 0 block.</summary>
    public const int IdentificationBlockLength = 27;

    /// <summary>FC 02: status bit of digital input 0.</summary>
    public const ushort DigitalInputBit = 200;

    /// <summary>FC 02: status bit of digital output 0.</summary>
    public const ushort DigitalOutputBit = 300;

    /// <summary>FC 06 command: reset energy counters (value 1..10).</summary>
    public const ushort CommandResetEnergy = 60004;

    /// <summary>FC 06 command: switch tariff (0 tariff 1, 1 tariff 2).</summary>
    public const ushort CommandSwitchTariff = 60006;

    /// <summary>FC 06 command: switch output (high byte output number 0, low byte 0 off / 1 on).</summary>
    public const ushort CommandSwitchOutput = 60008;

    /// <summary>Unit id the drivers use.</summary>
    public const byte DefaultUnitId = 1;
}
