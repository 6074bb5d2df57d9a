namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// The PAC2200's values (manual L1V30415167B, appendix A; see docs/modbus.md): one entry per value, read by the
/// virtual meter to answer and by <see cref="Pac2200Client"/> to decode, so a new register is one entry here.
/// Measured values are float32, status words uint32, energies float64 in Wh.
/// </summary>
public static class Pac2200Map
{
    /// <summary>The I&amp;M 0 identification block: not a value but 27 registers read as a whole only.</summary>
    public const ushort IdentificationBlock = 64001;

    /// <summary>Registers of the I&amp;M 0 block.</summary>
    public const int IdentificationBlockLength = 27;

    /// <summary>Voltage L1-N, L2-N, L3-N (V) at 1, 3, 5.</summary>
    public static IReadOnlyList<Pac2200Register> Voltage { get; } = PerPhase(1, (e, p) => e.Voltage(p));

    /// <summary>Voltage L1-L2, L2-L3, L3-L1 (V) at 7, 9, 11.</summary>
    public static IReadOnlyList<Pac2200Register> LineToLineVoltage { get; } =
        [Measured(7, e => e.LineToLine(0)), Measured(9, e => e.LineToLine(1)), Measured(11, e => e.LineToLine(2))];

    /// <summary>Current magnitude L1, L2, L3 (A) at 13, 15, 17.</summary>
    public static IReadOnlyList<Pac2200Register> Current { get; } = PerPhase(13, (e, p) => e.Current(p));

    /// <summary>Apparent power L1, L2, L3 (VA) at 19, 21, 23.</summary>
    public static IReadOnlyList<Pac2200Register> ApparentPower { get; } = PerPhase(19, (e, p) => e.ApparentPower(p));

    /// <summary>Active power L1, L2, L3 (W, negative while exporting) at 25, 27, 29.</summary>
    public static IReadOnlyList<Pac2200Register> ActivePower { get; } = PerPhase(25, (e, p) => e.ActivePower(p));

    /// <summary>Reactive power L1, L2, L3 (var) at 31, 33, 35.</summary>
    public static IReadOnlyList<Pac2200Register> ReactivePower { get; } = PerPhase(31, (e, p) => e.ReactivePower(p));

    /// <summary>Power factor L1, L2, L3 at 37, 39, 41.</summary>
    public static IReadOnlyList<Pac2200Register> PowerFactor { get; } = PerPhase(37, (e, p) => e.PowerFactor(p));

    /// <summary>43..53: not in our sources; served as 0.0 so the block 1..70 reads in one request, as OpenEMS reads it.</summary>
    public static IReadOnlyList<Pac2200Register> Undocumented { get; } = [Zero(43), Zero(45), Zero(47), Zero(49), Zero(51), Zero(53)];

    /// <summary>Frequency (Hz).</summary>
    public static Pac2200Register Frequency { get; } = Measured(55, e => e.Frequency);

    /// <summary>Average voltage L-N (V).</summary>
    public static Pac2200Register AverageVoltageLN { get; } = Measured(57, e => e.AverageVoltage);

    /// <summary>Average voltage L-L (V).</summary>
    public static Pac2200Register AverageVoltageLL { get; } = Measured(59, e => e.AverageLineToLine);

    /// <summary>Average current (A).</summary>
    public static Pac2200Register AverageCurrent { get; } = Measured(61, e => e.AverageCurrent);

    /// <summary>Total apparent power (VA).</summary>
    public static Pac2200Register TotalApparentPower { get; } = Measured(63, e => e.TotalApparentPower);

    /// <summary>Total active power (W, signed).</summary>
    public static Pac2200Register TotalActivePower { get; } = Measured(65, e => e.TotalActivePower);

    /// <summary>Total reactive power (var).</summary>
    public static Pac2200Register TotalReactivePower { get; } = Measured(67, e => e.TotalReactivePower);

    /// <summary>Total power factor |P| / S.</summary>
    public static Pac2200Register TotalPowerFactor { get; } = Measured(69, e => e.TotalPowerFactor);

    /// <summary>Neutral current (A); only one driver's map has it, so a real meter might refuse it: the client skips it.</summary>
    public static Pac2200Register NeutralCurrent { get; } = new(71, Pac2200Format.Real32, s => s.Electrical.Neutral, readByClient: false);

    /// <summary>Device diagnostics and status (always 0 here).</summary>
    public static Pac2200Register DiagnosticsStatus { get; } = Status(205, _ => 0);

    /// <summary>Digital outputs status (DO 0 = bit 0).</summary>
    public static Pac2200Register DigitalOutputs { get; } = Status(207, s => s.Output ? 1 : 0);

    /// <summary>Digital inputs status (DI 0 = bit 0).</summary>
    public static Pac2200Register DigitalInputs { get; } = Status(209, s => s.DigitalInput ? 1 : 0);

    /// <summary>Active tariff (0 = tariff 1, 1 = tariff 2).</summary>
    public static Pac2200Register ActiveTariff { get; } = Status(211, s => s.Tariff);

    /// <summary>Active energy import tariff 1 (Wh).</summary>
    public static Pac2200Register ImportT1 { get; } = Energy(801, s => s.Energies.ImportT1);

    /// <summary>Active energy import tariff 2 (Wh).</summary>
    public static Pac2200Register ImportT2 { get; } = Energy(805, s => s.Energies.ImportT2);

    /// <summary>Active energy export tariff 1 (Wh).</summary>
    public static Pac2200Register ExportT1 { get; } = Energy(809, s => s.Energies.ExportT1);

    /// <summary>Active energy export tariff 2 (Wh).</summary>
    public static Pac2200Register ExportT2 { get; } = Energy(813, s => s.Energies.ExportT2);

    /// <summary>Every value, by address.</summary>
    public static IReadOnlyList<Pac2200Register> All { get; } =
    [
        .. Voltage, .. LineToLineVoltage, .. Current, .. ApparentPower, .. ActivePower, .. ReactivePower, .. PowerFactor, .. Undocumented,
        Frequency, AverageVoltageLN, AverageVoltageLL, AverageCurrent, TotalApparentPower, TotalActivePower, TotalReactivePower, TotalPowerFactor, NeutralCurrent,
        DiagnosticsStatus, DigitalOutputs, DigitalInputs, ActiveTariff,
        ImportT1, ImportT2, ExportT1, ExportT2,
    ];

    private static Pac2200Register Measured(ushort address, Func<Electrical, double> derive) =>
        new(address, Pac2200Format.Real32, s => derive(s.Electrical), readByClient: true);

    private static Pac2200Register[] PerPhase(ushort first, Func<Electrical, int, double> derive)
    {
        return [Phase(0), Phase(1), Phase(2)];

        Pac2200Register Phase(int p) => Measured((ushort)(first + (2 * p)), e => derive(e, p));
    }

    private static Pac2200Register Zero(ushort address) => Measured(address, _ => 0);

    private static Pac2200Register Status(ushort address, Func<Pac2200State, double> derive) =>
        new(address, Pac2200Format.Unsigned32, derive, readByClient: true);

    private static Pac2200Register Energy(ushort address, Func<Pac2200State, double> derive) =>
        new(address, Pac2200Format.Real64, derive, readByClient: true);
}
