namespace Amtron.Hil;

/// <summary>
/// The live loops' garbage, collected between cycles: when the last loop that is mid-cycle ends its cycle, a gen0
/// collection runs in the sample period's idle time, so a cycle starts with gen0's whole budget and no collection
/// falls between its meter read and its last write (a cycle of 50 points allocates far less than the budget).
/// Loops whose cycles always overlap never collect here; the runtime then collects when it must, as it would anyway.
/// </summary>
internal static class IdleCollection
{
    private static int _inCycle;

    /// <summary>A loop starts a cycle.</summary>
    public static void Enter() => Interlocked.Increment(ref _inCycle);

    /// <summary>A loop ends its cycle; the last one out collects.</summary>
    public static void Leave()
    {
        if (Interlocked.Decrement(ref _inCycle) == 0)
        {
            // Stryker disable once Boolean : a gen0 collection always blocks; the flag only concerns gen2 (background)
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }
    }
}
