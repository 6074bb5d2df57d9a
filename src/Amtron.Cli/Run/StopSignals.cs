using System.Runtime.InteropServices;

namespace Amtron.Cli.Run;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a cancellation: the command stops at its next check and cleans up, instead of the
/// process ending wherever it is (which would leave a staging directory behind). A second signal ends the process at once.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_stop.IsCancellationRequested)
        {
            // A second signal: the first could not be acted on (a read blocked on a pipe, a long validation), so stop now.
            // A staging directory left behind is removed by the next run into that directory.
            Console.Error.WriteLine("amtron: stopped at once (second signal)");
            Environment.Exit(130);
        }

        _stop.Cancel();
    }
}
