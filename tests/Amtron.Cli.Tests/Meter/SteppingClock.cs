namespace Amtron.Cli.Tests.Meter;

/// <summary>
/// A clock that never waits: a timer created on it (a <c>Task.Delay</c>) moves the clock to its due time at once and
/// fires. Code scheduled on it runs through its instants as fast as its other work allows, and what it sees is the
/// same on a loaded machine as on an idle one. <see cref="Advance"/> moves it as a slow answer would.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private long _elapsed;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsed));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => start + Elapsed;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsed);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsed, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
            // Not on the caller's stack: Task.Delay has not finished setting up its timer yet.
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
