using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Passes rows to another sink on a worker thread, in batches, so writing the time series (formatting, plot buckets)
/// overlaps the replay of a parallel run, which otherwise leaves a core idle. Rows reach the inner sink in order; a
/// bounded queue keeps memory flat. <see cref="Finish"/> waits for the worker and rethrows its failure.
/// </summary>
internal sealed class BackgroundSink : ITimeSeriesSink, IDisposable
{
    private const int RowsPerBatch = 512;
    private const int BatchesInFlight = 8;
    private readonly ITimeSeriesSink _inner;
    private readonly BlockingCollection<Batch> _full = new(BatchesInFlight);
    private readonly ConcurrentQueue<Batch> _free = new();
    private Thread? _worker;
    private Batch? _current;
    private int _networks;
    private int _points;
    private ExceptionDispatchInfo? _failure;

    public BackgroundSink(ITimeSeriesSink inner) => _inner = inner;

    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        _inner.Begin(networkIds, chargePointIds);
        _networks = networkIds.Count;
        _points = chargePointIds.Count;
        _worker = new Thread(Consume) { IsBackground = true, Name = "time series writer" };
        _worker.Start();
    }

    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
    {
        _failure?.Throw();
        var batch = _current ??= Rent();
        var row = batch.Count++;
        batch.Times[row] = time;
        batch.Supply[row] = supply;
        available.CopyTo(batch.Available.AsSpan(row * _networks, _networks));
        chargePoints.CopyTo(batch.Points.AsSpan(row * _points, _points));
        if (batch.Count == RowsPerBatch)
        {
            _full.Add(batch);
            _current = null;
        }
    }

    public void Finish(DateTimeOffset time)
    {
        if (_current is { Count: > 0 } last)
        {
            _full.Add(last);
            _current = null;
        }

        _full.CompleteAdding();
        _worker?.Join();
        _failure?.Throw();
        _inner.Finish(time);
    }

    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _full.CompleteAdding();
        }

        _worker?.Join();
        _full.Dispose();
    }

    private Batch Rent() => _free.TryDequeue(out var batch) ? batch : new Batch(RowsPerBatch, _networks, _points);

    private void Consume()
    {
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            if (_failure is null)
            {
                try
                {
                    for (var row = 0; row < batch.Count; row++)
                    {
                        _inner.Row(batch.Times[row], batch.Supply[row], batch.Available.AsSpan(row * _networks, _networks), batch.Points.AsSpan(row * _points, _points));
                    }
                }
#pragma warning disable CA1031 // Any failure of the inner sink is handed to the replaying thread, which rethrows it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    // Keep draining so the replay never blocks on a full queue; it stops at its next row.
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
            }

            batch.Count = 0;
            _free.Enqueue(batch);
        }
    }

    private sealed class Batch(int rows, int networks, int points)
    {
        public int Count { get; set; }

        public DateTimeOffset[] Times { get; } = new DateTimeOffset[rows];

        public PhaseCurrents[] Supply { get; } = new PhaseCurrents[rows];

        public PhaseCurrents[] Available { get; } = new PhaseCurrents[rows * networks];

        public Amps[] Points { get; } = new Amps[rows * points];
    }
}
