using Amtron.Dlm.Units;
using Amtron.Grid.Dimming;

namespace Amtron.Site.Model;

/// <summary>How the grid operator's §14a dimming signal reaches the site (docs/grid.md).</summary>
public enum DimmingSignal
{
    /// <summary>The control box energises the meter's digital input: the downgrade offset of manual 6.5 applies.</summary>
    DigitalInput,

    /// <summary>An EMS writes the master's Operator limit (manual 6.4) while dimmed and the earlier one after.</summary>
    Ems,
}

/// <summary>
/// The grid operator's §14a EnWG dimming of the site's controllable consumers: when, how the signal arrives, and what
/// counts towards the guaranteed minimum P_min (<see cref="MinimumPower"/>).
/// </summary>
/// <param name="Dimming">The times the operator dims.</param>
/// <param name="Signal">How the signal reaches the masters.</param>
public sealed record GridOperatorSpec(IReadOnlyList<TimeWindow> Dimming, DimmingSignal Signal)
{
    /// <summary>Charge points whose rated power is above 4.2 kW: each a controllable consumer of its own.</summary>
    public int ChargePoints { get; init; }

    /// <summary>The summed rated power of the heat pumps behind the connection (one consumer together), kW.</summary>
    public double HeatPumpsKW { get; init; }

    /// <summary>The summed rated power of the air conditioners (one consumer together), kW.</summary>
    public double AirConditionersKW { get; init; }

    /// <summary>Storage units charging from the grid, each a consumer.</summary>
    public int Storage { get; init; }

    /// <summary>The cap the operator asks for while dimming, kW; null: the guaranteed minimum itself.</summary>
    public double? RequestKW { get; init; }

    /// <summary>The Operator limit an EMS writes while dimmed (signal <see cref="DimmingSignal.Ems"/>).</summary>
    public PhaseCurrents? EmsOperatorLimit { get; init; }

    /// <summary>How many controllable consumers (steuerbare Verbrauchseinrichtungen) the connection has.</summary>
    public int ControllableConsumers => ChargePoints + (HeatPumpsKW > 0 ? 1 : 0) + (AirConditionersKW > 0 ? 1 : 0) + Storage;

    /// <summary>P_min,14a for the connection's consumers, kW.</summary>
    public double MinimumKW => MinimumPower.KiloWatts(Math.Max(1, ControllableConsumers), HeatPumpsKW, AirConditionersKW);

    /// <summary>The cap asked for while dimmed, kW.</summary>
    public double EffectiveRequestKW => RequestKW ?? MinimumKW;

    /// <summary>Whether the operator dims at <paramref name="time"/>.</summary>
    public bool DimmedAt(DateTimeOffset time) => TimeWindow.AnyContains(Dimming, time);

    /// <summary>
    /// P_min as whole amps per phase on three phases can reach it: ⌊P_min / (3 · V)⌋ A (4.2 kW at 230 V: 6 A, 4.14 kW) —
    /// what the DLM, which signals whole amps, can grant without going below the rule by more than it must.
    /// </summary>
    public Amps MinimumPerPhase(double phaseVoltage) => Amps.From((long)Math.Floor(MinimumKW * 1000 / (PhaseSet.PhaseCount * phaseVoltage)));

    /// <summary>Whether a charge point of <paramref name="installationCurrentLimit"/> on three phases is a controllable consumer.</summary>
    public static bool IsControllable(Amps installationCurrentLimit, double phaseVoltage) =>
        installationCurrentLimit.Value * PhaseSet.PhaseCount * phaseVoltage > MinimumPower.PerConsumerKW * 1000;
}
