using System.Globalization;
using System.Text;
using Amtron.Benchmarks.Allocate.Legacy;
using Amtron.Cli.Allocate;
using BenchmarkDotNet.Attributes;

namespace Amtron.Benchmarks.Allocate;

/// <summary>
/// Reading one `amtron allocate` request line: the hand-written JsonDocument reader it had (Legacy) against
/// System.Text.Json source generation with the shared settings rules. Requests as a tool sends them: every
/// setting page field used (meter, scheduler, imbalance, offset), a meter reading, charge points with 1 or 3 phases,
/// a vehicle ceiling and, for a third of them, measured currents.
/// </summary>
[MemoryDiagnoser]
public class AllocateReaderBenchmark
{
    private string _line = string.Empty;

    [Params(3, 250)]
    public int ChargePoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _line = Request(ChargePoints, new Random(42));
        if (LegacyAllocateRequestReader.Read(_line).Request is null || AllocateRequestReader.Read(_line).Request is null)
        {
            throw new InvalidOperationException("The benchmark request must be valid for both readers.");
        }
    }

    [Benchmark(Baseline = true)]
    public object? HandWritten() => LegacyAllocateRequestReader.Read(_line).Request;

    [Benchmark]
    public object? SystemTextJson() => AllocateRequestReader.Read(_line).Request;

    public static string Request(int points, Random random)
    {
        var supply = points * 10;
        var text = new StringBuilder(128 + (points * 140));
        text.Append(CultureInfo.InvariantCulture, $$"""{"settings":{"evseSubDistributionLimit":[{{supply}},{{supply}},{{supply}}],"operatorEvseSubDistributionLimit":[{{supply}},{{supply}},{{supply}}],"currentImbalancePrevention":true,"currentImbalanceLimit":20,""");
        text.Append(CultureInfo.InvariantCulture, $$"""
            "externalMeter":{"location":"excluding","mainDistributionLimit":[{{supply + 40}},{{supply + 40}},{{supply + 40}}],"externalLoadHeadroom":[2,2,2]},"maximumCurrentScheduler":[{"hour":0,"limit":[{{supply}},{{supply}},{{supply}}]},{"hour":16,"limit":[{{supply / 2}},{{supply / 2}},{{supply / 2}}]}],"meterDigitalInputCurrentOffset":[10,10,10]},
            """);
        text.Append(CultureInfo.InvariantCulture, $$"""
            "timeUtc":"2026-06-01T17:00:00Z","meter":{"currents":[{{random.Next(0, 4000) / 100.0}},{{random.Next(0, 4000) / 100.0}},{{random.Next(0, 4000) / 100.0}}]},"digitalInputActive":false,"chargePoints":[
            """);
        for (var i = 0; i < points; i++)
        {
            var phases = random.NextDouble() < 0.7 ? "\"L1\",\"L2\",\"L3\"" : $"\"L{(i % 3) + 1}\"";
            var requesting = random.NextDouble() < 0.9 ? "true" : "false";
            var ceiling = Math.Round(6 + (random.NextDouble() * 26), 1);
            text.Append(i == 0 ? string.Empty : ",");
            text.Append(CultureInfo.InvariantCulture, $$"""{"id":"CP{{i}}","installationCurrentLimit":32,"phases":[{{phases}}],"requesting":{{requesting}},"maxCurrent":{{ceiling}}""");
            text.Append(i % 3 == 0 ? ",\"measuredCurrents\":[6.1,6.0,5.9]}" : "}");
        }

        return text.Append("]}").ToString();
    }
}
