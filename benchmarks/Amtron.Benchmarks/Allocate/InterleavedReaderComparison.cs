using System.Diagnostics;
using System.Globalization;
using Amtron.Benchmarks.Allocate.Legacy;
using Amtron.Cli.Allocate;

namespace Amtron.Benchmarks.Allocate;

/// <summary>
/// `-- allocate-readers [rounds]`: the two request readers of <see cref="AllocateReaderBenchmark"/> timed in
/// alternating chunks of about 20 ms, so both see the same load on a shared machine; each round gives one ratio
/// new / old, and the median and range of the ratios are printed. BenchmarkDotNet measures each method on its own,
/// minutes apart, which on a busy 2-core VM compares the load more than the code.
/// </summary>
internal static class InterleavedReaderComparison
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 41;
        foreach (var points in new[] { 3, 250 })
        {
            var line = AllocateReaderBenchmark.Request(points, new Random(42));
            var operations = points == 3 ? 4000 : 100;

            // Warm up (and let tiered compilation finish) before timing.
            Time(() => LegacyAllocateRequestReader.Read(line).Request, operations * 20);
            Time(() => AllocateRequestReader.Read(line).Request, operations * 20);
            var old = new double[rounds];
            var @new = new double[rounds];
            for (var r = 0; r < rounds; r++)
            {
                // Alternate which goes first, so a load change inside a round favours neither.
                if (r % 2 == 0)
                {
                    old[r] = Time(() => LegacyAllocateRequestReader.Read(line).Request, operations);
                    @new[r] = Time(() => AllocateRequestReader.Read(line).Request, operations);
                }
                else
                {
                    @new[r] = Time(() => AllocateRequestReader.Read(line).Request, operations);
                    old[r] = Time(() => LegacyAllocateRequestReader.Read(line).Request, operations);
                }
            }

            var ratios = old.Zip(@new, (o, n) => n / o).Order().ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{points,3} points, {line.Length} bytes: hand-written median {Median(old):F2} us, System.Text.Json median {Median(@new):F2} us; new/old per round: median {Median(ratios):F3}, middle half {ratios[rounds / 4]:F3}..{ratios[rounds * 3 / 4]:F3}, all {ratios[0]:F3}..{ratios[^1]:F3} ({rounds} rounds)"));
        }

        return 0;
    }

    private static double Time(Func<object?> read, int operations)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < operations; i++)
        {
            read();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / operations;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
