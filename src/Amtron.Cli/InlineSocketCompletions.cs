namespace Amtron.Cli;

/// <summary>
/// Lets socket completions run their continuation on .NET's socket engine thread instead of hopping to the thread
/// pool (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS, read once, at the first socket use). The Modbus server's
/// handlers never block, and on two cores this is what makes it as fast as libmodbus's select() loop
/// (docs/performance.md); the live loop's cycle, hundreds of short round trips, gains the same way. Process-wide, so
/// it is the composition root's choice, never the library's: call it at the start of a process whose work is its
/// sockets (`meter serve`, `hil`). An explicit setting of the variable is left alone.
/// </summary>
internal static class InlineSocketCompletions
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void Prefer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
