namespace Amtron.VirtualMeter.Sources;

/// <summary>Where a virtual meter's values come from: a constant, a replayed profile, a scenario, the simulator.</summary>
public interface IMeterSource
{
    /// <summary>What the meter measures at <paramref name="now"/>.</summary>
    MeterSample Sample(DateTimeOffset now);
}
