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
    public static IReadOnlyList<Pac2200Register> Voltage { get; } = PerPhase(1, ["Voltage L1-N", "Voltage L2-N", "Voltage L3-N"], "V", (e, p) => e.Voltage(p));

    /// <summary>Voltage L1-L2, L2-L3, L3-L1 (V) at 7, 9, 11.</summary>
    public static IReadOnlyList<Pac2200Register> LineToLineVoltage { get; } =
        [Measured(7, "Voltage L1-L2", "V", e => e.LineToLine(0)), Measured(9, "Voltage L2-L3", "V", e => e.LineToLine(1)), Measured(11, "Voltage L3-L1", "V", e => e.LineToLine(2))];

    /// <summary>Current magnitude L1, L2, L3 (A) at 13, 15, 17.</summary>
    public static IReadOnlyList<Pac2200Register> Current { get; } = PerPhase(13, ["Current L1", "Current L2", "Current L3"], "A", (e, p) => e.Current(p));

    /// <summary>Apparent power L1, L2, L3 (VA) at 19, 21, 23.</summary>
    public static IReadOnlyList<Pac2200Register> ApparentPower { get; } = PerPhase(19, ["Apparent power L1", "Apparent power L2", "Apparent power L3"], "VA", (e, p) => e.ApparentPower(p));

    /// <summary>Active power L1, L2, L3 (W, negative while exporting) at 25, 27, 29.</summary>
    public static IReadOnlyList<Pac2200Register> ActivePower { get; } = PerPhase(25, ["Active power L1", "Active power L2", "Active power L3"], "W", (e, p) => e.ActivePower(p));

    /// <summary>Reactive power L1, L2, L3 (var) at 31, 33, 35.</summary>
    public static IReadOnlyList<Pac2200Register> ReactivePower { get; } = PerPhase(31, ["Reactive power L1", "Reactive power L2", "Reactive power L3"], "var", (e, p) => e.ReactivePower(p));

    /// <summary>Power factor L1, L2, L3 at 37, 39, 41.</summary>
    public static IReadOnlyList<Pac2200Register> PowerFactor { get; } = PerPhase(37, ["Power factor L1", "Power factor L2", "Power factor L3"], string.Empty, (e, p) => e.PowerFactor(p));

    /// <summary>43..53: not in our sources; served as 0.0 so the block 1..70 reads in one request, as OpenEMS reads it.</summary>
    public static IReadOnlyList<Pac2200Register> Undocumented { get; } = [Zero(43), Zero(45), Zero(47), Zero(49), Zero(51), Zero(53)];

    /// <summary>Frequency (Hz).</summary>
    public static Pac2200Register Frequency { get; } = Measured(55, "Frequency", "Hz", e => e.Frequency);

    /// <summary>Average voltage L-N (V).</summary>
    public static Pac2200Register AverageVoltageLN { get; } = Measured(57, "Average voltage L-N", "V", e => e.AverageVoltage);

    /// <summary>Average voltage L-L (V).</summary>
    public static Pac2200Register AverageVoltageLL { get; } = Measured(59, "Average voltage L-L", "V", e => e.AverageLineToLine);

    /// <summary>Average current (A).</summary>
    public static Pac2200Register AverageCurrent { get; } = Measured(61, "Average current", "A", e => e.AverageCurrent);

    /// <summary>Total apparent power (VA).</summary>
    public static Pac2200Register TotalApparentPower { get; } = Measured(63, "Total apparent power", "VA", e => e.TotalApparentPower);

    /// <summary>Total active power (W, signed).</summary>
    public static Pac2200Register TotalActivePower { get; } = Measured(65, "Total active power", "W", e => e.TotalActivePower);

    /// <summary>Total reactive power (var).</summary>
    public static Pac2200Register TotalReactivePower { get; } = Measured(67, "Total reactive power", "var", e => e.TotalReactivePower);

    /// <summary>Total power factor |P| / S.</summary>
    public static Pac2200Register TotalPowerFactor { get; } = Measured(69, "Total power factor", string.Empty, e => e.TotalPowerFactor);

    /// <summary>Neutral current (A); only one driver's map has it, so a real meter might refuse it: the client skips it.</summary>
    public static Pac2200Register NeutralCurrent { get; } = new(71, "Neutral current", "A", Pac2200Format.Real32, s => s.Electrical.Neutral, readByClient: false);

    /// <summary>Device diagnostics and status (always 0 here).</summary>
    public static Pac2200Register DiagnosticsStatus { get; } = Status(205, "Diagnostics and status", _ => 0);

    /// <summary>Digital outputs status (DO 0 = bit 0).</summary>
    public static Pac2200Register DigitalOutputs { get; } = Status(207, "Digital outputs", s => s.Output ? 1 : 0);

    /// <summary>Digital inputs status (DI 0 = bit 0).</summary>
    public static Pac2200Register DigitalInputs { get; } = Status(209, "Digital inputs", s => s.DigitalInput ? 1 : 0);

    /// <summary>Active tariff (0 = tariff 1, 1 = tariff 2).</summary>
    public static Pac2200Register ActiveTariff { get; } = Status(211, "Active tariff", s => s.Tariff);

    /// <summary>Active energy import tariff 1 (Wh).</summary>
    public static Pac2200Register ImportT1 { get; } = Energy(801, "Active energy import T1", s => s.Energies.ImportT1);

    /// <summary>Active energy import tariff 2 (Wh).</summary>
    public static Pac2200Register ImportT2 { get; } = Energy(805, "Active energy import T2", s => s.Energies.ImportT2);

    /// <summary>Active energy export tariff 1 (Wh).</summary>
    public static Pac2200Register ExportT1 { get; } = Energy(809, "Active energy export T1", s => s.Energies.ExportT1);

    /// <summary>Active energy export tariff 2 (Wh).</summary>
    public static Pac2200Register ExportT2 { get; } = Energy(813, "Active energy export T2", s => s.Energies.ExportT2);

    /// <summary>Every value, by address.</summary>
    public static IReadOnlyList<Pac2200Register> All { get; } =
    [
        .. Voltage, .. LineToLineVoltage, .. Current, .. ApparentPower, .. ActivePower, .. ReactivePower, .. PowerFactor, .. Undocumented,
        Frequency, AverageVoltageLN, AverageVoltageLL, AverageCurrent, TotalApparentPower, TotalActivePower, TotalReactivePower, TotalPowerFactor, NeutralCurrent,
        DiagnosticsStatus, DigitalOutputs, DigitalInputs, ActiveTariff,
        ImportT1, ImportT2, ExportT1, ExportT2,
    ];

    private static Pac2200Register Measured(ushort address, string name, string unit, Func<Electrical, double> derive) =>
        new(address, name, unit, Pac2200Format.Real32, s => derive(s.Electrical), readByClient: true);

    private static Pac2200Register[] PerPhase(ushort first, string[] names, string unit, Func<Electrical, int, double> derive)
    {
        return [Phase(0), Phase(1), Phase(2)];

        Pac2200Register Phase(int p) => Measured((ushort)(first + (2 * p)), names[p], unit, e => derive(e, p));
    }

    private static Pac2200Register Zero(ushort address) =>
        Measured(address, "Undocumented " + address.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Empty, _ => 0);

    private static Pac2200Register Status(ushort address, string name, Func<Pac2200State, double> derive) =>
        new(address, name, string.Empty, Pac2200Format.Unsigned32, derive, readByClient: true);

    private static Pac2200Register Energy(ushort address, string name, Func<Pac2200State, double> derive) =>
        new(address, name, "Wh", Pac2200Format.Real64, derive, readByClient: true);
}
