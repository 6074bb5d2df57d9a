using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A time-series sink that keeps, per charge point and per network, the instants (seconds after the start) at which
/// its current changed and the new value: what a test worked by hand compares with.
/// </summary>
internal sealed class CurrentRecorder(DateTimeOffset start) : ITimeSeriesSink
{
    private readonly Dictionary<string, List<(double Second, Amps Current)>> _points = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(double Second, PhaseCurrents Available)>> _networks = [];
    private string[] _pointIds = [];
    private int[] _networkIds = [];

    /// <summary>The changes of a charge point's current (per phase it draws on), the first at its first row.</summary>
    public IReadOnlyList<(double Second, Amps Current)> Point(string id) => _points[id];

    /// <summary>The changes of a network's available current (from its decisions).</summary>
    public IReadOnlyList<(double Second, PhaseCurrents Available)> Available(int networkId) => _networks[networkId];

    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        _networkIds = [.. networkIds];
        _pointIds = [.. chargePointIds];
        foreach (var id in _pointIds)
        {
            _points[id] = [];
        }

        foreach (var id in _networkIds)
        {
            _networks[id] = [];
        }
    }

    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        var second = (time - start).Ticks / (double)TimeSpan.TicksPerSecond;
        for (var p = 0; p < _pointIds.Length; p++)
        {
            var changes = _points[_pointIds[p]];
            if (changes.Count == 0 || changes[^1].Current != chargePoints[p])
            {
                changes.Add((second, chargePoints[p]));
            }
        }

        for (var n = 0; n < _networkIds.Length; n++)
        {
            var changes = _networks[_networkIds[n]];
            if (changes.Count == 0 || changes[^1].Available != available[n])
            {
                changes.Add((second, available[n]));
            }
        }
    }

    public void Finish(DateTimeOffset time)
    {
    }

    /// <summary>
    /// Asserts a point's changes: the same currents in the same order, each at its expected second within
    /// <paramref name="toleranceSeconds"/> (a taper step is scheduled at the next whole tick after its boundary, plus one).
    /// </summary>
    public void AssertPoint(string id, IReadOnlyList<(double Second, double Amps)> expected, double toleranceSeconds)
    {
        var actual = Point(id);
        var shown = string.Join(", ", actual.Select(c => FormattableString.Invariant($"{c.Second:R} s {c.Current}")));
        Assert.True(expected.Count == actual.Count, $"{id}: expected {expected.Count} changes, got {actual.Count}: {shown}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Amps.FromDouble(expected[i].Amps) == actual[i].Current, $"{id} change {i}: expected {expected[i].Amps} A; {shown}");
            Assert.True(Math.Abs(expected[i].Second - actual[i].Second) <= toleranceSeconds, $"{id} change {i}: expected at {expected[i].Second:R} s; {shown}");
        }
    }
}
