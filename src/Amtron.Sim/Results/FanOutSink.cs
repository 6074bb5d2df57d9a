using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Results;

/// <summary>Passes every call on to several sinks.</summary>
public sealed class FanOutSink(params ITimeSeriesSink[] sinks) : ITimeSeriesSink
{
    /// <inheritdoc />
    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        foreach (var sink in sinks)
        {
            sink.Begin(networkIds, chargePointIds);
        }
    }

    /// <inheritdoc />
    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        foreach (var sink in sinks)
        {
            sink.Row(time, supply, available, chargePoints);
        }
    }

    /// <inheritdoc />
    public void Row(in SiteRow row)
    {
        foreach (var sink in sinks)
        {
            sink.Row(row);
        }
    }

    /// <inheritdoc />
    public void Finish(DateTimeOffset time)
    {
        foreach (var sink in sinks)
        {
            sink.Finish(time);
        }
    }
}
