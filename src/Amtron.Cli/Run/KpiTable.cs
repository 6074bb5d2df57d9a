using System.Globalization;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Run;

/// <summary>The one-screen summary printed after a run.</summary>
internal static class KpiTable
{
    public static void Print(TextWriter output, Scenario scenario, SimulationResult result, IReadOnlyList<AssertionOutcome> assertions, double wallSeconds, string directory)
    {
        var c = CultureInfo.InvariantCulture;
        var max = result.MaxPhaseCurrent;
        output.WriteLine(string.Create(c, $"{scenario.Name}"));
        output.WriteLine(string.Create(c, $"  simulated        {TimeSpan.FromSeconds(result.SimulatedSeconds)} in {wallSeconds:F2} s wall, {result.Events} events, {result.Decisions} DLM decisions"));
        output.WriteLine(string.Create(c, $"  energy           {result.EnergyDeliveredKWh:F2} of {result.EnergyRequestedKWh:F2} kWh wanted"));
        output.WriteLine(string.Create(c, $"  sessions         {result.Sessions.Count} ({result.SessionsFullySatisfied} fully satisfied, {result.Sessions.Count(s => s.Rejected)} rejected)"));
        output.WriteLine(string.Create(c, $"  max grid current L1 {max[0].Value:F1} A, L2 {max[1].Value:F1} A, L3 {max[2].Value:F1} A; max imbalance {result.MaxImbalance.Value:F1} A"));
        output.WriteLine(string.Create(c, $"  limit violations {result.LimitViolationSeconds:F1} s, peak overshoot {result.PeakOvershoot.Value:F1} A; imbalance above limit {result.ImbalanceViolationSeconds:F1} s"));
        foreach (var (limit, seconds) in result.LimitViolationSecondsByLimit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(c, $"    {limit}: {seconds:F1} s"));
        }

        output.WriteLine(string.Create(c, $"  contactor cycles {result.ContactorCycles}"));
        foreach (var outcome in assertions)
        {
            output.WriteLine(string.Create(c, $"  {(outcome.Passed ? "ok    " : "FAILED")} {outcome.Assertion.Text} (actual {outcome.Actual:0.###})"));
        }

        output.WriteLine($"  results in {directory}");
    }
}
