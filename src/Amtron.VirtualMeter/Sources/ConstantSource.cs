namespace Amtron.VirtualMeter.Sources;

/// <summary>The same sample at every instant (`amtron meter serve --currents`); <see cref="Current"/> may be swapped live.</summary>
public sealed class ConstantSource(MeterSample sample) : IMeterSource
{
    /// <summary>The sample served from now on.</summary>
    public MeterSample Current { get; set; } = sample ?? throw new ArgumentNullException(nameof(sample));

    /// <inheritdoc />
    public MeterSample Sample(DateTimeOffset now) => Current;
}
