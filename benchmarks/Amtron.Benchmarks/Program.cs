using BenchmarkDotNet.Running;

namespace Amtron.Benchmarks;

/// <summary>Entry point: `dotnet run -c Release --project benchmarks/Amtron.Benchmarks -- --filter '*'`.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
