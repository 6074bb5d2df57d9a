using BenchmarkDotNet.Running;

namespace Amtron.Benchmarks;

/// <summary>
/// Entry point: `dotnet run -c Release --project benchmarks/Amtron.Benchmarks -- --filter '*'` for BenchmarkDotNet,
/// `-- allocate-readers` for the interleaved request-reader comparison (see <see cref="Allocate.InterleavedReaderComparison"/>),
/// `-- modbus-load ...` / `-- modbus-fuzz ...` for the Modbus server runs (see <see cref="ModbusLoad"/>), `-- hil-latency`
/// for the live loop's cycle (<see cref="HilLatency"/>), `-- worst-decision` for adversarial decisions (<see cref="WorstDecision"/>).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "allocate-readers")
        {
            return Allocate.InterleavedReaderComparison.Run(args);
        }

        if (args.Length > 0 && args[0] is "modbus-load" or "modbus-fuzz" or "modbus-serve")
        {
            return await ModbusLoad.RunAsync(args);
        }

        if (args.Length > 0 && args[0] == "hil-latency")
        {
            return await HilLatency.RunAsync(args);
        }

        if (args.Length > 0 && args[0] == "worst-decision")
        {
            return WorstDecision.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
