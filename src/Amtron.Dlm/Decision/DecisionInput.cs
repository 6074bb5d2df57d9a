using Amtron.Dlm.Units;

namespace Amtron.Dlm.Decision;

/// <summary>The instant-dependent inputs of one decision: time, meter reading, downgrade input.</summary>
/// <param name="Time">The instant of the decision; the scheduler reads its UTC hour.</param>
/// <param name="Meter">The external meter's last reading (ignored when no meter is configured).</param>
/// <param name="DigitalInputActive">True while the meter's digital (downgrade) input is energised.</param>
public readonly record struct DecisionInput(DateTimeOffset Time, MeterReading Meter, bool DigitalInputActive)
{
    /// <summary>
    /// Current set aside per phase for charge points the master cannot control: satellites that lost the master run
    /// on their Disconnected Limit. Taken off every limit; off the main limit only where the meter cannot see that
    /// draw (Excluding, or no meter), since an Including meter already measures it as external load.
    /// </summary>
    public PhaseCurrents Reserved { get; init; }

    /// <summary>
    /// Imbalance kept free per ordered pair of phases for what the master cannot see: a vehicle of unknown phases,
    /// assumed on all its connector's phases, might draw on its connector's first one or two only, making them heavier
    /// than the later ones by its current. With imbalance prevention, no phase's load plus its reserve over another
    /// exceeds that other phase's load by more than the allowed imbalance.
    /// </summary>
    public PhasePairCurrents ImbalanceReserve { get; init; }
}
