namespace Amtron.Modbus.Protocol;

/// <summary>
/// A timeout for one operation at a time, reused for the next: one timer for the life of a connection instead of a
/// new timer and two token sources per request (the live loop makes hundreds of requests per cycle).
/// </summary>
internal sealed class Deadline(TimeProvider time) : IDisposable
{
    private CancellationTokenSource _source = new(Timeout.InfiniteTimeSpan, time);

    /// <summary>True once the running operation has run out of time, or was cancelled by its caller's token.</summary>
    public bool Passed => _source.IsCancellationRequested;

    /// <summary>
    /// Starts an operation that must end within <paramref name="timeout"/>; the token is also cancelled with
    /// <paramref name="caller"/>. Dispose the registration and call <see cref="Stop"/> when the operation ends.
    /// </summary>
    public CancellationToken Start(TimeSpan timeout, CancellationToken caller, out CancellationTokenRegistration link)
    {
        _source.CancelAfter(timeout);
        // Stryker disable once Conditional : registering on a token that cannot be cancelled returns an empty registration, the same as default
        link = caller.CanBeCanceled ? caller.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source) : default;
        return _source.Token;
    }

    /// <summary>Ends the operation: the timer stops, and a source that fired is replaced for the next one.</summary>
    public void Stop()
    {
        if (!_source.TryReset())
        {
            // Stryker disable once Statement : a fired source is dropped either way; disposing only frees its timer before the finaliser would
            _source.Dispose();
            _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
