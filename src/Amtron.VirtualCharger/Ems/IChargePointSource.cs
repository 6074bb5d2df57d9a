namespace Amtron.VirtualCharger.Ems;

/// <summary>Where a virtual charge point's state comes from.</summary>
public interface IChargePointSource
{
    /// <summary>The state at <paramref name="time"/>.</summary>
    ChargePointReading Read(DateTimeOffset time);
}

/// <summary>A source that always shows the same state (tests, a desk without a simulation).</summary>
public sealed class FixedChargePoint(ChargePointReading reading) : IChargePointSource
{
    /// <summary>The state shown; may be replaced at any time.</summary>
    public ChargePointReading Reading { get; set; } = reading ?? throw new ArgumentNullException(nameof(reading));

    /// <inheritdoc />
    public ChargePointReading Read(DateTimeOffset time) => Reading;
}
