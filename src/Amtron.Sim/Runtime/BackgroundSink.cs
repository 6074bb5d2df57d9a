using System.Collections.Concurrent;
using System.Threading.Channels;
using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Passes rows to another sink on a worker thread, in batches, so writing the time series (formatting, plot buckets)
/// overlaps the replay of a parallel run, which otherwise leaves a core idle. Rows reach the inner sink in order; a
/// bounded channel keeps memory flat. A failure of the inner sink completes the channel with that error, so a
/// replaying thread waiting for room gets it at once, and faults the worker's task, which <see cref="Finish"/> awaits:
/// the error always reaches the caller, never a hang.
/// </summary>
internal sealed class BackgroundSink : ITimeSeriesSink, IDisposable
{
    private const int RowsPerBatch = 512;
    private const int BatchesInFlight = 8;
    private readonly ITimeSeriesSink _inner;
    // Stryker disable once Boolean,Initializer : hints to the channel's implementation; there is one reader and one writer either way
    private readonly Channel<Batch> _full = Channel.CreateBounded<Batch>(
        new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentQueue<Batch> _free = new();
    private Task _worker = Task.CompletedTask;
    private Batch? _current;
    private int _networks;
    private int _points;

    public BackgroundSink(ITimeSeriesSink inner) => _inner = inner;

    public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
    {
        _inner.Begin(networkIds, chargePointIds);
        _networks = networkIds.Count;
        _points = chargePointIds.Count;
        _worker = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
        Row(SiteRow.OfTotals(time, supply, available, chargePoints));

    public void Row(in SiteRow row)
    {
        var batch = _current ??= Rent();
        var at = batch.Count++;
        batch.Times[at] = row.Time;
        batch.Supply[at] = row.Supply;
        batch.External[at] = row.External;
        batch.Detailed[at] = row.HasDetail;
        row.Available.CopyTo(batch.Available.AsSpan(at * _networks, _networks));
        row.ChargePoints.CopyTo(batch.Points.AsSpan(at * _points, _points));
        if (row.HasDetail)
        {
            row.NetworkDraw.CopyTo(batch.NetworkDraw.AsSpan(at * _networks, _networks));
            row.ChargePointPhases.CopyTo(batch.PointPhases.AsSpan(at * _points, _points));
        }

        if (batch.Count == RowsPerBatch)
        {
            Send(batch);
            _current = null;
        }
    }

    public void Finish(DateTimeOffset time)
    {
        if (_current is { Count: > 0 } last)
        {
            Send(last);
            _current = null;
        }

        _full.Writer.TryComplete();

        // Faulted with the inner sink's error, if it failed (the original exception, not an aggregate).
        _worker.GetAwaiter().GetResult();
        _inner.Finish(time);
    }

    public void Dispose()
    {
        _full.Writer.TryComplete();

        // Only waits: a failure was either thrown by Finish or is moot because the run already failed.
        ((IAsyncResult)_worker).AsyncWaitHandle.WaitOne();
    }

    private Batch Rent() => _free.TryDequeue(out var batch) ? batch : new Batch(RowsPerBatch, _networks, _points);

    /// <summary>Hands a full batch to the worker, waiting while the channel is full; throws the worker's failure.</summary>
    private void Send(Batch batch)
    {
        while (!_full.Writer.TryWrite(batch))
        {
            // Blocks only this (replaying) thread; a channel completed with an error throws that error here.
            // Stryker disable once Block : unreachable (below): the block runs only for a channel completed without an error while rows still come
            if (!_full.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                // Unreachable: only a failed writer completes the channel while rows still come, and then the wait
                // above throws its error; Finish and Dispose complete it on this thread, after the last Send.
                // Stryker disable once Statement : unreachable (above)
                _worker.GetAwaiter().GetResult();
                // Stryker disable once Statement,String : unreachable (above)
                throw new InvalidOperationException("the time series writer stopped");
            }
        }
    }

    private void Consume()
    {
        var reader = _full.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var batch))
                {
                    for (var row = 0; row < batch.Count; row++)
                    {
                        _inner.Row(batch.RowAt(row, _networks, _points));
                    }

                    batch.Count = 0;
                    // Stryker disable once Statement : recycling only: Rent makes a new batch when none is free
                    _free.Enqueue(batch);
                }
            }
        }
        catch (Exception e)
        {
            // The channel carries the error to a producer waiting for room; the task's fault carries it to Finish.
            _full.Writer.TryComplete(e);
            throw;
        }
    }

    private sealed class Batch(int rows, int networks, int points)
    {
        public int Count { get; set; }

        public DateTimeOffset[] Times { get; } = new DateTimeOffset[rows];

        public PhaseCurrents[] Supply { get; } = new PhaseCurrents[rows];

        public PhaseCurrents[] Available { get; } = new PhaseCurrents[rows * networks];

        public Amps[] Points { get; } = new Amps[rows * points];

        public PhaseCurrents[] External { get; } = new PhaseCurrents[rows];

        public bool[] Detailed { get; } = new bool[rows];

        public PhaseCurrents[] NetworkDraw { get; } = new PhaseCurrents[rows * networks];

        public byte[] PointPhases { get; } = new byte[rows * points];

        public SiteRow RowAt(int row, int networks, int points) => new(
            Times[row],
            Supply[row],
            External[row],
            Available.AsSpan(row * networks, networks),
            Detailed[row] ? NetworkDraw.AsSpan(row * networks, networks) : [],
            Points.AsSpan(row * points, points),
            Detailed[row] ? PointPhases.AsSpan(row * points, points) : []);
    }
}
